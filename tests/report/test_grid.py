"""The report's tables written as text are the bytes ``render.docx.tables`` writes, cell by cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pwkit.model.project import Project
from pwkit.pack.manifest import bundled_manifest
from pwkit.pack.registry import bundled_pack
from pwkit.render.docx import tables
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.report import grid
from pwkit.render.docx.table_xml import set_cell_shading
from pwkit.render.docx.tables import Column

Build = Callable[[RenderContext], None]

#: Text a cell may hold: apostrophes, XML's special characters, spaces at the edges, breaks,
#: tabs, characters XML forbids, a Windows line end, a no-break space, nothing at all.
AWKWARD = [
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
]


@pytest.fixture(scope="module")
def frame() -> Project:
    return Project(Path(), bundled_manifest(bundled_pack()), None, (), ())


def _body(frame: Project, build: Build) -> bytes:
    from lxml import etree

    document, numbering = create_document(frame)
    ctx = RenderContext(document, frame, numbering, Lookup.of(frame))
    build(ctx)
    ctx.paragraph("Dopo la tabella.")  # the spacing of what follows a table is unchanged
    return bytes(etree.tostring(document.element))


def _same(frame: Project, cell_by_cell: Build, as_text: Build) -> None:
    expected, written = _body(frame, cell_by_cell), _body(frame, as_text)
    assert b"<w:tbl>" in expected
    assert written == expected


def _rows(count: int, width: int) -> list[list[Any]]:
    return [[AWKWARD[(r + c) % len(AWKWARD)] for c in range(width)] for r in range(count)]


COLUMNS = [
    Column("Provincia", 2.2),
    Column("Numero", 0.8, "right"),
    Column("Tipo «A»", 1, "center"),
    Column("Note & altro", 3),
]


@pytest.mark.parametrize("count", [1, 2, 3, 11, 12, 13, 40])
@pytest.mark.parametrize("with_total", [False, True])
def test_data_tables_are_the_same_bytes(frame: Project, count: int, with_total: bool) -> None:
    rows = _rows(count, len(COLUMNS))
    total: list[Any] | None = ["Totale", "12", None, ""] if with_total else None
    caption = 'Una tabella con "virgolette", l\'apostrofo & a capo\nqui'

    def cell_by_cell(ctx: RenderContext) -> None:
        tables.data_table(ctx, caption, COLUMNS, rows, total=total)

    def as_text(ctx: RenderContext) -> None:
        grid.data_table(ctx, caption, COLUMNS, rows, total=total)

    _same(frame, cell_by_cell, as_text)


@pytest.mark.parametrize("count", [1, 2, 5, 12, 14, 30])
@pytest.mark.parametrize("long_values", [False, True])
def test_cards_are_the_same_bytes(frame: Project, count: int, long_values: bool) -> None:
    filler = "parola " * (90 if long_values else 1)
    items: list[tuple[str, Any]] = [
        (f"Voce {i}", [filler, "e poi"] if i % 2 else AWKWARD[i % len(AWKWARD)])
        for i in range(count)
    ]
    items[0] = ("Cartella", "/tmp/una cartella/con spazi")

    def cell_by_cell(ctx: RenderContext) -> None:
        tables.key_value_table(ctx, "Scheda: Provincia di Prova", items)

    def as_text(ctx: RenderContext) -> None:
        grid.key_value_table(ctx, "Scheda: Provincia di Prova", items)

    _same(frame, cell_by_cell, as_text)


def test_shaded_and_bold_cells_are_the_same_bytes(frame: Project) -> None:
    columns = [Column("Mentor", 2), Column("affianca", 0.8, "center"), Column("Province", 3)]
    rows: list[list[Any]] = [["Valdoria", "──►", "Montalto, Lagoverde"], ["Sud", "──►", None]]

    def cell_by_cell(ctx: RenderContext) -> None:
        table = tables.data_table(ctx, "Schema", columns, rows)
        for row in table.rows[1:]:
            cells = tables.row_cells(row)
            set_cell_shading(cells[0], "1F4E79")
            set_cell_shading(cells[2], "BDD7EE")
            for run in cells[0].paragraphs[0].runs:
                run.bold = True
        tables.data_table(ctx, "Calendario", columns, rows)
        second = ctx.document.tables[-1]
        set_cell_shading(tables.row_cells(second.rows[2])[1], "1F4E79")

    def as_text(ctx: RenderContext) -> None:
        fills = {(0, 0): "1F4E79", (0, 2): "BDD7EE", (1, 0): "1F4E79", (1, 2): "BDD7EE"}
        grid.data_table(ctx, "Schema", columns, rows, fills=fills, bold_columns=frozenset({0}))
        grid.data_table(ctx, "Calendario", columns, rows, fills={(1, 1): "1F4E79"})

    _same(frame, cell_by_cell, as_text)
