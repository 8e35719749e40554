"""The report's title page and its document properties."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.oxml import xml_safe

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext

REPORT_TITLE = "Restituzione dei Project Work"


def add_title_page(report: ReportContext) -> None:
    """Programme header, title, what is compared and the date of the comparison."""
    ctx = report.ctx
    for line in ctx.project.manifest.programme.header:
        ctx.paragraph(line, "Frontespizio programma")
    ctx.paragraph("Fase 4 – Restituzione degli esiti", "Frontespizio ente")
    ctx.paragraph(REPORT_TITLE, "Title")
    n = len(report.projects)
    ctx.paragraph(
        f"Confronto tra {n} {'progetto' if n == 1 else 'progetti'} delle Province: servizi, "
        "Comuni, personale, costi, calendario e rete dei mentor",
        "Subtitle",
    )
    ctx.paragraph(f"Situazione al {long_date(report.comparison.date)}", "Frontespizio")


def set_properties(report: ReportContext) -> None:
    """Title, subject, keywords and the date of the comparison (no author: many Province)."""
    core = report.ctx.document.core
    core.set_text("dc:title", REPORT_TITLE)
    core.set_text("dc:subject", xml_safe(report.ctx.project.manifest.programme.name))
    core.set_text("dc:creator", "")
    core.set_text("cp:lastModifiedBy", "")
    core.set_text("cp:keywords", "Project Work; Province & Comuni; fase 4; restituzione")
    core.set_text("cp:category", "Restituzione")
    core.set_text("cp:version", "")
    core.set_text("cp:contentStatus", "")
    moment = dt.datetime.combine(report.comparison.date, dt.time(12, 0))
    core.set_date("dcterms:created", moment)
    core.set_date("dcterms:modified", moment)
