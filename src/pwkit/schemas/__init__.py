"""Pydantic schemas of the Project Work, and the registry the manifest binds sections to."""

from pydantic import BaseModel

from pwkit.schemas.analisi import BuonePratiche, Comune, Contesto, Fabbisogni, Obiettivi, Sintesi
from pwkit.schemas.attuazione import Competenze, Monitoraggio, Piano, Rete, Rischi, Sostenibilita
from pwkit.schemas.progetto import Progetto
from pwkit.schemas.servizio import (
    CatalogoServizi,
    Economia,
    Governance,
    Organizzazione,
    Piattaforme,
)

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
    )
}

__all__ = ["SECTION_MODELS", "Comune", "Progetto"]
