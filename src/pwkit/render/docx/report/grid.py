"""The report's tables written as XML text, parsed once: the bytes of ``render.docx.tables``.

A report of a hundred Province holds some 300 tables and 17,000 cells. Built cell by cell
through python-docx's proxies (``render.docx.tables``) they were most of the time of
``pwkit report``; here each table is one string, parsed once. The sizes, captions and
pagination rules are those of ``render.docx.tables`` (its functions compute them), and the
XML is the same, byte for byte: ``tests/report/test_grid.py`` compares the two.

The report has no draft mode: data placeholders are not highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml

from pwkit.render.docx.formatting import DASH
from pwkit.render.docx.oxml import typographic, xml_safe
from pwkit.render.docx.page import text_width
from pwkit.render.docx.styles import TABLE_STYLE, TABLE_TEXT_STYLE
from pwkit.render.docx.tables import (
    KEEP_TOGETHER_ROWS,
    PAGE_LINES,
    Align,
    Cell,
    Column,
    add_caption,
    estimated_lines,
    min_width,
    widths_for,
)

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext

__all__ = ["data_table", "key_value_table"]

#: Rows at the start and at the end of a long table kept with their neighbours (as in tables).
EDGE_ROWS = 3
_SECT_PR = qn("w:sectPr")
_BREAKS = re.compile("([\n\t])")
#: What ``_run_content`` must change in a text: controls, breaks, apostrophes, XML's specials.
_SPECIAL = re.compile("[\x00-\x1f'&<>\ufffe\uffff\ud800-\udfff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
)


def data_table(
    ctx: RenderContext,
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    total: Sequence[Cell] | None = None,
    fills: Mapping[tuple[int, int], str] | None = None,
    bold_columns: frozenset[int] = frozenset(),
) -> Any:
    """A table with a repeated header row, one row per item and an optional total row.

    ``fills`` shades cells by (row of ``rows``, column); the text of ``bold_columns`` is bold.
    Returns the ``w:tbl`` element, already in the document after its caption.
    """
    body = [*rows, total] if total is not None else list(rows)
    minimums = [
        min_width([column.header, *(line for values in body for line in _lines(values[i]))])
        for i, column in enumerate(columns)
    ]
    widths = widths_for([c.weight for c in columns], text_width(ctx.document), minimums)
    aligns = [c.align for c in columns]
    grid = [[column.header for column in columns], *body]
    keep = _kept_rows(len(grid), whole=len(grid) <= KEEP_TOGETHER_ROWS)
    style = ctx.style_id(TABLE_TEXT_STYLE)
    by_row: dict[int, dict[int, str]] = {}
    for (row, column), fill in (fills or {}).items():
        by_row.setdefault(row + 1, {})[column] = fill
    trs = []
    for index, values in enumerate(grid):
        openings = [
            _opening(style, align, keep_next=index in keep, bold=index > 0 and c in bold_columns)
            for c, align in enumerate(aligns)
        ]
        trs.append(_row(values, widths, openings, header=index == 0, fills=by_row.get(index)))
    look = _look(first_row=True, last_row=total is not None, first_column=False)
    return _add_table(ctx, caption, widths, look, trs)


def key_value_table(
    ctx: RenderContext,
    caption: str,
    items: Sequence[tuple[str, Cell]],
    weights: Sequence[float] = (1.0, 2.6),
) -> Any:
    """A two-column card: labels in the first column, no header row.

    A card is read as one: it is kept on one page, unless it is longer than a page.
    """
    minimums = [min_width(key for key, _ in items), 0]
    widths = widths_for(weights, text_width(ctx.document), minimums)
    lines = sum(
        max(estimated_lines(key, widths[0]), estimated_lines(value, widths[1]))
        for key, value in items
    )
    keep = _kept_rows(len(items), whole=lines <= PAGE_LINES)
    style = ctx.style_id(TABLE_TEXT_STYLE)
    kept, loose = _opening(style, "left", keep_next=True), _opening(style, "left", keep_next=False)
    trs = [
        _row((key, value), widths, [kept, kept] if index in keep else [loose, loose], header=False)
        for index, (key, value) in enumerate(items)
    ]
    look = _look(first_row=False, last_row=False, first_column=True)
    return _add_table(ctx, caption, widths, look, trs)


def _kept_rows(count: int, *, whole: bool) -> set[int]:
    """The rows kept with the next one: all but the last (``whole``), or the edges only."""
    if whole:
        return set(range(count - 1))
    return set(range(min(EDGE_ROWS, count))) | set(range(max(count - EDGE_ROWS, 0), count - 1))


def _look(*, first_row: bool, last_row: bool, first_column: bool) -> str:
    """The ``w:tblLook`` of ``table_xml.set_table_look``."""
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


def _add_table(
    ctx: RenderContext, caption: str, widths: Sequence[int], look: str, trs: list[str]
) -> Any:
    """Caption, then the table with its properties, grid and rows, at the end of the body."""
    add_caption(ctx, caption)
    style = _attribute(ctx.style_id(TABLE_STYLE))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>{look}'
        f'<w:tblCaption w:val="{_attribute(xml_safe(caption))}"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(trs)}</w:tbl>"
    )
    tbl = parse_xml(xml)
    body = ctx.document.element.body
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(tbl)
    else:
        body.append(tbl)
    return tbl


def _row(
    values: Sequence[Cell],
    widths: Sequence[int],
    openings: Sequence[str],
    *,
    header: bool,
    fills: Mapping[int, str] | None = None,
) -> str:
    """One ``w:tr``; each cell's lines start with its column's ``openings`` (see ``_opening``)."""
    properties = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    cells = []
    for index, value in enumerate(values):
        fill = fills.get(index) if fills else None
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        opening = openings[index]
        lines = "".join(f"{opening}{_run_content(line)}</w:r></w:p>" for line in _lines(value))
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{widths[index]}" w:type="dxa"/>{shading}</w:tcPr>'
            f"{lines}</w:tc>"
        )
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def _opening(style: str, align: Align, *, keep_next: bool, bold: bool = False) -> str:
    """A cell paragraph up to its run's text: table text style, alignment, kept with the next."""
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{_attribute(style)}"/>'
    if keep_next:
        paragraph += "<w:keepNext/>"
    if align != "left":
        paragraph += f'<w:jc w:val="{align}"/>'
    return paragraph + ("</w:pPr><w:r><w:rPr><w:b/></w:rPr>" if bold else "</w:pPr><w:r>")


def _run_content(text: str) -> str:
    """A run's text as ``oxml.add_run`` writes it: typographic, line breaks and tabs as such."""
    if not _SPECIAL.search(text) and text and not (text[0].isspace() or text[-1].isspace()):
        return f"<w:t>{text}</w:t>"  # most cells: nothing to replace, escape or preserve
    pieces = []
    for piece in _BREAKS.split(typographic(xml_safe(text))):
        if piece == "\n":
            pieces.append("<w:br/>")
        elif piece == "\t":
            pieces.append("<w:tab/>")
        elif piece:
            space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
            pieces.append(f"<w:t{space}>{piece.translate(_ESCAPES)}</w:t>")
    return "".join(pieces)


def _attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES)


def _lines(value: Cell) -> list[str]:
    if value is None or value == "":
        return [DASH]
    if isinstance(value, str):
        return [value]
    return list(value) or [DASH]
