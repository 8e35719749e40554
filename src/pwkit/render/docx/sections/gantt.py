"""The cronoprogramma as a native Word table: months as columns, shaded cells, milestones ◆."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import pwkit.render.docx.table_text as text
from pwkit.model.plain import is_model
from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.page import landscape, portrait, text_width
from pwkit.render.docx.styles import TABLE_TEXT_STYLE
from pwkit.render.docx.tables import add_caption, widths_for

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from pwkit.model.attuazione import Attivita, Fase, Milestone, Piano
    from pwkit.render.docx.context import RenderContext

#: Beyond this many months the columns become quarters, then years, then groups of years:
#: the table stays legible whatever the dates (the check refuses implausible ones, a draft
#: renders them anyway).
MAX_COLUMNS = 36
#: Years per column when even single years are too many.
YEAR_STEPS = (2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
PHASE_FILL = "8EAADB"
ACTIVITY_FILL = "D9E2F3"
MILESTONE_MARK = "◆"
#: Written in every cell of a bar, so the chart reads without colour (screen readers, pandoc,
#: black-and-white print).
PHASE_MARK = "■"
ACTIVITY_MARK = "▪"
_MONTH_INITIALS = "GFMAMGLASOND"
CAPTION = "Cronoprogramma (diagramma di Gantt)"
#: Width of the first column (names), in twips.
NAME_WIDTH = 3800
#: Characters of a name per line of the first column, counted short (about 45 fit).
NAME_CHARS = 38
#: Height of a row of the chart in points: a line of table text, plus the cell margins
#: (measured in LibreOffice: 18 pt for one line, 30 for two).
LINE_POINTS, ROW_POINTS = 11.6, 6.5
#: Points of rows a landscape page holds under the repeated header (about 414; 387 on the
#: first page, under the caption), counted short so that a share always fits its page.
FIRST_PAGE_POINTS, PAGE_POINTS = 350, 375


class Period(NamedTuple):
    """One column of the chart: a month, a quarter, a year or a group of years."""

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
    if month == 12:  # also for 9999, whose next January does not exist
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _clipped(start: dt.date, end: dt.date, first: dt.date, last: dt.date, label: str) -> Period:
    return Period(max(start, first), min(end, last), label)


def _months(first: dt.date, last: dt.date) -> list[Period]:
    months: list[Period] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start = dt.date(year, month, 1)
        months.append(Period(start, _month_end(year, month), _MONTH_INITIALS[month - 1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _quarter(day: dt.date) -> int:
    """Quarters since year 0: consecutive quarters have consecutive numbers."""
    return day.year * 4 + (day.month - 1) // 3


def _quarters(first: dt.date, last: dt.date) -> list[Period]:
    quarters: list[Period] = []
    for index in range(_quarter(first), _quarter(last) + 1):
        year, quarter = divmod(index, 4)
        start, end = dt.date(year, quarter * 3 + 1, 1), _month_end(year, quarter * 3 + 3)
        quarters.append(_clipped(start, end, first, last, f"T{quarter + 1}"))
    return quarters


def _year_groups(first: dt.date, last: dt.date, step: int) -> list[Period]:
    groups: list[Period] = []
    for index in range(first.year // step, last.year // step + 1):
        low, high = max(index * step, dt.MINYEAR), min(index * step + step - 1, dt.MAXYEAR)
        label = str(low) if low == high else f"{low}–{high}"
        groups.append(_clipped(dt.date(low, 1, 1), dt.date(high, 12, 31), first, last, label))
    return groups


def periods(first: dt.date, last: dt.date) -> list[Period]:
    """Columns from ``first``'s month to ``last``'s, at most ``MAX_COLUMNS`` of them.

    Months; quarters, years or groups of years when months would be too many.
    """
    first, last = first.replace(day=1), _month_end(last.year, last.month)
    if (last.year - first.year) * 12 + last.month - first.month < MAX_COLUMNS:
        return _months(first, last)
    if _quarter(last) - _quarter(first) < MAX_COLUMNS:
        return _quarters(first, last)
    step = next(
        (s for s in (1, *YEAR_STEPS) if last.year // s - first.year // s < MAX_COLUMNS),
        YEAR_STEPS[-1],
    )
    return _year_groups(first, last, step)


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


def _is_milestone(item: Fase | Attivita | Milestone) -> TypeIs[Milestone]:
    return is_model(item, "Milestone")


def _label(item: Fase | Attivita | Milestone) -> str:
    """The first cell of an item's row."""
    if _is_milestone(item):
        return f"{item.id} – {item.nome} ({long_date(item.data)})"
    return f"{item.id} – {item.nome}"


def _chained(labels: Sequence[str]) -> list[bool]:
    """Which rows keep with the next, so that the rows share the pages evenly.

    No page of the chart holds only one or two rows.

    The height of each row is estimated from its label, and the rows are chained in as many
    runs as pages (each row keeps with the next inside its run), so a page breaks only
    between runs. The estimates err on the tall side: a run always fits its page. The last
    run also keeps with the legend.
    """
    heights = [ROW_POINTS + LINE_POINTS * max(1, -(-len(label) // NAME_CHARS)) for label in labels]
    total = sum(heights)
    pages = 1 + max(0, math.ceil((total - FIRST_PAGE_POINTS) / PAGE_POINTS))
    chained = [False] * len(labels)
    if pages < 2:
        return chained
    # Each page gets a share in proportion to what it holds (the first, under the caption,
    # a little less); a run ends before the row that would overfill its share.
    room = FIRST_PAGE_POINTS + PAGE_POINTS * (pages - 1)
    ends = [total * (FIRST_PAGE_POINTS + PAGE_POINTS * k) / room for k in range(pages - 1)]
    done, run = 0.0, 0
    for index, height in enumerate(heights):
        done += height
        following = heights[index + 1] if index + 1 < len(heights) else 0.0
        if run < len(ends) and following and done + following > ends[run]:
            run += 1
            continue
        chained[index] = True
    return chained


class _Chart:
    """The chart's table written as text: the widths of its columns, its cell paragraphs."""

    def __init__(self, ctx: RenderContext, columns: Sequence[Period]) -> None:
        self.columns = columns
        width = text_width(ctx.document)
        self.widths = [NAME_WIDTH, *widths_for([1.0] * len(columns), width - NAME_WIDTH)]
        self.draft = ctx.draft is not None
        style = ctx.style_id(TABLE_TEXT_STYLE)
        self.openings = {
            (align, keep): text.paragraph_opening(style, align, keep_next=keep)
            for align in ("left", "center")
            for keep in (False, True)
        }

    def _lines(
        self, value: str, align: text.Align, *, keep: bool = False, bold: bool = False
    ) -> str:
        return text.cell_lines(self.openings[align, keep], value, bold=bold, draft=self.draft)

    def header(self) -> list[str]:
        """Two rows repeated on each page: the years over their columns, then the columns.

        The first column's heading spans both (merged down).
        """
        widths = self.widths
        years = [
            text.cell(
                sum(widths[start + 1 : end + 2]),
                self._lines(str(year), "center"),
                merge=f'<w:gridSpan w:val="{end - start + 1}"/>' if end > start else "",
            )
            for year, start, end in _years(self.columns)
        ]
        corner = self._lines("Fasi, attività e milestone", "left")
        units = [
            text.cell(width, self._lines(period.label, "center"))
            for width, period in zip(widths[1:], self.columns, strict=True)
        ]
        return [
            text.row(
                [text.cell(widths[0], corner, merge='<w:vMerge w:val="restart"/>'), *years],
                header=True,
            ),
            text.row([text.cell(widths[0], "<w:p/>", merge="<w:vMerge/>"), *units], header=True),
        ]

    def row(self, item: Fase | Attivita | Milestone, label: str, *, keep: bool) -> str:
        """An item's row: its label, then a mark in the columns of its bar or its date.

        A bar's cells are shaded too; an empty column keeps a styled paragraph mark (the
        row's height).
        """
        empty = self.openings["left", keep] + "</w:p>"
        if _is_milestone(item):
            cells = [text.cell(NAME_WIDTH, self._lines(label, "left", keep=keep))]
            marked = [period.contains(item.data) for period in self.columns]
            fill, mark = None, MILESTONE_MARK
        else:
            is_phase = is_model(item, "Fase")
            cells = [text.cell(NAME_WIDTH, self._lines(label, "left", keep=keep, bold=is_phase))]
            marked = [period.overlaps(item.inizio, item.fine) for period in self.columns]
            fill, mark = (PHASE_FILL, PHASE_MARK) if is_phase else (ACTIVITY_FILL, ACTIVITY_MARK)
        content = self._lines(mark, "center", keep=keep)
        for width, on in zip(self.widths[1:], marked, strict=True):
            cells.append(text.cell(width, content, fill=fill) if on else text.cell(width, empty))
        return text.row(cells)


def render_gantt(ctx: RenderContext, data: Piano) -> None:
    """A landscape section with the chart; the document returns to portrait after it.

    The table is written as text: its two header rows (years merged over their columns) at
    once, then each row of the chart; the rows of a long chart (most of a long document) are
    frozen as soon as they are written.
    """
    first, last = _span(data)
    landscape(ctx.document)
    chart = _Chart(ctx, periods(first, last))  # the widths of a landscape page
    add_caption(ctx, CAPTION)
    look = text.look(first_row=True, last_row=False, first_column=False)
    body = _rows(data)
    labels = [_label(item) for item in body]
    rows = (
        chart.row(item, label, keep=chained)
        for item, label, chained in zip(body, labels, _chained(labels), strict=True)
    )
    if ctx.frozen is None or not ctx.frozen.long(len(body)):
        ctx._append(text.table_element(ctx, CAPTION, chart.widths, look, [*chart.header(), *rows]))
    else:  # each row deflated as soon as it is written
        tbl = text.table_element(ctx, CAPTION, chart.widths, look, chart.header())
        ctx._append(tbl)
        for row in rows:
            tr = text.parse_row(row)
            tbl.append(tr)
            ctx.frozen.freeze_element(tr)
    ctx.p(
        f"Legenda: {PHASE_MARK} fasi (in tono scuro), {ACTIVITY_MARK} attività (in tono "
        f"chiaro), nei mesi in cui si svolgono; {MILESTONE_MARK} milestone.",
        TABLE_TEXT_STYLE,
    )
    portrait(ctx.document)
