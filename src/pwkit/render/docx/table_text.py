"""Table XML written as text (rows, cells, runs) and parsed once, in the bytes lxml writes.

A table built element by element costs about ten times the same table written as one string
and parsed: the report holds some 300 tables, the Gantt chart of a plan some 1,500 cells. Every
table of the document and of the report is written here; the text is the XML the element
writer made (``tests/render/test_tables.py`` holds its goldens): ``w:pStyle``, ``w:keepNext``
and ``w:jc`` in a cell paragraph's properties, ``w:b`` and ``w:highlight`` in a run's, the
text made safe and typographic as ``oxml.run_element`` makes it (``xml_text``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pwkit.render.docx.formatting import DASH
from pwkit.render.docx.oxml import xml_safe
from pwkit.render.docx.package import parse_xml
from pwkit.render.docx.placeholders import is_data_placeholder
from pwkit.render.docx.styles import TABLE_STYLE, TABLE_TEXT_STYLE
from pwkit.render.docx.xml_text import W_NS, attribute, run, run_content

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext

#: What a cell shows: text, several lines (one paragraph each), or nothing (a dash).
Cell = str | Sequence[str] | None
Align = Literal["left", "center", "right"]

#: A run's opening by (bold, highlighted): its properties in their schema order.
_RUNS = {
    (False, False): "<w:r>",
    (True, False): "<w:r><w:rPr><w:b/></w:rPr>",
    (False, True): '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr>',
    (True, True): '<w:r><w:rPr><w:b/><w:highlight w:val="yellow"/></w:rPr>',
}


def lines_of(value: Cell) -> list[str]:
    """The lines of a cell, one paragraph each; a dash for nothing."""
    if value is None or value == "":
        return [DASH]
    if isinstance(value, str):
        return [value]
    return list(value) or [DASH]


def paragraph_opening(style: str, align: Align = "left", *, keep_next: bool = False) -> str:
    """A cell paragraph up to its properties' end: table text style, kept with the next, aligned."""
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{attribute(style)}"/>'
    if keep_next:
        paragraph += "<w:keepNext/>"
    if align != "left":
        paragraph += f'<w:jc w:val="{align}"/>'
    return paragraph + "</w:pPr>"


def cell_lines(opening: str, value: Cell, *, bold: bool = False, draft: bool = False) -> str:
    """The paragraphs of a cell's lines, each after ``opening`` (:func:`paragraph_opening`).

    In a draft, a line still as the template left it is highlighted.
    """
    return "".join(
        f"{opening}{run(_RUNS[bold, draft and is_data_placeholder(line)], run_content(line))}</w:p>"
        for line in lines_of(value)
    )


def cell(width: int, content: str, *, fill: str | None = None, merge: str = "") -> str:
    """A ``w:tc`` ``width`` twips wide holding ``content`` (its paragraphs).

    ``fill`` shades it; ``merge`` is what follows ``w:tcW`` (``w:gridSpan``, ``w:vMerge``).
    """
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>{merge}{shading}'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def row(cells: Sequence[str], *, header: bool = False) -> str:
    """A ``w:tr`` never split across pages; a ``header`` row repeats at the top of each page."""
    properties = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def kept_rows(count: int, *, whole: bool, edge: int) -> set[int]:
    """The rows kept with the next one: all but the last (``whole``), or ``edge`` at each end."""
    if whole:
        return set(range(count - 1))
    return set(range(min(edge, count))) | set(range(max(count - edge, 0), count - 1))


def grid_rows(
    ctx: RenderContext,
    grid: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    aligns: Sequence[Align],
    *,
    header: bool,
    kept: set[int],
    fills: Mapping[tuple[int, int], str] | None = None,
    bold_columns: frozenset[int] = frozenset(),
    bold_from: int = 0,
) -> list[str]:
    """The rows of ``grid`` (the header first if ``header``), one string each.

    ``fills`` shade cells by (row of ``grid``, column); the text of ``bold_columns`` is bold
    from the row ``bold_from`` on; the rows in ``kept`` keep with the next.
    """
    style = ctx.style_id(TABLE_TEXT_STYLE)
    draft = ctx.draft is not None
    openings = {
        (align, keep): paragraph_opening(style, align, keep_next=keep)
        for align in set(aligns)
        for keep in (False, True)
    }
    rows = []
    for index, values in enumerate(grid):
        keep = index in kept
        cells = [
            cell(
                widths[column],
                cell_lines(
                    openings[aligns[column], keep],
                    value,
                    bold=index >= bold_from and column in bold_columns,
                    draft=draft,
                ),
                fill=fills.get((index, column)) if fills else None,
            )
            for column, value in enumerate(values)
        ]
        rows.append(row(cells, header=header and index == 0))
    return rows


def look(*, first_row: bool, last_row: bool, first_column: bool) -> str:
    """The ``w:tblLook``: which conditional formats of the table style apply."""
    value = (0x20 if first_row else 0) | (0x40 if last_row else 0) | (0x80 if first_column else 0)
    flags = (
        ("firstRow", first_row),
        ("lastRow", last_row),
        ("firstColumn", first_column),
        ("lastColumn", False),
        ("noHBand", True),
        ("noVBand", True),
    )
    attributes = "".join(f' w:{name}="{int(on)}"' for name, on in flags)
    return f'<w:tblLook w:val="{value | 0x600:04X}"{attributes}/>'


def table_element(
    ctx: RenderContext,
    caption: str | None,
    widths: Sequence[int],
    table_look: str,
    rows: list[str],
    *,
    editable: bool = False,
) -> Any:
    """A ``w:tbl`` in pwkit's table style with its properties, grid and ``rows``.

    A ``caption`` is also the table's alternative text. The rows are parsed into the tree
    only if the caller will change them (``editable``) or the document keeps no XML text
    (no ``ctx.frozen``); otherwise they stay text until the document is saved
    (:meth:`FrozenBody.keep_rows`), exactly as parsing would have written them.
    """
    style = attribute(ctx.style_id(TABLE_STYLE))
    alternative = f'<w:tblCaption w:val="{attribute(xml_safe(caption))}"/>' if caption else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    head = (
        f'<w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>{table_look}{alternative}'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )
    if editable or ctx.frozen is None:
        return parse_xml(f"<w:tbl {W_NS}>{head}{''.join(rows)}</w:tbl>")
    table = parse_xml(f"<w:tbl {W_NS}>{head}</w:tbl>")
    ctx.frozen.keep_rows(table, "".join(rows))
    return table


def parse_row(xml: str) -> Any:
    """A ``w:tr`` written by :func:`row`, as an element to append to a table."""
    return parse_xml(f"<w:tr {W_NS}{xml[5:]}")
