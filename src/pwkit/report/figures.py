"""The figures of one project work that the phase-4 report compares. Pure data.

Every figure is taken from the validated data only: a value that is not valid has no figure
(``None``), nor has a total over a list with an item that is not valid, so that a broken
project never contributes a number pwkit could not check.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from pwkit.model.common import LeftOutField
from pwkit.model.project import has

if TYPE_CHECKING:
    from collections.abc import Callable

    from pwkit.check.pipeline import CheckResult
    from pwkit.model.analisi import Comune
    from pwkit.model.attuazione import Monitoraggio
    from pwkit.model.project import Project
    from pwkit.model.servizio import CatalogoServizi

#: Comuni below this population are «piccoli Comuni» (the programme's main target).
SMALL_COMUNE = 5000
#: The bucket of KPIs that no service refers to.
CROSS_CUTTING = "trasversale"
#: The kind of milestone that starts a service.
GO_LIVE = "avvio_servizio"


@dataclass(frozen=True)
class ServiceFigure:
    """One service of the catalogue."""

    id: str
    area: str
    nome: str
    avvio: dt.date
    priorita: int
    modalita_accesso: str


@dataclass(frozen=True)
class MilestoneFigure:
    """One milestone of the plan."""

    id: str
    nome: str
    data: dt.date
    tipo: str


@dataclass(frozen=True)
class Exchange:
    """An exchange with another Provincia; ``ruolo`` is the role of that other Provincia."""

    provincia: str
    ruolo: str
    attivita: str


@dataclass(frozen=True)
class ProjectFigures:
    """What the report shows of one project work (``None``: not available or not valid)."""

    folder: str
    provincia: str | None
    sigla: str | None
    regione: str | None
    titolo: str | None
    versione: str | None
    stato_documento: str | None
    errors: int
    warnings: int
    sections_complete: int
    sections_total: int
    comuni_territorio: int
    """Rows of the Comuni CSV with an ISTAT code and a name."""
    popolazione: int | None
    comuni_piccoli: int | None
    comuni_senza_ufficio: int | None
    comuni_target: int | None
    comuni_aderenti: int | None
    """Comuni marked ``aderente = si`` in the CSV; ``None`` when the column is not filled."""
    piccoli_aderenti: int | None
    servizi: tuple[ServiceFigure, ...]
    fte: Decimal | None
    costo_personale_annuo: Decimal | None
    costi_totali: Decimal | None
    finanziamenti_totali: Decimal | None
    primo_avvio: dt.date | None
    milestones: tuple[MilestoneFigure, ...]
    kpi_totali: int | None
    kpi_per_area: tuple[tuple[str, int], ...]
    rischi_totali: int | None
    rischi_per_categoria: tuple[tuple[str, int], ...]
    strumento: str | None
    mentor: str | None
    partner: tuple[str, ...]
    scambi: tuple[Exchange, ...]
    ente: str | None = None
    """The body's name as documents print it («Città metropolitana di Bari»)."""

    @property
    def name(self) -> str:
        """The Provincia's name, or the folder when the title page is not valid."""
        return self.provincia or self.folder

    @property
    def valid(self) -> bool:
        """The project has no errors."""
        return self.errors == 0

    @property
    def aree(self) -> tuple[str, ...]:
        """Service areas offered, in catalogue order of first appearance."""
        return tuple(dict.fromkeys(s.area for s in self.servizi))

    @property
    def go_lives(self) -> tuple[MilestoneFigure, ...]:
        """The milestones that start a service, in date order."""
        return tuple(m for m in self.milestones if m.tipo == GO_LIVE)

    def services_in(self, area: str) -> int:
        """Number of services of ``area``."""
        return sum(1 for s in self.servizi if s.area == area)

    @property
    def copertura_target(self) -> Decimal | None:
        """Comuni targeted / Comuni of the territory."""
        if self.comuni_target is None or not self.comuni_territorio:
            return None
        return Decimal(self.comuni_target) / Decimal(self.comuni_territorio)

    @property
    def quota_piccoli(self) -> Decimal | None:
        """Share of the territory's Comuni that are small."""
        if self.comuni_piccoli is None or not self.comuni_territorio:
            return None
        return Decimal(self.comuni_piccoli) / Decimal(self.comuni_territorio)

    @property
    def quota_piccoli_raggiunti(self) -> Decimal | None:
        """Small Comuni marked as joining / small Comuni of the territory."""
        if self.piccoli_aderenti is None or not self.comuni_piccoli:
            return None
        return Decimal(self.piccoli_aderenti) / Decimal(self.comuni_piccoli)

    @property
    def copertura_costi(self) -> Decimal | None:
        """Financing / costs over the whole plan."""
        if self.costi_totali is None or self.finanziamenti_totali is None:
            return None
        if not self.costi_totali:
            return None
        return self.finanziamenti_totali / self.costi_totali


@dataclass(frozen=True)
class Unreadable:
    """A folder given to the report that could not be read as a project work, and why."""

    folder: str
    reason: str
    trace: str = ""
    """Traceback of an internal error (for the log file), empty otherwise."""


def figures_of(result: CheckResult, folder: str) -> ProjectFigures:
    """The report's figures of a checked project (``folder`` is how the report names it).

    Figures come from every part of the data that validates (``CheckResult.parts``); a value
    left out as not valid has no figure, and neither has a total or a count over a list with
    an item left out.
    """
    from pwkit.load.ente import body_name
    from pwkit.model.analisi import Sintesi
    from pwkit.model.attuazione import Monitoraggio, Piano, Rete, Rischi
    from pwkit.model.servizio import CatalogoServizi, Economia, Governance, Organizzazione

    project, report = result.parts, result.report
    progetto = project.progetto
    sintesi = project.get(Sintesi)
    catalogo = _listing(project, CatalogoServizi, "servizi")
    organizzazione = _listing(project, Organizzazione, "ruoli")
    governance = project.get(Governance)
    costi = _listing(project, Economia, "costi")
    finanziamenti = _listing(project, Economia, "finanziamenti")
    piano = _listing(project, Piano, "milestone")
    rischi = _listing(project, Rischi, "rischi")
    monitoraggio = _listing(project, Monitoraggio, "kpi")
    rete = _listing(project, Rete, "scambi_rete")
    rete_progetto = _value(lambda: progetto.rete if progetto else None)
    partners = _value(lambda: tuple(rete_progetto.province_partner if rete_progetto else ()))

    servizi = tuple(
        ServiceFigure(s.id, s.area.value, s.nome, s.avvio, s.priorita, s.modalita_accesso.value)
        for s in (catalogo.servizi if catalogo else ())
    )
    first = min((s.avvio for s in servizi), default=None)
    if first is None and sintesi is not None:
        first = _value(lambda: sintesi.data_avvio_servizio)
    comuni = _Comuni.of(project)
    return ProjectFigures(
        folder=folder,
        provincia=_value(lambda: progetto.provincia.nome if progetto else None),
        sigla=_value(lambda: progetto.provincia.sigla if progetto else None),
        regione=_value(lambda: progetto.provincia.regione if progetto else None),
        titolo=_value(lambda: progetto.titolo if progetto else None),
        versione=_value(lambda: progetto.versione if progetto else None),
        stato_documento=_value(lambda: progetto.stato.value if progetto else None),
        errors=len(report.errors),
        warnings=len(report.warnings),
        sections_complete=report.sections_complete,
        sections_total=report.sections_total,
        comuni_territorio=len(project.comuni),
        popolazione=comuni.sum("popolazione"),
        comuni_piccoli=comuni.count("popolazione", lambda c: c.popolazione < SMALL_COMUNE),
        comuni_senza_ufficio=comuni.count(
            "ufficio_personale", lambda c: c.ufficio_personale.value == "no"
        ),
        comuni_target=_value(lambda: sintesi.comuni_target if sintesi else None),
        comuni_aderenti=comuni.joining(),
        piccoli_aderenti=comuni.joining(lambda c: c.popolazione < SMALL_COMUNE),
        servizi=servizi,
        fte=(
            sum((Decimal(str(r.fte)) for r in organizzazione.ruoli), Decimal(0))
            if organizzazione
            else None
        ),
        costo_personale_annuo=(
            sum((Decimal(str(r.fte)) * r.costo_annuo_fte for r in organizzazione.ruoli), Decimal(0))
            if organizzazione
            else None
        ),
        costi_totali=sum((c.importo for c in costi.costi), Decimal(0)) if costi else None,
        finanziamenti_totali=(
            sum((f.importo for f in finanziamenti.finanziamenti), Decimal(0))
            if finanziamenti
            else None
        ),
        primo_avvio=first,
        milestones=tuple(
            MilestoneFigure(m.id, m.nome, m.data, m.tipo.value)
            for m in sorted(piano.milestone if piano else (), key=lambda m: (m.data, m.id))
        ),
        kpi_totali=len(monitoraggio.kpi) if monitoraggio else None,
        kpi_per_area=_kpi_per_area(catalogo, monitoraggio),
        rischi_totali=len(rischi.rischi) if rischi else None,
        rischi_per_categoria=tuple(
            sorted(Counter(r.categoria.value for r in (rischi.rischi if rischi else ())).items())
        ),
        strumento=_value(lambda: governance.strumento.value if governance else None),
        mentor=_value(lambda: rete_progetto.provincia_mentor if rete_progetto else None),
        partner=partners or (),
        scambi=tuple(
            Exchange(x.provincia, x.ruolo.value, x.attivita)
            for x in (rete.scambi_rete if rete else ())
        ),
        ente=body_name(progetto.provincia) if progetto else None,
    )


T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


def _value(read: Callable[[], T]) -> T | None:
    """What ``read`` returns, or ``None`` when it reads a value left out as not valid."""
    try:
        return read()
    except LeftOutField:
        return None


def _listing(project: Project, model: type[M], field: str) -> M | None:
    """A section's data when its list ``field`` is there with no item left out."""
    data = project.get(model)
    if data is None or field not in data.__dict__ or not project.whole(data, field):
        return None
    return data


@dataclass(frozen=True)
class _Comuni:
    """The rows of the Comuni CSV, and whether each column is there in every row."""

    rows: tuple[Comune, ...]
    whole: bool

    @classmethod
    def of(cls, project: Project) -> _Comuni:
        return cls(project.comuni, project.comuni_whole)

    def _complete(self, column: str) -> bool:
        return self.whole and all(has(c, column) for c in self.rows)

    def sum(self, column: str) -> int | None:
        """The column's total, or ``None`` unless every row has it."""
        if not self._complete(column):
            return None
        return int(sum(getattr(c, column) for c in self.rows))

    def count(self, column: str, test: Callable[[Comune], bool]) -> int | None:
        """Rows passing ``test`` on ``column``, or ``None`` unless every row has it."""
        if not self._complete(column):
            return None
        return sum(1 for c in self.rows if test(c))

    def joining(self, test: Callable[[Comune], bool] | None = None) -> int | None:
        """Rows marked ``aderente = si`` (and passing ``test``); ``None`` when not marked."""
        if not self._complete("aderente") or not any(c.aderente is not None for c in self.rows):
            return None
        joining = [c for c in self.rows if c.aderente == "si"]
        if test is None:
            return len(joining)
        if not all(has(c, "popolazione") for c in joining):
            return None
        return sum(1 for c in joining if test(c))


def _kpi_per_area(
    catalogo: CatalogoServizi | None, monitoraggio: Monitoraggio | None
) -> tuple[tuple[str, int], ...]:
    """KPIs by the area of the services that use them; a KPI of no service is cross-cutting.

    A KPI used by services of two areas counts once in each.
    """
    if monitoraggio is None:
        return ()
    areas: dict[str, set[str]] = {}
    if catalogo is not None:
        for service in catalogo.servizi:
            for ref in service.kpi:
                areas.setdefault(ref, set()).add(service.area.value)
    counts: Counter[str] = Counter()
    for kpi in monitoraggio.kpi:
        for area in areas.get(kpi.id, {CROSS_CUTTING}):
            counts[area] += 1
    return tuple(sorted(counts.items()))
