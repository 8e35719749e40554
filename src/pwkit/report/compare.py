"""The comparisons of the phase-4 report, computed once from every project's figures.

The Word report, the CSV, the JSON and the terminal summary all show these same numbers.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pwkit.report.figures import CROSS_CUTTING, ProjectFigures, Unreadable

#: Service areas in the order of the template (the enum's order).
AREAS = (
    "reclutamento",
    "selezioni_uniche",
    "gestione_giuridica",
    "gestione_economica",
    "formazione",
    "disciplinare",
    "programmazione",
    "valutazione",
    "previdenza",
    "consulenza",
    "altro",
)


def province_key(name: str) -> str:
    """Names of Province compare without case, accents, «Provincia di» or extra spaces.

    The kind of body is dropped too: «Città metropolitana di Bari» is the same as «Bari».
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = " ".join(text.replace("-", " ").split())
    for prefix in (
        "provincia di ",
        "provincia dell'",
        "provincia della ",
        "provincia del ",
        "citta metropolitana di ",
        "libero consorzio comunale di ",
    ):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


@dataclass(frozen=True)
class MentorLink:
    """Provincia ``mentor`` accompanies Provincia ``mentee``; who declared it."""

    mentor: str
    mentee: str
    declared_by: tuple[str, ...]

    @property
    def mutual(self) -> bool:
        """Both Province declare the relation."""
        return len(self.declared_by) == 2


@dataclass(frozen=True)
class PeerLink:
    """Two Province exchanging as peers; who declared it."""

    first: str
    second: str
    declared_by: tuple[str, ...]

    @property
    def mutual(self) -> bool:
        """Both Province declare the relation."""
        return len(self.declared_by) == 2


@dataclass
class Network:
    """The network of phase 3: mentors and peers, as the projects declare it."""

    mentors: list[MentorLink] = field(default_factory=list)
    peers: list[PeerLink] = field(default_factory=list)

    def mentees_of(self) -> dict[str, list[str]]:
        """Each mentor with the Province it accompanies (sorted)."""
        grouped: dict[str, list[str]] = {}
        for link in self.mentors:
            grouped.setdefault(link.mentor, []).append(link.mentee)
        return {m: sorted(grouped[m]) for m in sorted(grouped)}


def network(projects: Sequence[ProjectFigures]) -> Network:
    """Mentor and peer relations from ``rete`` (title page) and ``scambi_rete`` (``Rete``).

    A relation declared by both Province appears once, with both as declarants. Province named
    by a project but not in the report keep the name as written.
    """
    names: dict[str, str] = {}
    for project in projects:
        if project.provincia:
            names.setdefault(province_key(project.provincia), project.provincia)

    def canonical(name: str) -> str:
        return names.setdefault(province_key(name), name.strip())

    mentor_links: dict[tuple[str, str], set[str]] = {}
    peer_links: dict[frozenset[str], set[str]] = {}
    for project in projects:
        if not project.provincia:
            continue
        me = canonical(project.provincia)
        mentors = [canonical(project.mentor)] if project.mentor else []
        mentees: list[str] = []
        peers = [canonical(name) for name in project.partner]
        for exchange in project.scambi:
            other = canonical(exchange.provincia)
            if exchange.ruolo == "mentor":
                mentors.append(other)
            elif exchange.ruolo == "beneficiaria":
                mentees.append(other)
            else:
                peers.append(other)
        pairs = [(m, me) for m in mentors] + [(me, m) for m in mentees]
        for pair in pairs:
            if pair[0] != pair[1]:
                mentor_links.setdefault(pair, set()).add(me)
        for other in peers:
            if other != me:
                peer_links.setdefault(frozenset((me, other)), set()).add(me)
    # A pair that is also mentor and mentee is not listed again among the peers.
    mentoring = {frozenset(pair) for pair in mentor_links}
    result = Network()
    for (mentor_name, mentee), declared in sorted(mentor_links.items()):
        result.mentors.append(MentorLink(mentor_name, mentee, tuple(sorted(declared))))
    for couple, declared in peer_links.items():
        if couple in mentoring:
            continue
        first, second = sorted(couple)
        result.peers.append(PeerLink(first, second, tuple(sorted(declared))))
    result.peers.sort(key=lambda p: (p.first, p.second))
    return result


@dataclass(frozen=True)
class RiskCategory:
    """How often a risk category is declared."""

    categoria: str
    rischi: int
    province: int


def risk_categories(projects: Iterable[ProjectFigures]) -> list[RiskCategory]:
    """Risk categories by number of risks declared, then by number of Province."""
    risks: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    for project in projects:
        for category, count in project.rischi_per_categoria:
            risks[category] += count
            provinces[category] += 1
    return sorted(
        (RiskCategory(c, risks[c], provinces[c]) for c in risks),
        key=lambda r: (-r.rischi, -r.province, r.categoria),
    )


def instruments(projects: Iterable[ProjectFigures]) -> dict[str, list[str]]:
    """Legal instrument → Province choosing it (instruments by frequency, then name)."""
    chosen: dict[str, list[str]] = {}
    for project in projects:
        if project.strumento:
            chosen.setdefault(project.strumento, []).append(project.name)
    return dict(sorted(chosen.items(), key=lambda item: (-len(item[1]), item[0])))


def access_modes(projects: Iterable[ProjectFigures]) -> Counter[str]:
    """How Comuni join the services: number of services per access mode."""
    return Counter(s.modalita_accesso for p in projects for s in p.servizi)


def areas_in_use(projects: Iterable[ProjectFigures]) -> list[str]:
    """The service areas offered by at least one project, in template order."""
    used = {s.area for p in projects for s in p.servizi}
    return [a for a in AREAS if a in used] + sorted(used - set(AREAS))


def kpi_areas_in_use(projects: Iterable[ProjectFigures]) -> list[str]:
    """Areas with at least one KPI, in template order, cross-cutting KPIs last."""
    used = {area for p in projects for area, _ in p.kpi_per_area}
    ordered = [a for a in AREAS if a in used]
    return ordered + ([CROSS_CUTTING] if CROSS_CUTTING in used else [])


def quarter(day: dt.date) -> tuple[int, int]:
    """(year, quarter 1–4) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def milestones_by_quarter(project: ProjectFigures) -> dict[tuple[int, int], list[str]]:
    """The ids of a project's milestones, by (year, quarter)."""
    found: dict[tuple[int, int], list[str]] = {}
    for milestone in project.milestones:
        found.setdefault(quarter(milestone.data), []).append(milestone.id)
    return found


def by_first_start(projects: Iterable[ProjectFigures]) -> list[ProjectFigures]:
    """The projects with a first go-live, the earliest first (then by name)."""
    started = [p for p in projects if p.primo_avvio]
    return sorted(started, key=lambda p: (p.primo_avvio, p.name))


def quarters(projects: Iterable[ProjectFigures]) -> list[tuple[int, int]]:
    """Every quarter from the first to the last milestone or go-live of any project."""
    days = [m.data for p in projects for m in p.milestones]
    days += [p.primo_avvio for p in projects if p.primo_avvio]
    if not days:
        return []
    year, q = quarter(min(days))
    last = quarter(max(days))
    found = []
    while (year, q) <= last:
        found.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return found


@dataclass
class Comparison:
    """Everything the report compares: valid and broken projects, and unreadable folders."""

    projects: list[ProjectFigures]
    unreadable: list[Unreadable]
    date: dt.date

    @classmethod
    def of(
        cls, results: Iterable[ProjectFigures | Unreadable], date: dt.date | None = None
    ) -> Comparison:
        """Sort the results: projects by Provincia name, unreadable folders by path."""
        results = list(results)
        projects = [r for r in results if isinstance(r, ProjectFigures)]
        unreadable = [r for r in results if isinstance(r, Unreadable)]
        projects.sort(key=lambda p: (province_key(p.name), p.folder))
        unreadable.sort(key=lambda u: u.folder)
        return cls(projects, unreadable, date or dt.date.today())

    @property
    def with_errors(self) -> list[ProjectFigures]:
        """Projects read with errors (their figures come from the valid sections only)."""
        return [p for p in self.projects if not p.valid]

    @property
    def network(self) -> Network:
        """The network of mentors and peers."""
        return network(self.projects)
