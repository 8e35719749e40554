"""Chapter «Personale e costi»: FTE, staff cost, plan costs, financing and coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import fixed, money
from pwkit.render.docx.report.cells import fte, ratio
from pwkit.render.docx.tables import Column, data_table
from pwkit.report.totals import MoneyTotals

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext


def add_money(report: ReportContext) -> None:
    """One row per Provincia with the totals."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("Personale e costi", 1)
    ctx.paragraph(
        report.refs.fill(
            "FTE e costo del personale a regime dai ruoli ({Organizzazione}: FTE × costo annuo "
            "per FTE); costi e finanziamenti sommati su tutti gli anni del piano ({Economia}). "
            "La copertura è il rapporto tra finanziamenti e costi."
        )
    )
    totals = MoneyTotals.of(projects)
    data_table(
        ctx,
        "Personale, costi e copertura per Provincia",
        [
            Column("Provincia", 2.2),
            Column("FTE", 0.7, "right"),
            Column("Costo del personale annuo", 1.5, "right"),
            Column("Costi del piano", 1.5, "right"),
            Column("Finanziamenti", 1.5, "right"),
            Column("Copertura", 0.9, "right"),
        ],
        [
            [
                p.name,
                fte(p.fte),
                money(p.costo_personale_annuo),
                money(p.costi_totali),
                money(p.finanziamenti_totali),
                ratio(p.copertura_costi),
            ]
            for p in projects
        ],
        total=[
            "Totale",
            fixed(totals.fte),
            money(totals.costo_personale_annuo),
            money(totals.costi),
            money(totals.finanziamenti),
            ratio(totals.copertura_costi),
        ],
    )
