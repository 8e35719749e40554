"""Table properties python-docx lacks: fixed widths, style look, caption, header rows, shading."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn

from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.oxml import OxmlElement, element, xml_safe

if TYPE_CHECKING:
    from docx.table import Table, _Row

_W_VAL, _W_TCPR = qn("w:val"), qn("w:tcPr")


def set_table_widths(table: Table, widths: Sequence[int]) -> None:
    """Fixed layout with widths in twips on ``tblW``, every ``gridCol`` and every ``tcW``.

    Word reads the cell widths, LibreOffice the grid: both must agree. Merged cells
    (``gridSpan``) get the sum of the columns they cover.
    """
    tbl = table._tbl
    tblpr = tbl.tblPr
    set_child(tblpr, element("w:tblW", w=str(sum(widths)), type="dxa"))
    set_child(tblpr, element("w:tblLayout", type="fixed"))
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.set(qn("w:w"), str(width))
    span_tag, tcw_tag = qn("w:gridSpan"), qn("w:tcW")
    for tr in tbl.iterchildren(qn("w:tr")):
        column = 0
        for tc in tr.iterchildren(qn("w:tc")):
            tcpr = tc.find(_W_TCPR)
            if tcpr is None:  # w:tcPr is the first child of w:tc
                tcpr = OxmlElement("w:tcPr")
                tc.insert(0, tcpr)
            spanned = tcpr.find(span_tag)
            span = int(spanned.get(_W_VAL)) if spanned is not None else 1
            width = element("w:tcW", w=str(sum(widths[column : column + span])), type="dxa")
            old = tcpr.find(tcw_tag)
            if old is not None:  # the first child but for a w:cnfStyle, which pwkit never writes
                tcpr.replace(old, width)
            else:
                set_child(tcpr, width)
            column += span


def set_table_look(
    table: Table, *, first_row: bool, last_row: bool = False, first_column: bool = False
) -> None:
    """Which conditional formats of the table style apply (header row, total row, first column)."""
    look = table_look(first_row=first_row, last_row=last_row, first_column=first_column)
    set_child(table._tbl.tblPr, look)


def table_look(*, first_row: bool, last_row: bool = False, first_column: bool = False) -> Any:
    """The ``w:tblLook`` of :func:`set_table_look`."""
    flags = {
        "firstRow": first_row,
        "lastRow": last_row,
        "firstColumn": first_column,
        "lastColumn": False,
        "noHBand": True,
        "noVBand": True,
    }
    bits = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100}
    value = sum(bit for name, bit in bits.items() if flags[name]) | 0x200 | 0x400
    look = element("w:tblLook", val=f"{value:04X}")
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    return look


def set_table_caption(table: Table, caption: str) -> None:
    """Alternative-text title of the table (read by screen readers)."""
    set_child(table._tbl.tblPr, element("w:tblCaption", val=xml_safe(caption)))


def mark_header_row(row: _Row) -> None:
    """Repeat the row at the top of each page (only leading rows honour it)."""
    set_child(row._tr.get_or_add_trPr(), element("w:tblHeader"))


def keep_row_together(row: _Row) -> None:
    """Do not split the row across pages."""
    set_child(row._tr.get_or_add_trPr(), element("w:cantSplit"))


def set_cell_shading(cell: Any, fill: str) -> None:
    """Shade a table cell with an RGB hex colour."""
    shade_tc(cell._tc, fill)


def shade_tc(tc: Any, fill: str) -> None:
    """Shade a ``w:tc`` with an RGB hex colour."""
    tcpr = tc.find(_W_TCPR)
    if tcpr is None:  # w:tcPr is the first child of w:tc
        tcpr = OxmlElement("w:tcPr")
        tc.insert(0, tcpr)
    set_child(tcpr, element("w:shd", val="clear", color="auto", fill=fill))
