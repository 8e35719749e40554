"""Chapter «Comuni raggiunti»: the Comuni of each territory, the small ones, the ones reached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import number
from pwkit.render.docx.report.cells import count, ratio, reached
from pwkit.render.docx.tables import Column, data_table
from pwkit.report.figures import SMALL_COMUNE
from pwkit.report.totals import ComuniTotals

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext


def add_comuni(report: ReportContext) -> None:
    """One row per Provincia with the totals, and how the «aderente» column counts."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("Comuni raggiunti", 1)
    ctx.paragraph(
        f"I Comuni del territorio sono quelli di dati/comuni.csv; i piccoli Comuni hanno meno "
        f"di {number(SMALL_COMUNE)} abitanti. La copertura è il rapporto tra i Comuni a cui "
        f"si rivolgono i servizi ({report.refs['Sintesi']}) e i Comuni del territorio."
    )
    totals = ComuniTotals.of(projects)
    data_table(
        ctx,
        "Comuni del territorio e Comuni a cui si rivolgono i servizi",
        [
            Column("Provincia", 2.2),
            Column("Comuni", 0.9, "right"),
            Column("Abitanti", 1.2, "right"),
            Column("Comuni target", 0.9, "right"),
            Column("Copertura", 1, "right"),
            Column("Piccoli Comuni", 0.9, "right"),
            Column("Quota piccoli", 1, "right"),
            Column("Senza ufficio personale", 1.1, "right"),
            Column("Piccoli raggiunti", 1.1, "right"),
        ],
        [
            [
                p.name,
                number(p.comuni_territorio),
                number(p.popolazione),
                count(p.comuni_target),
                ratio(p.copertura_target),
                number(p.comuni_piccoli),
                ratio(p.quota_piccoli),
                number(p.comuni_senza_ufficio),
                reached(p.piccoli_aderenti, p.quota_piccoli_raggiunti),
            ]
            for p in projects
        ],
        total=[
            "Totale",
            number(totals.territorio),
            number(totals.popolazione),
            number(totals.target),
            ratio(totals.copertura_target),
            number(totals.piccoli),
            ratio(totals.quota_piccoli),
            number(totals.senza_ufficio),
            reached(totals.piccoli_aderenti, totals.quota_piccoli_raggiunti),
        ],
    )
    ctx.paragraph(
        "«Piccoli raggiunti» conta i piccoli Comuni segnati «si» nella colonna facoltativa "
        "«aderente» di dati/comuni.csv, con la quota sui piccoli Comuni del territorio; "
        "«–» dove il progetto non usa la colonna (il totale somma i progetti che la usano)."
    )
