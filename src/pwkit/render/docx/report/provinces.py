"""Chapter «Le Province, una per pagina»: each project's card, services and milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import DASH, long_date, money, number
from pwkit.render.docx.oxml import set_p_property
from pwkit.render.docx.report.cells import count, fte, outcome, ratio
from pwkit.render.docx.tables import Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext
    from pwkit.report.figures import ProjectFigures


def add_provinces(report: ReportContext) -> None:
    """One page per project, in the order of the comparison."""
    ctx = report.ctx
    ctx.heading("Le Province, una per pagina", 1)
    ctx.paragraph("Per ogni progetto, le cifre principali, i servizi e le milestone.")
    for index, p in enumerate(report.projects):
        _add_province(report, p, new_page=index > 0)


def _add_province(report: ReportContext, p: ProjectFigures, *, new_page: bool) -> None:
    ctx = report.ctx
    heading = ctx.heading(p.ente or p.name, 2)
    if new_page:
        set_p_property(heading, "w:pageBreakBefore")
    key_value_table(
        ctx,
        f"Scheda: {p.name}",
        [
            ("Titolo del progetto", p.titolo or DASH),
            ("Cartella", p.folder),
            ("Esito del controllo", f"{outcome(p)}, {number(p.warnings)} avvisi"),
            ("Sezioni complete", f"{p.sections_complete} su {p.sections_total}"),
            ("Regione", p.regione or DASH),
            (
                "Comuni",
                f"{number(p.comuni_territorio)} nel territorio, {count(p.comuni_target)} "
                f"a cui si rivolgono i servizi ({ratio(p.copertura_target)})",
            ),
            ("Piccoli Comuni", f"{number(p.comuni_piccoli)} ({ratio(p.quota_piccoli)})"),
            ("FTE", fte(p.fte)),
            ("Costi del piano", money(p.costi_totali)),
            ("Copertura dei costi", ratio(p.copertura_costi)),
            ("Primo avvio", long_date(p.primo_avvio)),
            (
                "Strumento giuridico",
                ctx.label(p.strumento, "Strumento") if p.strumento else DASH,
            ),
            ("Provincia mentor", p.mentor or DASH),
            ("Province partner", ", ".join(p.partner) or DASH),
        ],
    )
    if p.servizi:
        data_table(
            ctx,
            f"Servizi: {p.name}",
            [
                Column("ID", 0.5),
                Column("Servizio", 2.6),
                Column("Area", 1.6),
                Column("Avvio", 1.2),
                Column("Priorità", 0.7, "center"),
            ],
            [
                [s.id, s.nome, report.area_label(s.area), long_date(s.avvio), str(s.priorita)]
                for s in p.servizi
            ],
        )
    if p.milestones:
        data_table(
            ctx,
            f"Milestone: {p.name}",
            [
                Column("ID", 0.5),
                Column("Milestone", 3),
                Column("Data", 1.2),
                Column("Tipo", 1.6),
            ],
            [
                [m.id, m.nome, long_date(m.data), ctx.label(m.tipo, "TipoMilestone")]
                for m in p.milestones
            ],
        )
