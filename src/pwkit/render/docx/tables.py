"""Tables from rows: caption with a SEQ number, styled header row, fixed widths, total row."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from docx.oxml.ns import qn

from pwkit.render.docx.formatting import DASH
from pwkit.render.docx.oxml import (
    OxmlElement,
    field_runs,
    paragraph_properties,
    run_element,
    set_p_style,
    sub,
    xml_safe,
)
from pwkit.render.docx.page import text_width
from pwkit.render.docx.placeholders import is_data_placeholder
from pwkit.render.docx.styles import TABLE_STYLE, TABLE_TEXT_STYLE
from pwkit.render.docx.table_xml import table_look

if TYPE_CHECKING:
    from docx.table import Table, _Cell, _Row

    from pwkit.render.docx.context import RenderContext

#: What a cell shows: text, several lines (one paragraph each), or nothing (a dash).
Cell = str | Sequence[str] | None
Align = Literal["left", "center", "right"]

_W_TBL, _W_TBLPR, _W_TBLGRID, _W_GRIDCOL = (
    qn("w:tbl"),
    qn("w:tblPr"),
    qn("w:tblGrid"),
    qn("w:gridCol"),
)
_W_TR, _W_TRPR, _W_TC, _W_TCPR, _W_TCW = (
    qn("w:tr"), qn("w:trPr"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW")
)  # fmt: skip
_W_P, _W_PPR, _W_PSTYLE, _W_JC, _W_KEEP_NEXT = (
    qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:jc"), qn("w:keepNext")
)  # fmt: skip
_W_VAL, _W_W, _W_TYPE = qn("w:val"), qn("w:w"), qn("w:type")
_W_CANT_SPLIT, _W_TBL_HEADER = qn("w:cantSplit"), qn("w:tblHeader")


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
    """Keep a table row on the page of the row after it.

    ``w:keepNext`` follows ``w:pStyle`` and comes before anything else of ``w:pPr``.
    """
    for p in tr.iter(_W_P):
        ppr = paragraph_properties(p)
        if ppr.find(_W_KEEP_NEXT) is not None:
            continue
        keep = sub(ppr, _W_KEEP_NEXT)
        if len(ppr) > 1:
            ppr.insert(1 if ppr[0].tag == _W_PSTYLE else 0, keep)


def keep_tbl_together(tbl: Any, *, whole: bool = False) -> None:
    """Keep a short table (or, with ``whole``, any) on one page; a long one from stranding rows.

    Every row but the last keeps with the next. A longer table breaks where it must, but
    its header and first rows stay together, and so do its last rows.
    """
    rows = list(tbl.iterchildren(_W_TR))
    if not whole and len(rows) > KEEP_TOGETHER_ROWS:
        keep_tbl_edges(tbl)
        return
    for tr in rows[:-1]:
        keep_with_next(tr)


def keep_tbl_edges(tbl: Any) -> None:
    """Let a table break between rows, its first rows (and caption) and last rows together."""
    rows = list(tbl.iterchildren(_W_TR))
    for tr in rows[:EDGE_ROWS] + rows[-EDGE_ROWS:-1]:
        keep_with_next(tr)


def estimated_lines(value: Cell, width: int) -> int:
    """How many lines ``value`` takes in a column ``width`` twips wide, wrapped at words."""
    per_line = max(1, (width - CELL_PADDING) // LINE_CHAR_TWIPS)
    return sum(len(textwrap.wrap(line, per_line)) or 1 for line in _lines(value))


def add_caption(ctx: RenderContext, text: str) -> Any:
    """``Tabella N – text`` in the Caption style; N is a SEQ field with its value pre-filled."""
    number = ctx.next_table()
    p = ctx.p(style="Caption")
    run_element(p, "Tabella ")
    for run in field_runs("SEQ Tabella \\* ARABIC", str(number)):
        p.append(run)
    run_element(p, f" – {text}")
    return p


def new_table_element(
    ctx: RenderContext,
    rows: int,
    weights: Sequence[float],
    *,
    caption: str | None,
    header: bool = True,
    total: bool = False,
    first_column: bool = False,
    minimums: Sequence[int] | None = None,
) -> Any:
    """An empty table in pwkit's table style, sized to the text width, after its caption.

    It is written whole, in its schema order. Every cell holds one empty paragraph; rows
    are never split across pages, and the header row (``header``) repeats on each page.
    """
    if caption:
        add_caption(ctx, caption)
    widths = widths_for(weights, text_width(ctx.document), minimums)
    tbl = OxmlElement("w:tbl")
    tblpr = sub(tbl, _W_TBLPR)
    sub(tblpr, qn("w:tblStyle"), {_W_VAL: ctx.style_id(TABLE_STYLE)})
    sub(tblpr, qn("w:tblW"), {_W_W: str(sum(widths)), _W_TYPE: "dxa"})
    sub(tblpr, _W_JC, {_W_VAL: "center"})
    sub(tblpr, qn("w:tblLayout"), {_W_TYPE: "fixed"})
    tblpr.append(table_look(first_row=header, last_row=total, first_column=first_column))
    if caption:
        sub(tblpr, qn("w:tblCaption"), {_W_VAL: xml_safe(caption)})
    grid = sub(tbl, _W_TBLGRID)
    for width in widths:
        sub(grid, _W_GRIDCOL, {_W_W: str(width)})
    for index in range(rows):
        table_row(tbl, widths, header=header and index == 0)
    ctx._append(tbl)
    return tbl


def table_row(tbl: Any, widths: Sequence[int], *, header: bool = False) -> Any:
    """Append to ``w:tbl`` a row never split across pages, one empty cell per width (twips).

    A ``header`` row repeats at the top of each page.
    """
    tr = sub(tbl, _W_TR)
    trpr = sub(tr, _W_TRPR)
    sub(trpr, _W_CANT_SPLIT)
    if header:
        sub(trpr, _W_TBL_HEADER)
    for width in widths:
        tc = sub(tr, _W_TC)
        sub(sub(tc, _W_TCPR), _W_TCW, {_W_W: str(width), _W_TYPE: "dxa"})
        sub(tc, _W_P)
    return tr


def row_cells(row: _Row) -> list[_Cell]:
    """The cells of a row without merged cells, one per ``w:tc``.

    python-docx's ``row.cells`` lays out the whole grid on every call: in long tables that
    was most of the export time.
    """
    from docx.table import _Cell

    return [_Cell(tc, row.table) for tc in row._tr.iterchildren(_W_TC)]


def write_cell(ctx: RenderContext, cell: _Cell, value: Cell, align: Align = "left") -> None:
    """Fill an empty cell: one paragraph per line, in the table text style."""
    fill_cell(ctx, cell._tc, value, align)


def fill_cell(
    ctx: RenderContext, tc: Any, value: Cell, align: Align = "left", *, bold: bool = False
) -> None:
    """Fill an empty ``w:tc``: one paragraph per line, in the table text style.

    In a draft, a value still as the template left it is highlighted.
    """
    style = ctx.style_id(TABLE_TEXT_STYLE)
    draft = ctx.draft is not None
    for index, line in enumerate(_lines(value)):
        if index == 0:
            p = tc.find(_W_P)
            set_p_style(p, style)
            ppr = p[0]
        else:
            p = sub(tc, _W_P)
            ppr = sub(p, _W_PPR)
            sub(ppr, _W_PSTYLE, {_W_VAL: style})
        if align != "left":
            sub(ppr, _W_JC, {_W_VAL: align})
        run_element(p, line, bold=bold, highlight=draft and is_data_placeholder(line))


def cells_of(tr: Any) -> list[Any]:
    """The ``w:tc`` of a ``w:tr``."""
    return list(tr.iterchildren(_W_TC))


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
    from docx.table import Table

    body = [*rows, total] if total is not None else list(rows)
    minimums = [
        min_width([column.header, *(line for values in body for line in _lines(values[i]))])
        for i, column in enumerate(columns)
    ]
    tbl = new_table_element(
        ctx,
        len(body) + 1,
        [c.weight for c in columns],
        caption=caption,
        total=total is not None,
        minimums=minimums,
    )
    trs = tbl.iterchildren(_W_TR)
    for tc, column in zip(cells_of(next(trs)), columns, strict=True):
        fill_cell(ctx, tc, column.header, column.align)
    for tr, values in zip(trs, body, strict=True):
        for tc, column, value in zip(cells_of(tr), columns, values, strict=True):
            fill_cell(ctx, tc, value, column.align)
    keep_tbl_together(tbl)
    return Table(tbl, ctx.document._body)


def key_value_table(
    ctx: RenderContext,
    caption: str,
    items: Sequence[tuple[str, Cell]],
    weights: Sequence[float] = (1.0, 2.6),
) -> Table:
    """A two-column card: labels in the first column, no header row.

    A card is read as one: it is kept on one page, unless it is longer than a page.
    """
    from docx.table import Table

    minimums = [min_width(key for key, _ in items), 0]
    widths = widths_for(weights, text_width(ctx.document), minimums)
    lines = sum(
        max(estimated_lines(key, widths[0]), estimated_lines(value, widths[1]))
        for key, value in items
    )
    tbl = new_table_element(
        ctx,
        len(items),
        weights,
        caption=caption,
        header=False,
        first_column=True,
        minimums=minimums,
    )
    for tr, (key, value) in zip(tbl.iterchildren(_W_TR), items, strict=True):
        label, text = cells_of(tr)
        fill_cell(ctx, label, key)
        fill_cell(ctx, text, value)
    if lines <= PAGE_LINES:
        keep_tbl_together(tbl, whole=True)
    else:
        keep_tbl_edges(tbl)
    return Table(tbl, ctx.document._body)
