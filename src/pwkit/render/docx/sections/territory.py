"""Tables of ``Contesto``: the Comuni of the territory (aggregates, sizes), forme associative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from pwkit.model.enums import SiNo
from pwkit.render.docx.formatting import DASH, fixed, number, percent
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.analisi import Comune, Contesto
    from pwkit.render.docx.context import RenderContext


class SizeClass(NamedTuple):
    """A population class of Comuni: ``low`` ≤ population < ``high``."""

    label: str
    low: int
    high: int | None

    def __contains__(self, population: object) -> bool:
        if not isinstance(population, int):
            return False
        return population >= self.low and (self.high is None or population < self.high)


SIZE_CLASSES: tuple[SizeClass, ...] = (
    SizeClass("meno di 1.000", 0, 1_000),
    SizeClass("1.000–4.999", 1_000, 5_000),
    SizeClass("5.000–14.999", 5_000, 15_000),
    SizeClass("15.000–59.999", 15_000, 60_000),
    SizeClass("60.000 e oltre", 60_000, None),
)


def _staff_rate(comuni: Sequence[Comune]) -> str:
    population = sum(c.popolazione for c in comuni)
    if not population:
        return DASH
    return fixed(sum(c.dipendenti for c in comuni) / population * 1000, 1)


def _share(part: int, whole: int) -> str:
    return percent(part / whole) if whole else DASH


def comuni_summary(ctx: RenderContext, comuni: Sequence[Comune]) -> None:
    """Key figures of the Comuni of the territory."""
    count = len(comuni)
    population = sum(c.popolazione for c in comuni)
    small = sum(1 for c in comuni if c.popolazione < 5_000)
    with_office = sum(1 for c in comuni if c.ufficio_personale == SiNo.SI)
    items: list[tuple[str, Cell]] = [
        ("Comuni", number(count)),
        ("Popolazione residente", number(population)),
        ("Popolazione media per Comune", fixed(population / count, 0)),
        ("Comuni sotto i 5.000 abitanti", f"{number(small)} ({_share(small, count)})"),
        ("Dipendenti comunali", number(sum(c.dipendenti for c in comuni))),
        ("Dipendenti ogni 1.000 abitanti", _staff_rate(comuni)),
        (
            "Comuni con un ufficio personale",
            f"{number(with_office)} ({_share(with_office, count)})",
        ),
    ]
    fte = [c.fte_personale for c in comuni if c.fte_personale is not None]
    if fte:
        items.append(("FTE dedicati alla gestione del personale", number(round(sum(fte), 2))))
    in_union = sum(1 for c in comuni if c.unione)
    if in_union:
        unions = len({c.unione for c in comuni if c.unione})
        items.append(("Comuni in un'Unione", f"{number(in_union)} (Unioni: {number(unions)})"))
    key_value_table(ctx, "I Comuni del territorio: dati di sintesi", items)


def comuni_by_size(ctx: RenderContext, comuni: Sequence[Comune]) -> None:
    """Distribution of Comuni, population and staff by population class."""
    count = len(comuni)
    population = sum(c.popolazione for c in comuni)
    rows: list[list[Cell]] = []
    for size in SIZE_CLASSES:
        members = [c for c in comuni if c.popolazione in size]
        people = sum(c.popolazione for c in members)
        rows.append(
            [
                size.label,
                number(len(members)),
                _share(len(members), count),
                number(people),
                _share(people, population),
                _staff_rate(members),
            ]
        )
    total: list[Cell] = [
        "Totale",
        number(count),
        _share(count, count),
        number(population),
        _share(population, population),
        _staff_rate(comuni),
    ]
    data_table(
        ctx,
        "Comuni per classe di popolazione",
        [
            Column("Classe di popolazione", 1.8),
            Column("Comuni", 1, "right"),
            Column("% Comuni", 1, "right"),
            Column("Popolazione", 1.3, "right"),
            Column("% popolazione", 1.1, "right"),
            Column("Dipendenti ogni 1.000 abitanti", 1.4, "right"),
        ],
        rows,
        total=total,
    )


def render_contesto(ctx: RenderContext, data: Contesto) -> None:
    """Comuni aggregates (from the CSV) and the existing forme associative."""
    comuni = ctx.project.comuni
    if comuni:
        comuni_summary(ctx, comuni)
        comuni_by_size(ctx, comuni)
    if data.forme_associative:
        data_table(
            ctx,
            "Forme associative esistenti",
            [
                Column("Tipo", 1),
                Column("Denominazione", 2),
                Column("Comuni", 0.8, "right"),
                Column("Funzioni gestite", 2.6),
            ],
            [
                [ctx.label(f.tipo), f.denominazione, number(f.comuni), f.funzioni]
                for f in data.forme_associative
            ],
        )
