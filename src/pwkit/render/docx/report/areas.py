"""Chapters «Servizi offerti per area» and «KPI dichiarati per area»: Province × areas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import DASH, number
from pwkit.render.docx.tables import Cell, Column, data_table
from pwkit.report.compare import areas_in_use, kpi_areas_in_use
from pwkit.report.figures import CROSS_CUTTING
from pwkit.report.totals import kpis_per_area, provinces_per_area, services_per_area

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext

#: Short column headers of the area matrices (the legend under each table gives the full name).
SHORT_AREAS = {
    "reclutamento": "Concorsi",
    "selezioni_uniche": "Selez. uniche",
    "gestione_giuridica": "Giuridica",
    "gestione_economica": "Paghe",
    "formazione": "Formaz.",
    "disciplinare": "UPD",
    "programmazione": "PIAO",
    "valutazione": "Valutaz.",
    "previdenza": "Previd.",
    "consulenza": "Consul.",
    "altro": "Altro",
    CROSS_CUTTING: "Trasv.",
}


def _matrix(
    report: ReportContext,
    caption: str,
    areas: Sequence[str],
    counts: Mapping[str, Mapping[str, int]],
    totals: tuple[str, Mapping[str, int]],
) -> None:
    """One row per Provincia, one column per area, the totals last, a legend below."""
    rows: list[list[Cell]] = []
    for p in report.projects:
        found = counts.get(p.folder, {})
        rows.append([p.name, *(number(found[a]) if found.get(a) else DASH for a in areas)])
    label, sums = totals
    data_table(
        report.ctx,
        caption,
        [
            Column("Provincia", 2.2),
            *(Column(SHORT_AREAS.get(a, a), 1, "center") for a in areas),
        ],
        rows,
        total=[label, *(number(sums[a]) for a in areas)],
    )
    legend = "; ".join(f"{SHORT_AREAS.get(a, a)} = {report.area_label(a)}" for a in areas)
    report.ctx.paragraph(f"Legenda: {legend}.", "Testo tabella")


def add_services(report: ReportContext) -> None:
    """Services per Provincia and area, and how many Province offer each area."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("Servizi offerti per area", 1)
    areas = areas_in_use(projects)
    if not areas:
        ctx.paragraph("Nessun progetto ha un catalogo dei servizi valido.")
        return
    ctx.paragraph(
        report.refs.fill(
            "Numero di servizi del catalogo ({CatalogoServizi}) per area; l'ultima riga somma "
            "i servizi di ogni area. La tabella che segue conta invece le Province che offrono "
            "almeno un servizio dell'area."
        )
    )
    counts = {p.folder: {a: p.services_in(a) for a in areas} for p in projects}
    totals = ("Servizi in totale", services_per_area(projects, areas))
    _matrix(report, "Servizi per Provincia e area", areas, counts, totals)
    offering = provinces_per_area(projects, areas)
    data_table(
        ctx,
        "Province che offrono ciascuna area",
        [Column("Area di servizio", 3.2), Column("Province", 1, "right")],
        [[report.area_label(a), number(offering[a])] for a in areas],
    )


def add_kpis(report: ReportContext) -> None:
    """KPIs per Provincia and area (the area of the services that use them)."""
    ctx, projects = report.ctx, report.projects
    ctx.heading("KPI dichiarati per area", 1)
    areas = kpi_areas_in_use(projects)
    if not areas:
        ctx.paragraph("Nessun progetto ha KPI validi.")
        return
    ctx.paragraph(
        report.refs.fill(
            "Ogni KPI ({Monitoraggio}) è contato nell'area dei servizi che lo usano (una volta "
            "per area); i KPI che nessun servizio usa sono «trasversali»."
        )
    )
    counts = {p.folder: dict(p.kpi_per_area) for p in projects}
    totals = ("KPI in totale", kpis_per_area(projects, areas))
    _matrix(report, "KPI per Provincia e area", areas, counts, totals)
