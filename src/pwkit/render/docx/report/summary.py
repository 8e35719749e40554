"""Chapter «Sintesi»: the comparison in a few numbers and the state of every project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import DASH, fixed, money, number
from pwkit.render.docx.report.cells import outcome
from pwkit.render.docx.tables import Column, data_table, key_value_table
from pwkit.report.totals import ComuniTotals, MoneyTotals, Overview

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext


def add_summary(report: ReportContext) -> None:
    """The overview card, how the broken projects count, the state of each project."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("Sintesi", 1)
    overview = Overview.of(report.comparison)
    comuni = ComuniTotals.of(projects)
    costs = MoneyTotals.of(projects)
    key_value_table(
        ctx,
        "Quadro d'insieme",
        [
            ("Progetti letti", number(overview.progetti)),
            ("di cui senza errori", number(overview.senza_errori)),
            ("di cui con errori", number(overview.con_errori)),
            ("Cartelle non leggibili", number(overview.illeggibili)),
            ("Comuni dei territori", number(comuni.territorio)),
            ("Comuni a cui si rivolgono i servizi", number(comuni.target)),
            ("Servizi progettati", number(overview.servizi)),
            ("FTE dei servizi", fixed(costs.fte)),
            ("Costi complessivi dei piani", money(costs.costi)),
            ("Province mentor", number(overview.mentor)),
        ],
    )
    ctx.paragraph(
        "I progetti con errori sono inclusi e segnati: le loro cifre vengono solo dalle "
        "sezioni valide, e dove una sezione non è valida la tabella mostra «–». Gli errori "
        "si vedono con pwkit check nella cartella del progetto."
    )
    data_table(
        ctx,
        "Stato dei progetti",
        [
            Column("Provincia", 2.2),
            Column("Esito del controllo", 1.6),
            Column("Sezioni complete", 1.1, "center"),
            Column("Avvisi", 0.8, "right"),
            Column("Stato del documento", 1.3),
        ],
        [
            [
                p.name,
                outcome(p),
                f"{p.sections_complete}/{p.sections_total}",
                number(p.warnings),
                ctx.label(p.stato_documento, "Stato") if p.stato_documento else DASH,
            ]
            for p in projects
        ],
    )
    unreadable = report.comparison.unreadable
    if unreadable:
        data_table(
            ctx,
            "Cartelle che non è stato possibile leggere",
            [Column("Cartella", 2.2), Column("Motivo", 4)],
            [[u.folder, u.reason] for u in unreadable],
        )
