"""PW408: amounts of money and percentages written as they can be (sign, decimals, 0–100)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple, TypeGuard

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import long_date, money, number
from pwkit.base.sourcemap import Path_
from pwkit.model.attuazione import Monitoraggio
from pwkit.model.edizione11 import OrganizzazioneCapacita
from pwkit.model.servizio import CatalogoServizi, Economia, Organizzazione, Piattaforme
from pwkit.rules.context import RuleContext
from pwkit.rules.economics.amounts import dec
from pwkit.rules.registry import rule

#: An SLA written as text with one number ("≤ 30", ">= 95,5"): the number it states.
_TEXT_NUMBER = re.compile(r"^\s*(?:[<>≤≥=]=?\s*)?(-?[0-9]+(?:[.,][0-9]+)?)\s*$")


_HUNDRED = Decimal(100)


def _declares(data: Organizzazione | None) -> TypeGuard[OrganizzazioneCapacita]:
    """Whether the organisation is of a template that declares the hiring capacity (1.1.0)."""
    return isinstance(data, OrganizzazioneCapacita)


def _money_fields(context: RuleContext) -> Iterator[tuple[BaseModel, Path_, str, Decimal]]:
    """Every amount of money in the project: holder, path, what it is, value."""
    project = context.project
    economia = project.get(Economia)
    if economia is not None:
        for i, cost in enumerate(economia.costi):
            yield (
                economia,
                ("costi", i, "importo"),
                f"L'importo della voce di costo «{cost.voce}»",
                cost.importo,
            )
        for i, line in enumerate(economia.finanziamenti):
            fonte = project.manifest.label("FonteFinanziamento", line.fonte)
            what = f"L'importo del finanziamento «{fonte}» del {line.anno}"
            yield economia, ("finanziamenti", i, "importo"), what, line.importo
        for i, tariff in enumerate(economia.tariffe):
            what = f"L'importo della tariffa del servizio {tariff.servizio}"
            yield economia, ("tariffe", i, "importo"), what, tariff.importo
    organizzazione = project.get(Organizzazione)
    if organizzazione is not None:
        for i, role in enumerate(organizzazione.ruoli):
            what = f"Il costo annuo per FTE del ruolo {role.id}"
            yield organizzazione, ("ruoli", i, "costo_annuo_fte"), what, role.costo_annuo_fte
    capacity = organizzazione.capacita_assunzionale if _declares(organizzazione) else None
    if organizzazione is not None and capacity is not None:
        for key, what in (
            ("spazi_disponibili", "L'importo della capacità assunzionale disponibile"),
            ("spazi_utilizzati", "L'importo della capacità assunzionale usata"),
        ):
            yield organizzazione, ("capacita_assunzionale", key), what, getattr(capacity, key)
    piattaforme = project.get(Piattaforme)
    if piattaforme is not None:
        for i, platform in enumerate(piattaforme.piattaforme):
            if platform.costo_annuo is not None:
                what = f"Il costo annuo della piattaforma {platform.id}"
                yield piattaforme, ("piattaforme", i, "costo_annuo"), what, platform.costo_annuo


def _decimals(value: Decimal) -> int:
    """Decimals as written (``12.500`` has 3)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class _PercentValue(NamedTuple):
    """A value whose unit is ``%``: where it is, what it is, as written and as a number."""

    data: BaseModel
    path: Path_
    what: str
    written: float | str
    number: Decimal | None


def _percent_values(context: RuleContext) -> Iterator[_PercentValue]:
    """KPI baselines and targets, and SLA values, whose unit is exactly ``%``."""
    monitoraggio = context.project.get(Monitoraggio)
    if monitoraggio is not None:
        for i, kpi in enumerate(monitoraggio.kpi):
            if kpi.unita.strip() != "%":
                continue
            base = kpi.baseline.valore
            yield _PercentValue(
                monitoraggio,
                ("kpi", i, "baseline", "valore"),
                f"La baseline del KPI {kpi.id}",
                base,
                dec(base),
            )
            for j, target in enumerate(kpi.target):
                yield _PercentValue(
                    monitoraggio,
                    ("kpi", i, "target", j, "valore"),
                    f"Il target del KPI {kpi.id} al {long_date(target.data)}",
                    target.valore,
                    dec(target.valore),
                )
    catalogo = context.project.get(CatalogoServizi)
    if catalogo is not None:
        for i, service in enumerate(catalogo.servizi):
            for j, sla in enumerate(service.sla):
                if sla.unita.strip() == "%":
                    yield _PercentValue(
                        catalogo,
                        ("servizi", i, "sla", j, "valore"),
                        f"Il livello di servizio «{sla.indicatore}» del servizio {service.id}",
                        sla.valore,
                        _sla_number(sla.valore),
                    )


def _sla_number(value: float | str) -> Decimal | None:
    """The number an SLA states: a number, or text such as "≤ 30" (``None`` if none)."""
    if not isinstance(value, str):
        return dec(value)
    match = _TEXT_NUMBER.match(value)
    return Decimal(match.group(1).replace(",", ".")) if match else None


@rule("PW408")
def check_money(context: RuleContext) -> Iterator[Diagnostic]:
    """PW408: money negative or with more than 2 decimals; a ``%`` value outside 0–100."""
    for data, path, what, value in _money_fields(context):
        if value < 0:
            yield finding(
                "PW408",
                f"{what} è negativo: {money(value)}.",
                "Gli importi sono in euro e non negativi: una minore spesa o un'entrata va "
                "scritta come finanziamento, non come costo negativo.",
                context.at(data, path),
            )
        elif _decimals(value) > 2:
            yield finding(
                "PW408",
                f"{what} ha più di due decimali: {value}.",
                "Scrivi l'importo con al massimo due decimali e il punto come separatore "
                "decimale, senza separatore delle migliaia (1234.50, non 1.234,50).",
                context.at(data, path),
            )
    for item in _percent_values(context):
        if item.number is None or 0 <= item.number <= _HUNDRED:
            continue
        written = f" («{item.written}»)" if isinstance(item.written, str) else ""
        yield finding(
            "PW408",
            f"{item.what} è {number(item.number)}%{written}, fuori dall'intervallo 0–100.",
            "Una percentuale sta tra 0 e 100: correggi il valore, oppure cambia l'unità di "
            "misura se non è una percentuale.",
            context.at(item.data, item.path),
        )
