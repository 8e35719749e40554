"""Chapter «Calendario comune»: every plan's milestones by quarter, and the first go-lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.sections.gantt import ACTIVITY_FILL, MILESTONE_MARK, PHASE_FILL
from pwkit.render.docx.tables import Cell, Column, data_table
from pwkit.report.compare import by_first_start, milestones_by_quarter, quarter, quarters

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext


def add_timeline(report: ReportContext) -> None:
    """Milestones per Provincia and quarter (the quarter of the first go-live darker)."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("Calendario comune: avvii e milestone", 1)
    columns = quarters(projects)
    if not columns:
        ctx.paragraph("Nessun progetto ha un piano con milestone valide.")
        return
    ctx.paragraph(
        report.refs.fill(
            "Le milestone di ogni piano ({Piano}) per trimestre; in tono scuro il trimestre "
            "di avvio del primo servizio, in tono chiaro i trimestri con milestone."
        )
    )
    marks = [milestones_by_quarter(p) for p in projects]
    rows: list[list[Cell]] = [
        [p.name, *([f"{MILESTONE_MARK} {' '.join(m[c])}"] if c in m else None for c in columns)]
        for p, m in zip(projects, marks, strict=True)
    ]
    fills: dict[tuple[int, int], str] = {}
    for index, (p, found) in enumerate(zip(projects, marks, strict=True)):
        start = quarter(p.primo_avvio) if p.primo_avvio else None
        for place, column in enumerate(columns, start=1):
            if column == start:
                fills[index, place] = PHASE_FILL
            elif column in found:
                fills[index, place] = ACTIVITY_FILL
    data_table(
        ctx,
        "Milestone per trimestre",
        [
            Column("Provincia", 2.2),
            *(Column(f"{q}° trim. {year}", 1, "center") for year, q in columns),
        ],
        rows,
        fills=fills,
    )
    data_table(
        ctx,
        "Avvio del primo servizio",
        [
            Column("Provincia", 2.2),
            Column("Primo avvio", 1.4),
            Column("Avvii di servizio nel piano", 3),
        ],
        [
            [
                p.name,
                long_date(p.primo_avvio),
                [f"{m.id} – {m.nome} ({long_date(m.data)})" for m in p.go_lives] or None,
            ]
            for p in by_first_start(projects)
        ],
    )
