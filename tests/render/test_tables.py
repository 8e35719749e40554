"""Tables and the Gantt chart are written as XML text: the bytes of the reviewed goldens.

The goldens in ``tests/data/tables`` were written by the cell-by-cell writer these functions
replaced (python-docx's cells and merging, lxml elements filled one by one), on the cases below,
and reviewed. A table written otherwise fails on its first wrong byte.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pwkit.base.diagnostics import CheckReport
from pwkit.model.project import Project
from pwkit.pack.manifest import bundled_manifest
from pwkit.pack.registry import bundled_pack
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.tables import Column, _wrapped, data_table, key_value_table

Build = Callable[[RenderContext], None]
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "tables"

#: Text a cell may hold: apostrophes, XML's special characters, spaces at the edges, breaks,
#: tabs, characters XML forbids, a Windows line end, a no-break space, nothing at all, and
#: values still as the template left them (highlighted in a draft).
AWKWARD: list[Any] = [
    "dell'UPD e l'Ufficio",
    'A & B <c> "d"',
    " spazio davanti",
    "spazio dietro ",
    "una riga\nun'altra",
    "prima\tdopo",
    "campanello\x07 e \x0b a capo",
    "fine riga Windows\r\nseconda",
    "1.234\xa0€",
    "",
    None,
    [],
    ["riga uno", "", "riga tre"],
    "DA COMPILARE: il numero dei Comuni",
    "  DA COMPILARE",
    ["DA COMPILARE: prima riga", "seconda riga"],
    "non DA COMPILARE",
]

COLUMNS = [
    Column("Provincia", 2.2),
    Column("Numero", 0.8, "right"),
    Column("Tipo «A»", 1, "center"),
    Column("Note & altro", 3),
]
CAPTION = 'Una tabella con "virgolette", l\'apostrofo & a capo\nqui'
#: Columns and rows of the shaded tables (a mentoring scheme, a calendar).
SHADED_COLUMNS = [Column("Mentor", 2), Column("affianca", 0.8, "center"), Column("Province", 3)]
SHADED_ROWS: list[list[Any]] = [
    ["Valdoria", "──►", "Montalto, Lagoverde"],
    ["DA COMPILARE: mentor", "──►", None],
    ["Sud", "", ["Ovest", "DA COMPILARE"]],
]
SCHEMA_FILLS = {(r, 0): "1F4E79" for r in range(3)} | {(r, 2): "BDD7EE" for r in range(3)}
CALENDAR_FILLS = {(1, 1): "1F4E79", (2, 0): "F4B6B6"}


def rows_of(count: int, width: int) -> list[list[Any]]:
    """``count`` rows of awkward values, shifted by one column on each row."""
    return [[AWKWARD[(r + c) % len(AWKWARD)] for c in range(width)] for r in range(count)]


def build_data_tables(ctx: RenderContext) -> None:
    """Short and long tables (kept whole or by their edges), with and without a total row."""
    for count in (1, 2, 3, 11, 12, 13, 40):
        for total in (None, ["Totale", "12", None, "DA COMPILARE: totale"]):
            data_table(ctx, f"{CAPTION} ({count})", COLUMNS, rows_of(count, 4), total=total)
            ctx.paragraph("Dopo la tabella.")  # the spacing of what follows a table


def card_items(count: int, long_values: bool) -> list[tuple[str, Any]]:
    """A card's labels and values; long values make a card longer than a page."""
    filler = "parola " * (90 if long_values else 1)
    items: list[tuple[str, Any]] = [
        (f"Voce {i}", [filler, "e poi"] if i % 2 else AWKWARD[i % len(AWKWARD)])
        for i in range(count)
    ]
    items[0] = ("Cartella", "/tmp/una cartella/con spazi")
    return items


def build_cards(ctx: RenderContext) -> None:
    """Cards kept on one page, and cards longer than a page (kept by their edges)."""
    for count in (1, 2, 5, 12, 14, 30):
        for long_values in (False, True):
            key_value_table(ctx, "Scheda: Provincia di Prova", card_items(count, long_values))
            ctx.paragraph("Dopo la scheda.")
    key_value_table(ctx, "Scheda stretta", card_items(4, False), weights=(1.0, 1.0))


def build_shaded(ctx: RenderContext) -> None:
    """Cells shaded by (row, column) and a bold first column, as the report and risks use."""
    data_table(
        ctx,
        "Schema",
        SHADED_COLUMNS,
        SHADED_ROWS,
        fills=SCHEMA_FILLS,
        bold_columns=frozenset({0}),
    )
    data_table(ctx, "Calendario", SHADED_COLUMNS, SHADED_ROWS, fills=CALENDAR_FILLS)
    ctx.paragraph("Dopo la tabella.")


def plans() -> dict[str, Any]:
    """Plans whose charts have months, quarters, years, groups of years, one month, long rows."""
    from pwkit.model.attuazione import Attivita, Fase, Milestone, Piano

    def plan(start: dt.date, end: dt.date, activities: int, name: str = "Attività") -> Any:
        middle = start + (end - start) / 2
        phases = [
            Fase.model_construct(id="F1", nome="Avvio e governance", inizio=start, fine=middle),
            Fase.model_construct(id="DA COMPILARE", nome="Fase", inizio=middle, fine=end),
        ]
        step = (end - start) / max(activities, 1)
        items = [
            Attivita.model_construct(
                id=f"A{n}",
                fase="F1" if n % 3 else "F9",
                nome=f"{name} {n} dell'Ufficio & <altro>",
                inizio=start + step * n,
                fine=min(end, start + step * (n + 2)),
            )
            for n in range(activities)
        ]
        milestones = [
            Milestone.model_construct(id="M1", nome="Avvio", data=start),
            Milestone.model_construct(id="M2", nome="Chiusura", data=end),
        ]
        return Piano.model_construct(fasi=phases, attivita=items, milestone=milestones)

    day = dt.date
    return {
        "mesi": plan(day(2026, 2, 10), day(2028, 6, 30), 6),
        "trimestri": plan(day(2026, 1, 1), day(2031, 12, 31), 8),
        "anni": plan(day(2020, 3, 1), day(2049, 12, 31), 4),
        "decenni": plan(day(1900, 1, 1), day(2200, 1, 1), 3),
        "un-mese": plan(day(2026, 5, 3), day(2026, 5, 20), 1),
        "lunga": plan(day(2026, 1, 1), day(2027, 12, 31), 45, "Attività " + "lunga " * 9),
    }


def build_gantt(name: str) -> Build:
    """The chart of the plan ``name`` of :func:`plans`."""
    from pwkit.render.docx.sections.gantt import render_gantt

    def build(ctx: RenderContext) -> None:
        render_gantt(ctx, plans()[name])

    return build


#: Golden file name → how its body is written.
CASES: dict[str, Build] = {
    "data-tables": build_data_tables,
    "cards": build_cards,
    "shaded": build_shaded,
    **{f"gantt-{name}": build_gantt(name) for name in plans()},
}


@pytest.fixture(scope="module")
def frame() -> Project:
    return Project(Path(), bundled_manifest(bundled_pack()), None, (), ())


def body_of(frame: Project, build: Build, *, draft: bool) -> bytes:
    """The XML of the body of a new document after ``build`` wrote into it."""
    from lxml import etree

    document, numbering = create_document(frame)
    report = CheckReport() if draft else None
    ctx = RenderContext(document, frame, numbering, Lookup.of(frame), draft=report)
    build(ctx)
    return bytes(etree.tostring(document.body))


def golden(name: str, *, draft: bool) -> Path:
    return GOLDEN / f"{name}{'-bozza' if draft else ''}.xml"


@pytest.mark.parametrize("draft", [False, True], ids=["final", "draft"])
@pytest.mark.parametrize("name", list(CASES))
def test_tables_are_the_bytes_of_the_goldens(frame: Project, name: str, draft: bool) -> None:
    written = body_of(frame, CASES[name], draft=draft)
    assert b"<w:tbl>" in written
    assert written == golden(name, draft=draft).read_bytes()


def test_a_draft_highlights_the_values_left_as_in_the_template(frame: Project) -> None:
    """Only a draft marks them, and only them (the goldens hold the details)."""
    final = body_of(frame, build_shaded, draft=False)
    draft = body_of(frame, build_shaded, draft=True)
    assert b"w:highlight" not in final
    highlighted = b'<w:rPr><w:b/><w:highlight w:val="yellow"/></w:rPr><w:t>DA COMPILARE: mentor'
    assert highlighted in draft
    assert draft.count(b"<w:highlight") == 4  # in each table: the mentor, «DA COMPILARE»


@settings(max_examples=400, deadline=None)
@given(
    line=st.text(st.sampled_from(" \t-–ab\u00a0\u2003àxyz,.\r\x0b"), max_size=60),
    per_line=st.integers(1, 40),
)
def test_a_cell_line_wraps_as_textwrap_counts_it(line: str, per_line: int) -> None:
    """The row estimate's shortcut for short lines counts what ``textwrap.wrap`` counts."""
    assert _wrapped(line, per_line) == (len(textwrap.wrap(line, per_line)) or 1)
