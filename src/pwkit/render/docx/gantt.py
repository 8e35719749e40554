"""The cronoprogramma as a native Word table: months as columns, shaded cells, milestones ◆."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pwkit.render.docx.document import (
    TABLE_STYLE,
    TABLE_TEXT_STYLE,
    landscape,
    portrait,
    text_width,
)
from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.oxml import (
    element,
    keep_row_together,
    mark_header_row,
    set_cell_shading,
    set_child,
    set_paragraph_style,
    set_table_caption,
    set_table_look,
    set_table_widths,
)
from pwkit.render.docx.tables import add_caption, row_cells, widths_for, write_cell
from pwkit.schemas.attuazione import Attivita, Fase, Milestone, Piano

if TYPE_CHECKING:
    from docx.table import Table, _Row

    from pwkit.render.docx.context import RenderContext

#: Beyond this many months the columns become quarters (then years): the table stays legible.
MAX_COLUMNS = 36
PHASE_FILL = "8EAADB"
ACTIVITY_FILL = "D9E2F3"
MILESTONE_MARK = "◆"
_MONTH_INITIALS = "GFMAMGLASOND"
#: Width of the first column (names), in twips.
NAME_WIDTH = 3800


@dataclass(frozen=True)
class Period:
    """One column of the chart: a month or a quarter."""

    start: dt.date
    end: dt.date  # inclusive
    label: str

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Whether ``start``–``end`` (inclusive) touches this period."""
        return start <= self.end and end >= self.start

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in this period."""
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _merge(columns: Sequence[Period], key: str) -> list[Period]:
    """Group consecutive months into quarters (``key="quarter"``) or years."""
    merged: list[Period] = []
    for period in columns:
        month = period.start.month
        label = f"T{(month - 1) // 3 + 1}" if key == "quarter" else str(period.start.year)
        last = merged[-1] if merged else None
        if last is not None and last.label == label and last.start.year == period.start.year:
            merged[-1] = Period(last.start, period.end, label)
        else:
            merged.append(Period(period.start, period.end, label))
    return merged


def periods(first: dt.date, last: dt.date) -> list[Period]:
    """Months from ``first`` to ``last``; quarters, then years, when they would be too many."""
    months: list[Period] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(
            Period(dt.date(year, month, 1), _month_end(year, month), _MONTH_INITIALS[month - 1])
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) <= MAX_COLUMNS:
        return months
    quarters = _merge(months, "quarter")
    return quarters if len(quarters) <= MAX_COLUMNS else _merge(months, "year")


def _span(data: Piano) -> tuple[dt.date, dt.date]:
    starts = [f.inizio for f in data.fasi] + [a.inizio for a in data.attivita]
    ends = [f.fine for f in data.fasi] + [a.fine for a in data.attivita]
    days = [m.data for m in data.milestone]
    return min(starts + days), max(ends + days)


def _years(columns: Sequence[Period]) -> list[tuple[int, int, int]]:
    """(year, first column, last column) for the header row of years."""
    spans: list[tuple[int, int, int]] = []
    for index, period in enumerate(columns):
        year = period.start.year
        if spans and spans[-1][0] == year:
            spans[-1] = (year, spans[-1][1], index)
        else:
            spans.append((year, index, index))
    return spans


def _fill_bar(
    row: _Row, columns: Sequence[Period], start: dt.date, end: dt.date, fill: str
) -> None:
    cells = row_cells(row)
    for index, period in enumerate(columns, start=1):
        if period.overlaps(start, end):
            set_cell_shading(cells[index], fill)


def _rows(data: Piano) -> list[Fase | Attivita | Milestone]:
    """Rows in display order: each phase followed by its activities, then milestones."""
    rows: list[Fase | Attivita | Milestone] = []
    placed: set[str] = set()
    for phase in data.fasi:
        rows.append(phase)
        for activity in data.attivita:
            if activity.fase == phase.id:
                rows.append(activity)
                placed.add(activity.id)
    rows.extend(a for a in data.attivita if a.id not in placed)
    rows.extend(data.milestone)
    return rows


def render_gantt(ctx: RenderContext, data: Piano) -> None:
    """A landscape section with the chart; the document returns to portrait after it."""
    first, last = _span(data)
    columns = periods(first, last)
    landscape(ctx.document)
    add_caption(ctx, "Cronoprogramma (diagramma di Gantt)")
    body = _rows(data)
    table: Table = ctx.table(len(body) + 2, len(columns) + 1)
    tblpr = table._tbl.tblPr
    set_child(tblpr, element("w:tblStyle", val=ctx.style_id(TABLE_STYLE)))
    set_child(tblpr, element("w:jc", val="center"))
    set_table_look(table, first_row=True)
    set_table_caption(table, "Cronoprogramma (diagramma di Gantt)")
    header, units = table.rows[0], table.rows[1]
    for year, start, end in _years(columns):
        cell = header.cells[start + 1]
        if end > start:
            cell = cell.merge(header.cells[end + 1])
        write_cell(ctx, cell, str(year), "center")
    corner = header.cells[0].merge(units.cells[0])
    write_cell(ctx, corner, "Fasi, attività e milestone")
    for cell, period in zip(units.cells[1:], columns, strict=True):
        write_cell(ctx, cell, period.label, "center")
    for row in (header, units):
        mark_header_row(row)
        keep_row_together(row)

    for row, item in zip(table.rows[2:], body, strict=True):
        keep_row_together(row)
        cells = row_cells(row)
        if isinstance(item, Milestone):
            write_cell(ctx, cells[0], f"{item.id} – {item.nome} ({long_date(item.data)})")
            for index, period in enumerate(columns, start=1):
                if period.contains(item.data):
                    write_cell(ctx, cells[index], MILESTONE_MARK, "center")
        else:
            write_cell(ctx, cells[0], f"{item.id} – {item.nome}")
            is_phase = isinstance(item, Fase)
            if is_phase:
                cells[0].paragraphs[0].runs[0].bold = True
            fill = PHASE_FILL if is_phase else ACTIVITY_FILL
            _fill_bar(row, columns, item.inizio, item.fine, fill)
        empty_style = ctx.style_id(TABLE_TEXT_STYLE)
        for cell in cells[1:]:
            paragraph = cell.paragraphs[0]
            if not paragraph.runs:  # an empty month: the paragraph mark keeps the row height
                set_paragraph_style(paragraph, empty_style)
    width = text_width(ctx.document)
    set_table_widths(table, [NAME_WIDTH, *widths_for([1.0] * len(columns), width - NAME_WIDTH)])
    ctx.paragraph(
        f"Legenda: fasi in tono scuro, attività in tono chiaro; {MILESTONE_MARK} milestone.",
        TABLE_TEXT_STYLE,
    )
    portrait(ctx.document)
