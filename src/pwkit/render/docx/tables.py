"""Tables from rows: caption with a SEQ number, styled header row, fixed widths, total row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pwkit.render.docx.document import TABLE_STYLE, TABLE_TEXT_STYLE, text_width
from pwkit.render.docx.formatting import DASH
from pwkit.render.docx.oxml import (
    add_field,
    add_run,
    keep_row_together,
    mark_header_row,
    set_table_caption,
    set_table_look,
    set_table_widths,
)

if TYPE_CHECKING:
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from pwkit.render.docx.context import RenderContext

#: What a cell shows: text, several lines (one paragraph each), or nothing (a dash).
Cell = str | Sequence[str] | None
Align = Literal["left", "center", "right"]

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


@dataclass(frozen=True)
class Column:
    """A column: header text, relative width and alignment (numbers go right)."""

    header: str
    weight: float = 1.0
    align: Align = "left"


def widths_for(weights: Sequence[float], total: int) -> list[int]:
    """Split ``total`` twips in proportion to ``weights``; the sum is exactly ``total``."""
    scale = sum(weights)
    widths = [int(total * w / scale) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def add_caption(ctx: RenderContext, text: str) -> Paragraph:
    """``Tabella N – text`` in the Caption style; N is a SEQ field with its value pre-filled."""
    number = ctx.next_table()
    paragraph = ctx.paragraph(style="Caption")
    add_run(paragraph, "Tabella ")
    add_field(paragraph, "SEQ Tabella \\* ARABIC", str(number))
    add_run(paragraph, f" – {text}")
    return paragraph


def new_table(
    ctx: RenderContext,
    rows: int,
    weights: Sequence[float],
    *,
    caption: str | None,
    header: bool = True,
    total: bool = False,
    first_column: bool = False,
) -> Table:
    """An empty table in pwkit's table style, sized to the text width, after its caption."""
    if caption:
        add_caption(ctx, caption)
    table = ctx.document.add_table(rows=rows, cols=len(weights))
    table.style = ctx.style(TABLE_STYLE)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_table_widths(table, widths_for(weights, text_width(ctx.document)))
    set_table_look(table, first_row=header, last_row=total, first_column=first_column)
    if caption:
        set_table_caption(table, caption)
    for index, row in enumerate(table.rows):
        keep_row_together(row)
        if header and index == 0:
            mark_header_row(row)
    return table


def write_cell(ctx: RenderContext, cell: _Cell, value: Cell, align: Align = "left") -> None:
    """Fill an empty cell: one paragraph per line, in the table text style."""
    lines: Sequence[str]
    if value is None or value == "":
        lines = [DASH]
    elif isinstance(value, str):
        lines = [value]
    else:
        lines = list(value) or [DASH]
    style = ctx.style(TABLE_TEXT_STYLE)
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = style
        if align != "left":
            paragraph.alignment = _ALIGN[align]
        add_run(paragraph, line)


def data_table(
    ctx: RenderContext,
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    total: Sequence[Cell] | None = None,
) -> Table:
    """A table with a repeated header row, one row per item and an optional total row."""
    body = [*rows, total] if total is not None else list(rows)
    table = new_table(
        ctx,
        len(body) + 1,
        [c.weight for c in columns],
        caption=caption,
        total=total is not None,
    )
    all_rows = table.rows
    for cell, column in zip(all_rows[0].cells, columns, strict=True):
        write_cell(ctx, cell, column.header, column.align)
    for row, values in zip(all_rows[1:], body, strict=True):
        for cell, column, value in zip(row.cells, columns, values, strict=True):
            write_cell(ctx, cell, value, column.align)
    return table


def key_value_table(
    ctx: RenderContext,
    caption: str,
    items: Sequence[tuple[str, Cell]],
    weights: Sequence[float] = (1.0, 2.6),
) -> Table:
    """A two-column card: labels in the first column, no header row."""
    table = new_table(ctx, len(items), weights, caption=caption, header=False, first_column=True)
    for row, (key, value) in zip(table.rows, items, strict=True):
        cells = row.cells
        write_cell(ctx, cells[0], key)
        write_cell(ctx, cells[1], value)
    return table
