"""The tables of each section's data: one module per data model, chosen by the data's model."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pwkit.model.plain import model_names
from pwkit.render.docx.sections.economics import render_economia
from pwkit.render.docx.sections.governance import render_governance
from pwkit.render.docx.sections.monitoring import render_monitoraggio
from pwkit.render.docx.sections.needs import render_fabbisogni
from pwkit.render.docx.sections.network import render_rete
from pwkit.render.docx.sections.objectives import render_obiettivi
from pwkit.render.docx.sections.organisation import render_organizzazione
from pwkit.render.docx.sections.plan import render_piano
from pwkit.render.docx.sections.platforms import render_piattaforme
from pwkit.render.docx.sections.practices import render_buone_pratiche
from pwkit.render.docx.sections.risks import render_rischi
from pwkit.render.docx.sections.services import render_catalogo
from pwkit.render.docx.sections.summary import render_sintesi
from pwkit.render.docx.sections.sustainability import render_sostenibilita
from pwkit.render.docx.sections.territory import render_contesto
from pwkit.render.docx.sections.training import render_competenze

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext

Renderer = Callable[["RenderContext", Any], None]

#: Section model (by class name) → the function that writes its tables (after the section's
#: prose). A section whose model is not here (prose only, or data without tables) gets its prose
#: only. Names, not classes: the data may be records read back from the check cache.
RENDERERS: dict[str, Renderer] = {
    "Sintesi": render_sintesi,
    "Contesto": render_contesto,
    "Fabbisogni": render_fabbisogni,
    "BuonePratiche": render_buone_pratiche,
    "Obiettivi": render_obiettivi,
    "CatalogoServizi": render_catalogo,
    "Organizzazione": render_organizzazione,
    "Governance": render_governance,
    "Piattaforme": render_piattaforme,
    "Economia": render_economia,
    "Piano": render_piano,
    "Rischi": render_rischi,
    "Monitoraggio": render_monitoraggio,
    "Rete": render_rete,
    "Competenze": render_competenze,
    "Sostenibilita": render_sostenibilita,
}


def render_structured(ctx: RenderContext, data: object | None) -> None:
    """Write the tables of one section's data; nothing when the data is absent or broken."""
    if data is None:
        return
    # A template's newer schema extends an older one (pwkit.model.edizione11): same tables.
    renderer = next((RENDERERS[n] for n in model_names(data) if n in RENDERERS), None)
    if renderer is not None:
        renderer(ctx, data)
