"""Tables from rows: caption with a SEQ number, styled header row, fixed widths, total row."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.formatting import DASH
from pwkit.render.docx.oxml import (
    add_field,
    add_run,
    element,
    paragraph_properties,
    set_paragraph_style,
)
from pwkit.render.docx.page import text_width
from pwkit.render.docx.placeholders import highlight, is_data_placeholder
from pwkit.render.docx.styles import TABLE_STYLE, TABLE_TEXT_STYLE
from pwkit.render.docx.table_xml import (
    keep_row_together,
    mark_header_row,
    set_table_caption,
    set_table_look,
    set_table_widths,
)

if TYPE_CHECKING:
    from docx.table import Table, _Cell, _Row
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


#: Average width of one character of table text (Calibri 9.5 pt), with a margin, in twips.
CHAR_TWIPS = 96
#: Left and right cell margins of the table style plus some air, in twips.
CELL_PADDING = 2 * 85 + 50
#: Tables up to this many rows are kept on one page (with their caption).
KEEP_TOGETHER_ROWS = 12
#: Lines of table text a page holds below a caption: a card up to this long is kept on one
#: page; a longer one (kept whole, its caption would be left alone) breaks between rows.
PAGE_LINES = 44
#: Width of a character in a line of table text as Word and LibreOffice fill it, in twips
#: (measured on the exported examples: a card's value column holds about 85 characters).
LINE_CHAR_TWIPS = 74


#: Where a line of cell text may break: at spaces, and after a hyphen (Word and LibreOffice
#: break «amministrativo-contabili» there).
_BREAKS = re.compile(r"[ \t\n]+|(?<=-)")


def min_width(texts: Iterable[str]) -> int:
    """Width a column needs so that its longest word is not broken, in twips."""
    # Only ordinary spaces break a line: a no-break space (in money) keeps its word whole.
    longest = max((len(word) for text in texts for word in _BREAKS.split(text)), default=1)
    return longest * CHAR_TWIPS + CELL_PADDING


def widths_for(
    weights: Sequence[float], total: int, minimums: Sequence[int] | None = None
) -> list[int]:
    """Split ``total`` twips in proportion to ``weights``, giving each column its minimum.

    Columns whose share would be below their minimum get the minimum; the rest is shared
    by the others in proportion. The sum is exactly ``total``.
    """
    count = len(weights)
    mins = [min(m, total * 2 // 5) for m in (minimums or [0] * count)]
    if sum(mins) >= total:
        shares = [float(m) for m in mins]
    else:
        fixed: dict[int, float] = {}
        shares = [0.0] * count
        while True:
            free = [i for i in range(count) if i not in fixed]
            remaining = total - sum(fixed.values())
            weight = sum(weights[i] for i in free)
            if not free or weight <= 0:
                extra = remaining / count
                shares = [fixed[i] + extra for i in range(count)]
                break
            proposal = {i: remaining * weights[i] / weight for i in free}
            short = [i for i in free if proposal[i] < mins[i]]
            if not short:
                shares = [fixed.get(i, proposal.get(i, 0.0)) for i in range(count)]
                break
            for i in short:
                fixed[i] = float(mins[i])
    scale = total / sum(shares) if sum(shares) else 0.0
    widths = [int(share * scale) for share in shares]
    widest = widths.index(max(widths))
    widths[widest] += total - sum(widths)
    return widths


#: Rows of a long table kept with their neighbours at its start and end: no page holds a
#: lone header and one row, or the last row or two alone.
EDGE_ROWS = 3


def keep_with_next(tr: Any) -> None:
    """Keep a table row on the page of the row after it."""
    for p in tr.iter(qn("w:p")):
        set_child(paragraph_properties(p), element("w:keepNext"))


def keep_together(table: Table, *, whole: bool = False) -> None:
    """Keep a short table (or, with ``whole``, any) on one page; a long one from stranding rows.

    Every row but the last keeps with the next. A longer table breaks where it must, but
    its header and first rows stay together, and so do its last rows.
    """
    rows = table._tbl.tr_lst
    if not whole and len(rows) > KEEP_TOGETHER_ROWS:
        keep_edges(table)
        return
    for tr in rows[:-1]:
        keep_with_next(tr)


def keep_edges(table: Table) -> None:
    """Let a table break between rows, its first rows (and caption) and last rows together."""
    rows = table._tbl.tr_lst
    for tr in rows[:EDGE_ROWS] + rows[-EDGE_ROWS:-1]:
        keep_with_next(tr)


def estimated_lines(value: Cell, width: int) -> int:
    """How many lines ``value`` takes in a column ``width`` twips wide, wrapped at words."""
    per_line = max(1, (width - CELL_PADDING) // LINE_CHAR_TWIPS)
    return sum(len(textwrap.wrap(line, per_line)) or 1 for line in _lines(value))


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
    minimums: Sequence[int] | None = None,
) -> Table:
    """An empty table in pwkit's table style, sized to the text width, after its caption."""
    if caption:
        add_caption(ctx, caption)
    table: Table = ctx.table(rows, len(weights))
    tblpr = table._tbl.tblPr
    set_child(tblpr, element("w:tblStyle", val=ctx.style_id(TABLE_STYLE)))
    set_child(tblpr, element("w:jc", val="center"))
    set_table_widths(table, widths_for(weights, text_width(ctx.document), minimums))
    set_table_look(table, first_row=header, last_row=total, first_column=first_column)
    if caption:
        set_table_caption(table, caption)
    for index, row in enumerate(table.rows):
        keep_row_together(row)
        if header and index == 0:
            mark_header_row(row)
    return table


def row_cells(row: _Row) -> list[_Cell]:
    """The cells of a row without merged cells, one per ``w:tc``.

    python-docx's ``row.cells`` lays out the whole grid on every call: in long tables that
    was most of the export time.
    """
    from docx.table import _Cell

    return [_Cell(tc, row.table) for tc in row._tr.iterchildren(qn("w:tc"))]


def write_cell(ctx: RenderContext, cell: _Cell, value: Cell, align: Align = "left") -> None:
    """Fill an empty cell: one paragraph per line, in the table text style."""
    style = ctx.style_id(TABLE_TEXT_STYLE)
    for index, line in enumerate(_lines(value)):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        set_paragraph_style(paragraph, style)
        if align != "left":
            paragraph.alignment = _ALIGN[align]
        run = add_run(paragraph, line)
        if ctx.draft is not None and is_data_placeholder(line):
            highlight(run)


def _lines(value: Cell) -> list[str]:
    if value is None or value == "":
        return [DASH]
    if isinstance(value, str):
        return [value]
    return list(value) or [DASH]


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
    minimums = [
        min_width([column.header, *(line for values in body for line in _lines(values[i]))])
        for i, column in enumerate(columns)
    ]
    table = new_table(
        ctx,
        len(body) + 1,
        [c.weight for c in columns],
        caption=caption,
        total=total is not None,
        minimums=minimums,
    )
    all_rows = table.rows
    for cell, column in zip(row_cells(all_rows[0]), columns, strict=True):
        write_cell(ctx, cell, column.header, column.align)
    for row, values in zip(all_rows[1:], body, strict=True):
        for cell, column, value in zip(row_cells(row), columns, values, strict=True):
            write_cell(ctx, cell, value, column.align)
    keep_together(table)
    return table


def key_value_table(
    ctx: RenderContext,
    caption: str,
    items: Sequence[tuple[str, Cell]],
    weights: Sequence[float] = (1.0, 2.6),
) -> Table:
    """A two-column card: labels in the first column, no header row.

    A card is read as one: it is kept on one page, unless it is longer than a page.
    """
    minimums = [min_width(key for key, _ in items), 0]
    widths = widths_for(weights, text_width(ctx.document), minimums)
    lines = sum(
        max(estimated_lines(key, widths[0]), estimated_lines(value, widths[1]))
        for key, value in items
    )
    table = new_table(
        ctx,
        len(items),
        weights,
        caption=caption,
        header=False,
        first_column=True,
        minimums=minimums,
    )
    for row, (key, value) in zip(table.rows, items, strict=True):
        cells = row_cells(row)
        write_cell(ctx, cells[0], key)
        write_cell(ctx, cells[1], value)
    if lines <= PAGE_LINES:
        keep_together(table, whole=True)
    else:
        keep_edges(table)
    return table
