"""PW309: each KPI target after its baseline and in the declared direction."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import long_date, number, to_date
from pwkit.model.attuazione import Monitoraggio
from pwkit.model.enums import Direzione
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


@rule("PW309")
def check_kpi_targets(context: RuleContext) -> Iterator[Diagnostic]:
    """PW309: a KPI target not after its baseline, or not in the declared direction."""
    monitoraggio = context.project.get(Monitoraggio)
    if monitoraggio is None:
        return
    for k, kpi in enumerate(monitoraggio.kpi):
        baseline = kpi.baseline
        for t, target in enumerate(kpi.target):
            if target.data <= baseline.data:
                yield finding(
                    "PW309",
                    f"Il KPI {kpi.id} ha un target {to_date(target.data)}, non dopo la data della "
                    f"baseline ({long_date(baseline.data)}).",
                    "Il target è il valore da raggiungere dopo la misura di partenza: indica "
                    "una data successiva a quella della baseline.",
                    context.at(monitoraggio, ("kpi", k, "target", t, "data")),
                )
            wrong = _against_direction(kpi.direzione, baseline.valore, target.valore)
            if wrong is not None:
                verb, comparison = wrong
                yield finding(
                    "PW309",
                    f"Il KPI {kpi.id} deve {verb}, ma il target {to_date(target.data)} "
                    f"({number(target.valore)}) non è {comparison} della baseline "
                    f"({number(baseline.valore)}).",
                    f"Indica un target {comparison} della baseline, oppure correggi "
                    "«direzione» («mantenere» se l'obiettivo è conservare il valore).",
                    context.at(monitoraggio, ("kpi", k, "target", t, "valore")),
                )


def _against_direction(
    direction: Direzione, baseline: float, target: float
) -> tuple[str, str] | None:
    """How a target misses its direction (verb, comparison), or ``None`` if it does not."""
    if direction == Direzione.AUMENTARE and not target > baseline:
        return "aumentare", "maggiore"
    if direction == Direzione.DIMINUIRE and not target < baseline:
        return "diminuire", "minore"
    return None
