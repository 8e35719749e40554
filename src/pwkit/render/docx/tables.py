"""Tables from rows: caption with a SEQ number, styled header row, fixed widths, total row."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import pwkit.render.docx.table_text as text
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import field_runs, run_element
from pwkit.render.docx.page import text_width
from pwkit.render.docx.table_text import Align as Align
from pwkit.render.docx.table_text import Cell as Cell

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext

_W_TC = qn("w:tc")


class Column(NamedTuple):
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


def estimated_lines(value: Cell, width: int) -> int:
    """How many lines ``value`` takes in a column ``width`` twips wide, wrapped at words."""
    per_line = max(1, (width - CELL_PADDING) // LINE_CHAR_TWIPS)
    return sum(_wrapped(line, per_line) for line in text.lines_of(value))


def _wrapped(line: str, per_line: int) -> int:
    """Lines ``line`` wraps to, as ``textwrap.wrap`` counts them (one for a blank line).

    A line no longer than a row, with no tab to widen, is one line: most cells are, and
    ``textwrap`` would split them into chunks to find it.
    """
    if len(line) <= per_line and "\t" not in line:
        return 1
    return len(textwrap.wrap(line, per_line)) or 1


def add_caption(ctx: RenderContext, text: str) -> Any:
    """``Tabella N – text`` in the Caption style; N is a SEQ field with its value pre-filled."""
    number = ctx.next_table()
    p = ctx.p(style="Caption")
    run_element(p, "Tabella ")
    for run in field_runs("SEQ Tabella \\* ARABIC", str(number)):
        p.append(run)
    run_element(p, f" – {text}")
    return p


def add_table(ctx: RenderContext, caption: str | None, tbl: Any) -> Any:
    """Put ``tbl`` at the end of the body, after its caption (if any)."""
    if caption:
        add_caption(ctx, caption)
    ctx._append(tbl)
    return tbl


def new_table_element(
    ctx: RenderContext,
    rows: Sequence[Sequence[str]],
    weights: Sequence[float],
    *,
    caption: str | None,
    header: bool = True,
    minimums: Sequence[int] | None = None,
) -> Any:
    """A table in pwkit's table style, sized to the text width, after its caption.

    ``rows`` hold each cell's paragraphs as XML (the prose's tables); a row with fewer cells
    than ``weights`` ends with empty ones. Rows are never split across pages, and the header
    row (``header``) repeats on each page.
    """
    widths = widths_for(weights, text_width(ctx.document), minimums)
    trs = [
        text.row(
            [
                text.cell(width, cells[index] if index < len(cells) else "<w:p/>")
                for index, width in enumerate(widths)
            ],
            header=header and number == 0,
        )
        for number, cells in enumerate(rows)
    ]
    look = text.look(first_row=header, last_row=False, first_column=False)
    return add_table(ctx, caption, text.table_element(ctx, caption, widths, look, trs))


def cells_of(tr: Any) -> list[Any]:
    """The ``w:tc`` of a ``w:tr``."""
    return list(tr.iterchildren(_W_TC))


def data_table(
    ctx: RenderContext,
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    total: Sequence[Cell] | None = None,
    fills: Mapping[tuple[int, int], str] | None = None,
    bold_columns: frozenset[int] = frozenset(),
    editable: bool = False,
) -> Any:
    """A table with a repeated header row, one row per item and an optional total row.

    ``fills`` shades cells by (row of ``rows``, column); the text of ``bold_columns`` is bold
    (not in the header). In a draft, values still as the template left them are highlighted.
    Returns the ``w:tbl`` element, already in the document after its caption; its rows are
    in the tree only if ``editable`` (see :func:`table_text.table_element`).
    """
    body = [*rows, total] if total is not None else list(rows)
    minimums = [
        min_width([column.header, *(line for values in body for line in text.lines_of(values[i]))])
        for i, column in enumerate(columns)
    ]
    widths = widths_for([c.weight for c in columns], text_width(ctx.document), minimums)
    grid = [[column.header for column in columns], *body]
    whole = len(grid) <= KEEP_TOGETHER_ROWS
    trs = text.grid_rows(
        ctx,
        grid,
        widths,
        [c.align for c in columns],
        header=True,
        kept=text.kept_rows(len(grid), whole=whole, edge=EDGE_ROWS),
        fills={(row + 1, column): fill for (row, column), fill in (fills or {}).items()},
        bold_columns=bold_columns,
        bold_from=1,
    )
    look = text.look(first_row=True, last_row=total is not None, first_column=False)
    table = text.table_element(ctx, caption, widths, look, trs, editable=editable)
    return add_table(ctx, caption, table)


def key_value_table(
    ctx: RenderContext,
    caption: str,
    items: Sequence[tuple[str, Cell]],
    weights: Sequence[float] = (1.0, 2.6),
) -> Any:
    """A two-column card: labels in the first column, no header row.

    A card is read as one: it is kept on one page, unless it is longer than a page.
    Returns the ``w:tbl`` element, already in the document after its caption.
    """
    minimums = [min_width(key for key, _ in items), 0]
    widths = widths_for(weights, text_width(ctx.document), minimums)
    lines = sum(
        max(estimated_lines(key, widths[0]), estimated_lines(value, widths[1]))
        for key, value in items
    )
    trs = text.grid_rows(
        ctx,
        items,
        widths,
        ["left", "left"],
        header=False,
        kept=text.kept_rows(len(items), whole=lines <= PAGE_LINES, edge=EDGE_ROWS),
    )
    look = text.look(first_row=False, last_row=False, first_column=True)
    return add_table(ctx, caption, text.table_element(ctx, caption, widths, look, trs))
