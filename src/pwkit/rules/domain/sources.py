"""PW514: a good practice names its source, an act or document and its date (1.1.0)."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.model.edizione11 import BuonePraticheFonti
from pwkit.rules.context import RuleContext
from pwkit.rules.domain.legal import blank
from pwkit.rules.registry import rule


@rule("PW514")
def check_practice_sources(context: RuleContext) -> Iterator[Diagnostic]:
    """PW514: a good practice without its source (``fonte``) or the source's date."""
    practices = context.project.get(BuonePraticheFonti)
    if practices is None:
        return
    for index, practice in enumerate(practices.buone_pratiche):
        missing = [
            name
            for name, value in (("fonte", practice.fonte), ("fonte_data", practice.fonte_data))
            if value is None or (isinstance(value, str) and blank(value))
        ]
        if not missing:
            continue
        yield finding(
            "PW514",
            f"La buona pratica di {practice.ente} non indica "
            + ("la fonte" if "fonte" in missing else "la data della fonte")
            + (" né la sua data." if len(missing) > 1 else "."),
            "Una buona pratica è una fonte, non un'affermazione: scrivi in «fonte» l'atto o il "
            "documento (deliberazione, convenzione, relazione), in «fonte_data» la sua data e, "
            "se è pubblicato, in «fonte_link» l'indirizzo; i numeri solo se la fonte li dà.",
            context.at(practices, ("buone_pratiche", index, "ente")),
        )
