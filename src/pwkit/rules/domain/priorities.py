"""PW510: priority services starting soon after the first go-live."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import add_months, long_date, on_date
from pwkit.model.attuazione import Piano
from pwkit.model.enums import TipoMilestone
from pwkit.model.servizio import CatalogoServizi
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


@rule("PW510")
def check_priority_start(context: RuleContext) -> Iterator[Diagnostic]:
    """PW510: a priority-1 service starting too long after the first go-live milestone."""
    catalogue = context.project.get(CatalogoServizi)
    piano = context.project.get(Piano)
    if catalogue is None or piano is None or not context.whole(piano, "milestone"):
        return
    go_lives = [m for m in piano.milestone if m.tipo == TipoMilestone.AVVIO_SERVIZIO]
    if not go_lives:
        return
    first = min(go_lives, key=lambda m: m.data)
    months = context.thresholds.priority_start_months
    limit = add_months(first.data, months)
    for index, service in enumerate(catalogue.servizi):
        if service.priorita != 1 or service.avvio <= limit:
            continue
        yield finding(
            "PW510",
            f"Il servizio {service.id} ha priorità 1 ma si avvia {on_date(service.avvio)}, "
            f"più di {months} mesi dopo il primo avvio di un servizio ({first.id}, "
            f"{long_date(first.data)}).",
            f"Anticipa l'avvio entro {on_date(limit)} oppure abbassa la priorità del servizio a 2.",
            context.at(catalogue, ("servizi", index, "avvio")),
        )
