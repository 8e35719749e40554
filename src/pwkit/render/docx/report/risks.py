"""Chapter «Rischi e strumenti giuridici»: risk categories, legal instruments, access modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import number
from pwkit.render.docx.tables import Column, data_table
from pwkit.report.compare import access_modes, instruments, risk_categories
from pwkit.report.totals import risks_total

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext


def add_risks_and_instruments(report: ReportContext) -> None:
    """What the Province fear, which instrument each chose, how the Comuni join."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("Rischi e strumenti giuridici", 1)
    risks = risk_categories(projects)
    data_table(
        ctx,
        "Rischi dichiarati per categoria",
        [
            Column("Categoria di rischio", 2.4),
            Column("Rischi", 1, "right"),
            Column("Province che li dichiarano", 1.6, "right"),
        ],
        [
            [ctx.label(r.categoria, "CategoriaRischio"), number(r.rischi), number(r.province)]
            for r in risks
        ],
        total=["Totale", number(risks_total(risks)), None],
    )
    data_table(
        ctx,
        "Strumenti giuridici scelti",
        [Column("Strumento", 2.4), Column("Province", 0.8, "right"), Column("Quali", 3)],
        [
            [ctx.label(s, "Strumento"), number(len(names)), ", ".join(names)]
            for s, names in instruments(projects).items()
        ],
    )
    modes = access_modes(projects)
    data_table(
        ctx,
        "Come i Comuni accedono ai servizi",
        [Column("Modalità di accesso", 3), Column("Servizi", 1, "right")],
        [
            [ctx.label(mode, "ModalitaAccesso"), number(n)]
            for mode, n in sorted(modes.items(), key=lambda item: (-item[1], item[0]))
        ],
    )
