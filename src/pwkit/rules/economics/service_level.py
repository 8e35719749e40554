"""PW409: the service level the project aims at, against today's."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.model.analisi import BuonePratiche
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


@rule("PW409")
def check_target_level(context: RuleContext) -> Iterator[Diagnostic]:
    """PW409: ``livello_obiettivo`` lower than ``livello_attuale``."""
    pratiche = context.project.get(BuonePratiche)
    if pratiche is None or pratiche.livello_obiettivo >= pratiche.livello_attuale:
        return
    yield finding(
        "PW409",
        f"Il livello obiettivo ({pratiche.livello_obiettivo}) è più basso del livello attuale "
        f"({pratiche.livello_attuale}).",
        "Il progetto porta il servizio a un livello almeno uguale a quello di oggi: controlla "
        "di non aver scambiato livello_attuale e livello_obiettivo.",
        context.at(pratiche, ("livello_obiettivo",)),
    )
