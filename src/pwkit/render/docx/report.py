"""The Word report of phase 4: every project work compared, one page per Provincia, the network.

It is built with the same styles, tables and Italian formatting as a project's document; the
numbers come from ``pwkit.report.compare`` (the CSV and JSON show the same ones).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.base.fsutil import write_output
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document, landscape, portrait
from pwkit.render.docx.formatting import DASH, fixed, long_date, money, number, percent
from pwkit.render.docx.gantt import ACTIVITY_FILL, MILESTONE_MARK, PHASE_FILL
from pwkit.render.docx.headers import add_header_footer
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.oxml import set_cell_shading, set_numbering, xml_safe
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table, row_cells
from pwkit.render.docx.toc import add_toc_placeholder, fill_toc
from pwkit.report.compare import (
    Comparison,
    access_modes,
    areas_in_use,
    instruments,
    kpi_areas_in_use,
    quarter,
    quarters,
    risk_categories,
    total,
)
from pwkit.report.figures import CROSS_CUTTING, SMALL_COMUNE, ProjectFigures

if TYPE_CHECKING:
    from docx.document import Document

REPORT_TITLE = "Restituzione dei Project Work"

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
GO_LIVE = "avvio_servizio"


def _ratio(value: Decimal | None) -> str:
    return percent(float(value)) if value is not None else DASH


def _count(value: int | None) -> str:
    return number(value) if value is not None else DASH


def _reached(count: int | None, share: Decimal | None) -> str:
    return DASH if count is None else f"{number(count)} ({_ratio(share)})"


def _outcome(project: ProjectFigures) -> str:
    if project.valid:
        return "senza errori"
    return f"con errori ({project.errors})"


class ReportWriter:
    """Writes the chapters of the report into one document."""

    def __init__(self, comparison: Comparison) -> None:
        from pwkit.model.project import Project
        from pwkit.pack.registry import bundled_pack
        from pwkit.validate.manifest import load_manifest

        manifest = load_manifest(bundled_pack())
        frame = Project(Path(), manifest, None, (), ())
        document, numbering = create_document(frame)
        self.comparison = comparison
        self.projects = comparison.projects
        self.ctx = RenderContext(document, frame, numbering, Lookup.of(frame))

    def area_label(self, area: str) -> str:
        """The full Italian name of a service area."""
        if area == CROSS_CUTTING:
            return "KPI non legati a un servizio (trasversali)"
        return self.ctx.label(area, "Area")

    def build(self) -> Document:
        """The complete report."""
        ctx = self.ctx
        self._title_page()
        toc = add_toc_placeholder(ctx)
        self._summary()
        landscape(ctx.document)
        self._services()
        self._kpis()
        self._timeline()
        portrait(ctx.document)
        self._comuni()
        self._money()
        self._risks_and_instruments()
        self._network()
        self._provinces()
        self._method()
        fill_toc(ctx, toc)
        add_header_footer(ctx, title=REPORT_TITLE, left="Programma «Province & Comuni»")
        self._properties()
        return ctx.document

    # --- chapters -----------------------------------------------------------------------

    def _title_page(self) -> None:
        ctx = self.ctx
        for line in ctx.project.manifest.programme.header:
            ctx.paragraph(line, "Frontespizio programma")
        ctx.paragraph("Fase 4 – Restituzione degli esiti", "Frontespizio ente")
        ctx.paragraph(REPORT_TITLE, "Title")
        n = len(self.projects)
        ctx.paragraph(
            f"Confronto tra {n} {'progetto' if n == 1 else 'progetti'} delle Province: servizi, "
            "Comuni, personale, costi, calendario e rete dei mentor",
            "Subtitle",
        )
        ctx.paragraph(f"Situazione al {long_date(self.comparison.date)}", "Frontespizio")

    def _summary(self) -> None:
        ctx, projects = self.ctx, self.projects
        ctx.heading("Sintesi", 1)
        network = self.comparison.network
        key_value_table(
            ctx,
            "Quadro d'insieme",
            [
                ("Progetti letti", number(len(projects))),
                ("di cui senza errori", number(sum(1 for p in projects if p.valid))),
                ("di cui con errori", number(len(self.comparison.with_errors))),
                ("Cartelle non leggibili", number(len(self.comparison.unreadable))),
                ("Comuni dei territori", number(sum(p.comuni_territorio for p in projects))),
                (
                    "Comuni a cui si rivolgono i servizi",
                    number(sum(p.comuni_target or 0 for p in projects)),
                ),
                ("Servizi progettati", number(sum(len(p.servizi) for p in projects))),
                ("FTE dei servizi", fixed(total(p.fte for p in projects))),
                ("Costi complessivi dei piani", money(total(p.costi_totali for p in projects))),
                ("Province mentor", number(len(network.mentees_of()))),
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
                    _outcome(p),
                    f"{p.sections_complete}/{p.sections_total}",
                    number(p.warnings),
                    ctx.label(p.stato_documento, "Stato") if p.stato_documento else DASH,
                ]
                for p in projects
            ],
        )
        if self.comparison.unreadable:
            data_table(
                ctx,
                "Cartelle che non è stato possibile leggere",
                [Column("Cartella", 2.2), Column("Motivo", 4)],
                [[u.folder, u.reason] for u in self.comparison.unreadable],
            )

    def _matrix(
        self,
        caption: str,
        areas: Sequence[str],
        value: dict[str, dict[str, int]],
        total_label: str,
    ) -> None:
        ctx = self.ctx
        rows: list[list[Cell]] = []
        for p in self.projects:
            counts = value.get(p.folder, {})
            rows.append([p.name, *(number(counts[a]) if counts.get(a) else DASH for a in areas)])
        sums = [sum(value.get(p.folder, {}).get(a, 0) for p in self.projects) for a in areas]
        data_table(
            ctx,
            caption,
            [
                Column("Provincia", 2.2),
                *(Column(SHORT_AREAS.get(a, a), 1, "center") for a in areas),
            ],
            rows,
            total=[total_label, *(number(s) for s in sums)],
        )
        legend = "; ".join(f"{SHORT_AREAS.get(a, a)} = {self.area_label(a)}" for a in areas)
        ctx.paragraph(f"Legenda: {legend}.", "Testo tabella")

    def _services(self) -> None:
        ctx = self.ctx
        ctx.heading("Servizi offerti per area", 1)
        areas = areas_in_use(self.projects)
        if not areas:
            ctx.paragraph("Nessun progetto ha un catalogo dei servizi valido.")
            return
        ctx.paragraph(
            "Numero di servizi del catalogo (sezione 6) per area; l'ultima riga conta le "
            "Province che offrono almeno un servizio dell'area."
        )
        value = {p.folder: {a: p.services_in(a) for a in areas} for p in self.projects}
        offering = {"": {a: sum(1 for p in self.projects if p.services_in(a)) for a in areas}}
        self._matrix("Servizi per Provincia e area", areas, value, "Servizi in totale")
        data_table(
            ctx,
            "Province che offrono ciascuna area",
            [Column("Area di servizio", 3.2), Column("Province", 1, "right")],
            [[self.area_label(a), number(offering[""][a])] for a in areas],
        )

    def _kpis(self) -> None:
        ctx = self.ctx
        ctx.heading("KPI dichiarati per area", 1)
        areas = kpi_areas_in_use(self.projects)
        if not areas:
            ctx.paragraph("Nessun progetto ha KPI validi.")
            return
        ctx.paragraph(
            "Ogni KPI (sezione 13) è contato nell'area dei servizi che lo usano (una volta per "
            "area); i KPI che nessun servizio usa sono «trasversali»."
        )
        value = {p.folder: dict(p.kpi_per_area) for p in self.projects}
        self._matrix("KPI per Provincia e area", areas, value, "KPI in totale")

    def _timeline(self) -> None:
        ctx = self.ctx
        ctx.heading("Calendario comune: avvii e milestone", 1)
        columns = quarters(self.projects)
        if not columns:
            ctx.paragraph("Nessun progetto ha un piano con milestone valide.")
            return
        ctx.paragraph(
            "Le milestone di ogni piano (sezione 11) per trimestre; in tono scuro il trimestre "
            "di avvio del primo servizio, in tono chiaro i trimestri con milestone."
        )
        rows: list[list[Cell]] = []
        for p in self.projects:
            cells: list[Cell] = [p.name]
            for column in columns:
                marks = [m.id for m in p.milestones if quarter(m.data) == column]
                cells.append([f"{MILESTONE_MARK} {' '.join(marks)}"] if marks else None)
            rows.append(cells)
        table = data_table(
            ctx,
            "Milestone per trimestre",
            [
                Column("Provincia", 2.2),
                *(Column(f"{q}° trim. {year}", 1, "center") for year, q in columns),
            ],
            rows,
        )
        for row, p in zip(table.rows[1:], self.projects, strict=True):
            for index, tc in enumerate(row_cells(row)[1:]):
                column = columns[index]
                if p.primo_avvio and quarter(p.primo_avvio) == column:
                    set_cell_shading(tc, PHASE_FILL)
                elif any(quarter(m.data) == column for m in p.milestones):
                    set_cell_shading(tc, ACTIVITY_FILL)
        ordered = sorted(
            (p for p in self.projects if p.primo_avvio), key=lambda p: (p.primo_avvio, p.name)
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
                    [
                        f"{m.id} – {m.nome} ({long_date(m.data)})"
                        for m in p.milestones
                        if m.tipo == GO_LIVE
                    ]
                    or None,
                ]
                for p in ordered
            ],
        )

    def _comuni(self) -> None:
        ctx, projects = self.ctx, self.projects
        ctx.heading("Comuni raggiunti", 1)
        ctx.paragraph(
            f"I Comuni del territorio sono quelli di dati/comuni.csv; i piccoli Comuni hanno meno "
            f"di {number(SMALL_COMUNE)} abitanti. La copertura è il rapporto tra i Comuni a cui "
            "si rivolgono i servizi (sezione 1) e i Comuni del territorio."
        )
        territory = sum(p.comuni_territorio for p in projects)
        target = sum(p.comuni_target or 0 for p in projects)
        sized = [p for p in projects if p.comuni_piccoli is not None]
        small = sum(p.comuni_piccoli or 0 for p in sized)
        sized_territory = sum(p.comuni_territorio for p in sized)
        marked = [p for p in projects if p.piccoli_aderenti is not None]
        reached = sum(p.piccoli_aderenti or 0 for p in marked)
        small_known = sum(p.comuni_piccoli or 0 for p in marked)
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
                    _count(p.comuni_target),
                    _ratio(p.copertura_target),
                    number(p.comuni_piccoli),
                    _ratio(p.quota_piccoli),
                    number(p.comuni_senza_ufficio),
                    _reached(p.piccoli_aderenti, p.quota_piccoli_raggiunti),
                ]
                for p in projects
            ],
            total=[
                "Totale",
                number(territory),
                number(sum(p.popolazione or 0 for p in projects)),
                number(target),
                _ratio(Decimal(target) / territory if territory else None),
                number(small),
                _ratio(Decimal(small) / sized_territory if sized_territory else None),
                number(sum(p.comuni_senza_ufficio or 0 for p in projects)),
                _reached(
                    reached if marked else None,
                    Decimal(reached) / small_known if small_known else None,
                ),
            ],
        )
        ctx.paragraph(
            "«Piccoli raggiunti» conta i piccoli Comuni segnati «si» nella colonna facoltativa "
            "«aderente» di dati/comuni.csv, con la quota sui piccoli Comuni del territorio; "
            "«–» dove il progetto non usa la colonna (il totale somma i progetti che la usano)."
        )

    def _money(self) -> None:
        ctx, projects = self.ctx, self.projects
        ctx.heading("Personale e costi", 1)
        ctx.paragraph(
            "FTE e costo del personale a regime dai ruoli (sezione 7: FTE × costo annuo per "
            "FTE); costi e finanziamenti sommati su tutti gli anni del piano (sezione 10). La "
            "copertura è il rapporto tra finanziamenti e costi."
        )
        costs = total(p.costi_totali for p in projects)
        financing = total(p.finanziamenti_totali for p in projects)
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
                    fixed(p.fte) if p.fte is not None else DASH,
                    money(p.costo_personale_annuo),
                    money(p.costi_totali),
                    money(p.finanziamenti_totali),
                    _ratio(p.copertura_costi),
                ]
                for p in projects
            ],
            total=[
                "Totale",
                fixed(total(p.fte for p in projects)),
                money(total(p.costo_personale_annuo for p in projects)),
                money(costs),
                money(financing),
                _ratio(financing / costs if costs else None),
            ],
        )

    def _risks_and_instruments(self) -> None:
        ctx, projects = self.ctx, self.projects
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
            total=["Totale", number(sum(r.rischi for r in risks)), None],
        )
        chosen = instruments(projects)
        data_table(
            ctx,
            "Strumenti giuridici scelti",
            [Column("Strumento", 2.4), Column("Province", 0.8, "right"), Column("Quali", 3)],
            [
                [ctx.label(s, "Strumento"), number(len(names)), ", ".join(names)]
                for s, names in chosen.items()
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

    def _network(self) -> None:
        ctx = self.ctx
        network = self.comparison.network
        ctx.heading("La rete delle Province", 1)
        ctx.paragraph(
            "Le relazioni dichiarate nel frontespizio (Provincia mentor, Province partner) e "
            "negli scambi della sezione 14. «Dichiarato da» dice quale delle due Province lo "
            "scrive nel proprio progetto: quando lo scrive una sola, vale la pena di verificare."
        )
        if not network.mentors and not network.peers:
            ctx.paragraph("Nessun progetto dichiara relazioni con altre Province.")
            return
        if network.mentors:
            data_table(
                ctx,
                "Province mentor e Province affiancate",
                [
                    Column("Mentor", 2),
                    Column("Provincia affiancata", 2),
                    Column("Dichiarato da", 2),
                ],
                [
                    [m.mentor, m.mentee, "entrambe" if m.mutual else ", ".join(m.declared_by)]
                    for m in network.mentors
                ],
            )
            self._diagram()
        if network.peers:
            data_table(
                ctx,
                "Province partner alla pari",
                [Column("Provincia", 2), Column("Provincia", 2), Column("Dichiarato da", 2)],
                [
                    [p.first, p.second, "entrambe" if p.mutual else ", ".join(p.declared_by)]
                    for p in network.peers
                ],
            )

    def _diagram(self) -> None:
        """The mentors as a diagram: each mentor, an arrow, the Province it accompanies."""
        ctx = self.ctx
        groups = self.comparison.network.mentees_of()
        table = data_table(
            ctx,
            "Schema della rete dei mentor",
            [
                Column("Mentor", 2),
                Column("affianca", 0.8, "center"),
                Column("Province affiancate", 3),
            ],
            [[mentor, "──►", mentees] for mentor, mentees in groups.items()],
        )
        for row in table.rows[1:]:
            cells = row_cells(row)
            set_cell_shading(cells[0], PHASE_FILL)
            set_cell_shading(cells[2], ACTIVITY_FILL)
            for run in cells[0].paragraphs[0].runs:
                run.bold = True

    def _provinces(self) -> None:
        ctx = self.ctx
        ctx.heading("Le Province, una per pagina", 1)
        ctx.paragraph("Per ogni progetto, le cifre principali, i servizi e le milestone.")
        for index, p in enumerate(self.projects):
            self._province(p, new_page=index > 0)

    def _province(self, p: ProjectFigures, *, new_page: bool) -> None:
        ctx = self.ctx
        heading = ctx.heading(p.ente or p.name, 2)
        if new_page:
            heading.paragraph_format.page_break_before = True
        key_value_table(
            ctx,
            f"Scheda: {p.name}",
            [
                ("Titolo del progetto", p.titolo or DASH),
                ("Cartella", p.folder),
                ("Esito del controllo", f"{_outcome(p)}, {number(p.warnings)} avvisi"),
                ("Sezioni complete", f"{p.sections_complete} su {p.sections_total}"),
                ("Regione", p.regione or DASH),
                (
                    "Comuni",
                    f"{number(p.comuni_territorio)} nel territorio, {_count(p.comuni_target)} "
                    f"a cui si rivolgono i servizi ({_ratio(p.copertura_target)})",
                ),
                ("Piccoli Comuni", f"{number(p.comuni_piccoli)} ({_ratio(p.quota_piccoli)})"),
                ("FTE", fixed(p.fte) if p.fte is not None else DASH),
                ("Costi del piano", money(p.costi_totali)),
                ("Copertura dei costi", _ratio(p.copertura_costi)),
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
                    [s.id, s.nome, self.area_label(s.area), long_date(s.avvio), str(s.priorita)]
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

    def _method(self) -> None:
        ctx = self.ctx
        ctx.heading("Come sono calcolate le cifre", 1)
        for line in (
            "Ogni progetto è controllato con le stesse regole di pwkit check; le cifre vengono "
            "dai dati strutturati delle sezioni valide, mai dal testo.",
            "Comuni: righe di dati/comuni.csv; piccoli Comuni sotto i 5.000 abitanti; Comuni "
            "target dalla sezione 1.",
            "FTE e costo del personale: somma dei ruoli della sezione 7 (FTE × costo annuo per "
            "FTE, a regime). Costi e finanziamenti: somma delle voci della sezione 10 di tutti "
            "gli anni.",
            "Calendario: milestone della sezione 11; primo avvio: la data di avvio più vicina "
            "tra i servizi della sezione 6.",
            "KPI per area: ogni KPI della sezione 13 conta nell'area dei servizi che lo usano.",
            "Rete: Provincia mentor e partner del frontespizio, scambi della sezione 14.",
        ):
            set_numbering(ctx.paragraph(line, "List Bullet"), ctx.numbering.bullet_num, 0)

    def _properties(self) -> None:
        core = self.ctx.document.core_properties
        core.title = REPORT_TITLE
        core.subject = xml_safe(self.ctx.project.manifest.programme.name)
        core.author = ""
        core.last_modified_by = ""
        core.keywords = "Project Work; Province & Comuni; fase 4; restituzione"
        core.category = "Restituzione"
        core.version = ""
        core.content_status = ""
        moment = dt.datetime.combine(self.comparison.date, dt.time(12, 0))
        core.created = moment
        core.modified = moment


def build_report(comparison: Comparison) -> Document:
    """The Word report of ``comparison`` (nothing is written to disk)."""
    return ReportWriter(comparison).build()


def export_report(comparison: Comparison, output: Path, *, force: bool = False) -> None:
    """Build the report and write it to ``output`` whole (replacing a file only with ``force``)."""
    document = build_report(comparison)
    write_output(output, lambda tmp: document.save(str(tmp)), force=force)
