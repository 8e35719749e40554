"""Which tables each section's data gets: the registry from section model to renderer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pwkit.model.analisi import BuonePratiche, Contesto, Fabbisogni, Obiettivi, Sintesi
from pwkit.model.attuazione import Competenze, Monitoraggio, Piano, Rete, Rischi, Sostenibilita
from pwkit.model.servizio import CatalogoServizi, Economia, Governance, Organizzazione, Piattaforme
from pwkit.render.docx.analysis import (
    render_buone_pratiche,
    render_fabbisogni,
    render_obiettivi,
    render_sintesi,
)
from pwkit.render.docx.economics import render_economia
from pwkit.render.docx.monitoring import render_monitoraggio
from pwkit.render.docx.network import render_rete
from pwkit.render.docx.organisation import render_governance, render_organizzazione
from pwkit.render.docx.plan import render_piano
from pwkit.render.docx.risks import render_rischi
from pwkit.render.docx.services import render_catalogo, render_piattaforme
from pwkit.render.docx.sustainability import render_sostenibilita
from pwkit.render.docx.territory import render_contesto
from pwkit.render.docx.training import render_competenze

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pwkit.render.docx.context import RenderContext

Renderer = Callable[["RenderContext", Any], None]

#: Section model → the function that writes its tables (after the section's prose).
RENDERERS: dict[type[BaseModel], Renderer] = {
    Sintesi: render_sintesi,
    Contesto: render_contesto,
    Fabbisogni: render_fabbisogni,
    BuonePratiche: render_buone_pratiche,
    Obiettivi: render_obiettivi,
    CatalogoServizi: render_catalogo,
    Organizzazione: render_organizzazione,
    Governance: render_governance,
    Piattaforme: render_piattaforme,
    Economia: render_economia,
    Piano: render_piano,
    Rischi: render_rischi,
    Monitoraggio: render_monitoraggio,
    Rete: render_rete,
    Competenze: render_competenze,
    Sostenibilita: render_sostenibilita,
}


def render_structured(ctx: RenderContext, data: BaseModel | None) -> None:
    """Write the tables of one section's data; nothing when the data is absent or broken."""
    if data is None:
        return
    renderer = RENDERERS.get(type(data))
    if renderer is not None:
        renderer(ctx, data)
