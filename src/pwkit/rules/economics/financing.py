"""PW406–PW407: each year's financing against its costs, and the quotas against the tariffs."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import money, number
from pwkit.model.enums import FonteFinanziamento
from pwkit.model.servizio import Economia, Tariffa
from pwkit.rules.context import RuleContext
from pwkit.rules.economics.amounts import dec, difference, plausible, within
from pwkit.rules.registry import rule


@rule("PW406")
def check_financing_balance(context: RuleContext) -> Iterator[Diagnostic]:
    """PW406: a year's financing below its costs, or above the maximum multiple of them."""
    economia = context.project.get(Economia)
    if economia is None or not _whole(context, economia, "costi", "finanziamenti"):
        return
    if not plausible(
        *(c.importo for c in economia.costi), *(f.importo for f in economia.finanziamenti)
    ):
        return
    ratio = dec(context.thresholds.financing_max_ratio)
    first: dict[int, int] = {}
    costs: dict[int, Decimal] = {}
    for index, cost in enumerate(economia.costi):
        first.setdefault(cost.anno, index)
        costs[cost.anno] = costs.get(cost.anno, Decimal(0)) + cost.importo
    financing: dict[int, Decimal] = {}
    for line in economia.finanziamenti:
        financing[line.anno] = financing.get(line.anno, Decimal(0)) + line.importo
    for year in sorted(costs):
        spent, funded = costs[year], financing.get(year, Decimal(0))
        where = context.at(economia, ("costi", first[year]))
        if funded < spent:
            yield finding(
                "PW406",
                f"Nel {year} i finanziamenti ({money(funded)}) non coprono i costi "
                f"({money(spent)}): mancano {money(spent - funded)}.",
                f"Aggiungi o aumenta i finanziamenti del {year} (bilancio provinciale, quote dei "
                "Comuni, tasse di concorso, fondi esterni) oppure riduci i costi: il piano deve "
                "essere coperto anno per anno.",
                where,
            )
        elif funded > ratio * spent:
            yield finding(
                "PW406",
                f"Nel {year} i finanziamenti ({money(funded)}) superano di oltre "
                f"{number(ratio)} volte i costi ({money(spent)}).",
                f"Controlla di aver messo tutti i costi del {year} (ogni voce conta solo nel suo "
                "«anno»: ripetila per ogni anno) oppure riduci i finanziamenti sovrastimati.",
                where,
            )


def _whole(context: RuleContext, data: BaseModel, *lists: str) -> bool:
    """Whether no item of the named lists was left out as not valid (totals would be wrong)."""
    return all(context.whole(data, name) for name in lists)


def _volume(tariff: Tariffa, year: int) -> Decimal:
    """Units of the tariff in ``year``: ``volumi`` of the year, else ``volume_stimato``, else 0."""
    if tariff.volumi and year in tariff.volumi:
        return dec(tariff.volumi[year])
    if tariff.volume_stimato is not None:
        return dec(tariff.volume_stimato)
    return Decimal(0)


@rule("PW407")
def check_quote_comuni(context: RuleContext) -> Iterator[Diagnostic]:
    """PW407: a year's ``quote_comuni`` financing far from Σ tariff × volume."""
    economia = context.project.get(Economia)
    if economia is None or not _whole(context, economia, "tariffe", "finanziamenti"):
        return
    if not plausible(
        *(t.importo for t in economia.tariffe), *(f.importo for f in economia.finanziamenti)
    ):
        return
    tolerance = dec(context.thresholds.quote_comuni_tolerance)
    first: dict[int, int] = {}
    quotes: dict[int, Decimal] = {}
    for index, line in enumerate(economia.finanziamenti):
        if line.fonte == FonteFinanziamento.QUOTE_COMUNI:
            first.setdefault(line.anno, index)
            quotes[line.anno] = quotes.get(line.anno, Decimal(0)) + line.importo
    for year in sorted(quotes):
        parts = [(t, t.importo * _volume(t, year)) for t in economia.tariffe]
        expected = sum((amount for _, amount in parts), Decimal(0))
        if within(quotes[year], expected, tolerance):
            continue
        detail = "; ".join(
            f"{t.servizio} {money(t.importo)} × {number(_volume(t, year))} = {money(amount)}"
            for t, amount in parts
            if amount
        )
        yield finding(
            "PW407",
            f"Nel {year} le quote dei Comuni sommano {money(quotes[year])}, "
            f"{difference(quotes[year], expected, tolerance, 'ricavo di tariffe × volumi')}.",
            f"Allinea le quote_comuni del {year} a importo × volume delle tariffe (il volume "
            "dell'anno in «volumi», altrimenti «volume_stimato»)"
            + (f": {detail}." if detail else "; nessuna tariffa ha un ricavo in quell'anno."),
            context.at(economia, ("finanziamenti", first[year])),
        )
