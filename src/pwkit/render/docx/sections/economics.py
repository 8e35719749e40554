"""Tables of ``Economia``: costs by year, tariffs, financing and the yearly balance."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from pwkit.model.enums import CategoriaCosto
from pwkit.render.docx.formatting import DASH, money, number, percent
from pwkit.render.docx.tables import Cell, Column, data_table

if TYPE_CHECKING:
    from pwkit.model.servizio import Economia, Tariffa
    from pwkit.render.docx.context import RenderContext

ZERO = Decimal(0)


def costs_by_year(data: Economia) -> dict[int, Decimal]:
    """Σ costs per year (each cost line counts in its ``anno`` only)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for cost in data.costi:
        totals[cost.anno] += cost.importo
    return dict(totals)


def financing_by_year(data: Economia) -> dict[int, Decimal]:
    """Σ financing per year, all sources."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for item in data.finanziamenti:
        totals[item.anno] += item.importo
    return dict(totals)


def _coverage(financing: Decimal, costs: Decimal) -> str:
    return percent(float(financing / costs)) if costs else DASH


def _volumes(tariff: Tariffa) -> str | None:
    if tariff.volumi:
        return "; ".join(f"{year}: {number(v)}" for year, v in sorted(tariff.volumi.items()))
    return number(tariff.volume_stimato) if tariff.volume_stimato is not None else None


def render_economia(ctx: RenderContext, data: Economia) -> None:
    """Cost lines, costs by category and year, tariffs, financing and the yearly plan."""
    label = ctx.label
    data_table(
        ctx,
        "Voci di costo",
        [
            Column("Voce", 2.6),
            Column("Categoria", 1.3),
            Column("Tipo", 1.1),
            Column("Anno", 0.7, "center"),
            Column("Importo", 1.3, "right"),
            Column("Servizio", 1.2),
        ],
        [
            [
                c.voce,
                label(c.categoria),
                label(c.tipo),
                str(c.anno),
                money(c.importo),
                c.servizio,
            ]
            for c in data.costi
        ],
        total=["Totale", "", "", "", money(sum((c.importo for c in data.costi), ZERO)), ""],
    )

    years = sorted({c.anno for c in data.costi})
    by_category: dict[CategoriaCosto, dict[int, Decimal]] = {}
    for cost in data.costi:
        by_category.setdefault(cost.categoria, defaultdict(Decimal))[cost.anno] += cost.importo
    yearly = costs_by_year(data)
    rows: list[list[Cell]] = []
    for category in CategoriaCosto:
        if category in by_category:
            amounts = by_category[category]
            rows.append(
                [
                    label(category),
                    *(money(amounts[y]) if y in amounts else DASH for y in years),
                    money(sum(amounts.values(), ZERO)),
                ]
            )
    data_table(
        ctx,
        "Costi per categoria e anno",
        [
            Column("Categoria", 1.6),
            *(Column(str(y), 1.2, "right") for y in years),
            Column("Totale", 1.3, "right"),
        ],
        rows,
        total=["Totale", *(money(yearly[y]) for y in years), money(sum(yearly.values(), ZERO))],
    )

    data_table(
        ctx,
        "Tariffe per i Comuni",
        [
            Column("Servizio", 2.2),
            Column("Modello tariffario", 1.5),
            Column("Importo unitario", 1.2, "right"),
            Column("Volume stimato", 1.3, "right"),
            Column("Note", 2),
        ],
        [
            [ctx.lookup.ref(t.servizio), label(t.modello), money(t.importo), _volumes(t), t.note]
            for t in data.tariffe
        ],
    )

    data_table(
        ctx,
        "Fonti di finanziamento",
        [
            Column("Fonte", 1.8),
            Column("Anno", 0.7, "center"),
            Column("Importo", 1.3, "right"),
            Column("Descrizione", 3),
        ],
        [
            [label(f.fonte), str(f.anno), money(f.importo), f.descrizione]
            for f in data.finanziamenti
        ],
        total=["Totale", "", money(sum((f.importo for f in data.finanziamenti), ZERO)), ""],
    )

    financing = financing_by_year(data)
    plan_years = sorted(set(yearly) | set(financing))
    plan_rows: list[list[Cell]] = []
    for year in plan_years:
        spent = yearly.get(year, ZERO)
        funds = financing.get(year, ZERO)
        plan_rows.append(
            [str(year), money(spent), money(funds), money(funds - spent), _coverage(funds, spent)]
        )
    all_costs = sum(yearly.values(), ZERO)
    all_funds = sum(financing.values(), ZERO)
    data_table(
        ctx,
        "Piano economico annuale: costi, finanziamenti, saldo e copertura",
        [
            Column("Anno", 0.8, "center"),
            Column("Costi", 1.4, "right"),
            Column("Finanziamenti", 1.4, "right"),
            Column("Saldo", 1.4, "right"),
            Column("Copertura dei costi", 1.2, "right"),
        ],
        plan_rows,
        total=[
            "Totale",
            money(all_costs),
            money(all_funds),
            money(all_funds - all_costs),
            _coverage(all_funds, all_costs),
        ],
    )
