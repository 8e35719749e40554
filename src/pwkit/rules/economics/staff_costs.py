"""PW405: each year's personnel cost lines against the roles' cost per FTE and months."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import money
from pwkit.model.enums import CategoriaCosto
from pwkit.model.servizio import Economia, Organizzazione, Ruolo
from pwkit.rules.context import RuleContext
from pwkit.rules.economics.amounts import dec, difference, plausible, within
from pwkit.rules.registry import rule

_TWELVE = Decimal(12)


def _months(role: Ruolo, year: int) -> int:
    """Months of ``year`` in which the role costs: from the month of ``dal``, inclusive."""
    if role.dal is None or year > role.dal.year:
        return 12
    if year < role.dal.year:
        return 0
    return 13 - role.dal.month


def _expected_personnel(roles: list[Ruolo], year: int) -> Decimal:
    """Σ fte × costo_annuo_fte × months / 12 over the roles, for ``year``."""
    return sum(
        (dec(r.fte) * r.costo_annuo_fte * _months(r, year) / _TWELVE for r in roles),
        Decimal(0),
    )


@rule("PW405")
def check_personnel_cost(context: RuleContext) -> Iterator[Diagnostic]:
    """PW405: a year's personnel cost lines far from roles × cost per FTE × months."""
    economia = context.project.get(Economia)
    organizzazione = context.project.get(Organizzazione)
    if economia is None or organizzazione is None:
        return
    if not (context.whole(economia, "costi") and context.whole(organizzazione, "ruoli")):
        return  # a total without a line left out as not valid would be wrong
    if not plausible(
        *(c.importo for c in economia.costi), *(r.costo_annuo_fte for r in organizzazione.ruoli)
    ):
        return
    tolerance = dec(context.thresholds.personnel_cost_tolerance)
    first: dict[int, int] = {}
    actual: dict[int, Decimal] = {}
    for index, cost in enumerate(economia.costi):
        if cost.categoria == CategoriaCosto.PERSONALE:
            first.setdefault(cost.anno, index)
            actual[cost.anno] = actual.get(cost.anno, Decimal(0)) + cost.importo
    for year in sorted(actual):
        expected = _expected_personnel(organizzazione.ruoli, year)
        if within(actual[year], expected, tolerance):
            continue
        yield finding(
            "PW405",
            f"Nel {year} le voci di costo del personale sommano {money(actual[year])}, "
            f"{difference(actual[year], expected, tolerance, 'costo dei ruoli')}.",
            f"Ricalcola il personale del {year} dai ruoli di 07-organizzazione.md: fte × "
            "costo_annuo_fte × mesi di servizio nell'anno ÷ 12, contando i mesi dal mese di "
            "«dal» compreso; oppure correggi fte, costo_annuo_fte o «dal» dei ruoli.",
            context.at(economia, ("costi", first[year])),
        )
