"""The section models, by the name a manifest binds a section to (``model:``)."""

from __future__ import annotations

from pydantic import BaseModel

from pwkit.model.analisi import BuonePratiche, Comune, Contesto, Fabbisogni, Obiettivi, Sintesi
from pwkit.model.attuazione import Competenze, Monitoraggio, Piano, Rete, Rischi, Sostenibilita
from pwkit.model.common import Model
from pwkit.model.edizione11 import (
    BuonePraticheFonti,
    CatalogoServiziTutele,
    OrganizzazioneCapacita,
)
from pwkit.model.progetto import Progetto
from pwkit.model.servizio import CatalogoServizi, Economia, Governance, Organizzazione, Piattaforme


class SoloTesto(Model):
    """A section of prose only: a template adds it with no Python, its front matter empty."""


#: Section models by the name the manifest uses (``model:``).
SECTION_MODELS: dict[str, type[BaseModel]] = {
    cls.__name__: cls
    for cls in (
        Sintesi,
        Contesto,
        Fabbisogni,
        BuonePratiche,
        Obiettivi,
        CatalogoServizi,
        Organizzazione,
        Governance,
        Piattaforme,
        Economia,
        Piano,
        Rischi,
        Monitoraggio,
        Rete,
        Competenze,
        Sostenibilita,
        SoloTesto,
        BuonePraticheFonti,
        CatalogoServiziTutele,
        OrganizzazioneCapacita,
    )
}

__all__ = ["SECTION_MODELS", "Comune", "Progetto"]
