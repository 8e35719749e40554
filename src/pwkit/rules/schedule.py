"""PW3xx: dates and schedule."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from pwkit.diagnostics import Diagnostic, Location
from pwkit.italian import add_months, join, long_date, number, on_date, to_date
from pwkit.pack.catalogue import E, W, finding
from pwkit.parts import has
from pwkit.rules.context import RuleContext
from pwkit.rules.ids import natural_key
from pwkit.rules.registry import rule
from pwkit.schemas.analisi import Fabbisogni
from pwkit.schemas.attuazione import Attivita, Fase, Milestone, Monitoraggio, Piano
from pwkit.schemas.enums import Direzione, Stato, TipoMilestone
from pwkit.schemas.servizio import CatalogoServizi

# --- Italian wording of dates and lists -------------------------------------------------------


# --- PW301–PW304: phases, activities and their dependencies -----------------------------------


@rule("PW301")
def check_start_before_end(context: RuleContext) -> Iterator[Diagnostic]:
    """PW301: a phase, an activity or the needs survey that ends before it starts."""
    hint = (
        "Correggi «inizio» o «fine»: la fine non può venire prima dell'inizio (possono coincidere)."
    )
    piano = context.project.get(Piano)
    if piano is not None:
        for index, phase in enumerate(piano.fasi):
            if phase.inizio > phase.fine:
                yield finding(
                    "PW301",
                    f"La fase {phase.id} finisce {on_date(phase.fine)}, prima di iniziare "
                    f"({long_date(phase.inizio)}).",
                    hint,
                    context.at(piano, ("fasi", index, "fine")),
                )
        for index, activity in enumerate(piano.attivita):
            if activity.inizio > activity.fine:
                yield finding(
                    "PW301",
                    f"L'attività {activity.id} finisce {on_date(activity.fine)}, prima di iniziare "
                    f"({long_date(activity.inizio)}).",
                    hint,
                    context.at(piano, ("attivita", index, "fine")),
                )
    fabbisogni = context.project.get(Fabbisogni)
    if fabbisogni is not None and has(fabbisogni, "rilevazione"):
        survey = fabbisogni.rilevazione
        if has(survey, "inizio", "fine") and survey.inizio > survey.fine:
            yield finding(
                "PW301",
                f"La rilevazione dei fabbisogni finisce {on_date(survey.fine)}, prima di iniziare "
                f"({long_date(survey.inizio)}).",
                hint,
                context.at(fabbisogni, ("rilevazione", "fine")),
            )


@rule("PW302")
def check_activity_in_phase(context: RuleContext) -> Iterator[Diagnostic]:
    """PW302: an activity that starts before its phase or ends after it (bounds inclusive)."""
    piano = context.project.get(Piano)
    if piano is None:
        return
    phases: dict[str, Fase] = {}
    for each in piano.fasi:
        phases.setdefault(each.id, each)
    for index, activity in enumerate(piano.attivita):
        phase = phases.get(activity.fase)
        # An unknown phase is PW202; a phase that ends before it starts is PW301.
        if phase is None or phase.inizio > phase.fine:
            continue
        hint = (
            f"La fase {phase.id} va {_between(phase.inizio, phase.fine)}: correggi le date "
            "dell'attività, assegnala alla fase in cui si svolge oppure allarga la fase."
        )
        if activity.inizio < phase.inizio:
            yield finding(
                "PW302",
                f"L'attività {activity.id} inizia {on_date(activity.inizio)}, prima dell'inizio "
                f"della sua fase {phase.id} ({long_date(phase.inizio)}).",
                hint,
                context.at(piano, ("attivita", index, "inizio")),
            )
        if activity.fine > phase.fine:
            yield finding(
                "PW302",
                f"L'attività {activity.id} finisce {on_date(activity.fine)}, dopo la fine della "
                f"sua fase {phase.id} ({long_date(phase.fine)}).",
                hint,
                context.at(piano, ("attivita", index, "fine")),
            )


def _between(start: dt.date, end: dt.date) -> str:
    """«dal 3 febbraio 2026 al 30 giugno 2026», articles elided before 8 and 11."""
    first = ("dall'" if start.day in (8, 11) else "dal ") + long_date(start)
    last = ("all'" if end.day in (8, 11) else "al ") + long_date(end)
    return f"{first} {last}"


def _activities(piano: Piano) -> dict[str, tuple[int, Attivita]]:
    """Activities by id with their index; the first wins if an id is repeated (PW201)."""
    found: dict[str, tuple[int, Attivita]] = {}
    for index, activity in enumerate(piano.attivita):
        found.setdefault(activity.id, (index, activity))
    return found


def _dependency_graph(piano: Piano) -> dict[str, list[str]]:
    """Activity id → the activities it depends on (only those that exist), no repeats."""
    known = _activities(piano)
    graph: dict[str, list[str]] = {ident: [] for ident in known}
    for activity in piano.attivita:
        for other in activity.dipende_da:
            if other in known and other not in graph[activity.id]:
                graph[activity.id].append(other)
    return graph


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected groups that hold a cycle (Tarjan's algorithm, iterative).

    Each group is sorted in natural order (A9 before A10); groups come in the order of their
    smallest member.
    """
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(graph, key=natural_key):
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if position < len(successors):
                work.append((node, position + 1))
                nxt = successors[position]
                if nxt not in index_of:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index_of[nxt])
                continue
            if low[node] == index_of[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    groups.append(sorted(group, key=natural_key))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(groups, key=lambda g: natural_key(g[0]))


def _shortest_cycle(graph: dict[str, list[str]], group: list[str]) -> list[str]:
    """The shortest cycle through the group's first member, as ids from it back to it."""
    start, members = group[0], set(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node], key=natural_key):
                if nxt not in members:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    return [start, start]  # not reached: every group holds a cycle through each member


@rule("PW303")
def check_dependency_cycles(context: RuleContext) -> Iterator[Diagnostic]:
    """PW303: activities that depend on each other in a cycle, one finding per group."""
    piano = context.project.get(Piano)
    if piano is None:
        return
    graph = _dependency_graph(piano)
    known = _activities(piano)
    for group in _cycles(graph):
        cycle = _shortest_cycle(graph, group)
        others = [member for member in group if member not in cycle]
        message = (
            f"Dipendenza circolare tra le attività: {' → '.join(cycle)} (ogni attività "
            "dipende dalla successiva)."
        )
        if len(cycle) == 2:
            message = f"L'attività {cycle[0]} dipende da sé stessa ({cycle[0]} → {cycle[0]})."
        if others:
            message += f" Nello stesso intreccio di dipendenze ci sono anche {join(others)}."
        index, _ = known[group[0]]
        yield finding(
            "PW303",
            message,
            "In «dipende_da» vanno le attività che devono finire prima che questa inizi: in un "
            "ciclo nessuna può iniziare. Togli la dipendenza che non è reale.",
            context.at(piano, ("attivita", index, "dipende_da"), key=True),
        )


@rule("PW304")
def check_dependency_order(context: RuleContext) -> Iterator[Diagnostic]:
    """PW304: an activity that starts before one of its predecessors ends (same day is fine)."""
    piano = context.project.get(Piano)
    if piano is None:
        return
    known = _activities(piano)
    graph = _dependency_graph(piano)
    # Dependencies inside a cycle are reported once, as the cycle (PW303).
    cyclic = {member: n for n, group in enumerate(_cycles(graph)) for member in group}
    for index, activity in enumerate(piano.attivita):
        early = []
        for other in dict.fromkeys(activity.dipende_da):
            if other not in known:
                continue  # PW202
            if activity.id in cyclic and cyclic.get(other) == cyclic[activity.id]:
                continue
            predecessor = known[other][1]
            if activity.inizio < predecessor.fine:
                early.append(predecessor)
        if not early:
            continue
        verb = "finisca" if len(early) == 1 else "finiscano"
        names = join([f"{p.id} ({long_date(p.fine)})" for p in early])
        latest = max(p.fine for p in early)
        yield finding(
            "PW304",
            f"L'attività {activity.id} inizia {on_date(activity.inizio)}, "
            f"prima che {verb} {names}.",
            f"Fai iniziare {activity.id} {on_date(latest)} o dopo, oppure togli da «dipende_da» le "
            "attività da cui non dipende davvero.",
            context.at(piano, ("attivita", index, "inizio")),
        )


# --- PW305–PW308: milestones, deadline and horizon ---------------------------------------------


@rule("PW305")
def check_milestones_in_plan(context: RuleContext) -> Iterator[Diagnostic]:
    """PW305: a milestone before the plan starts or after its last phase ends."""
    piano = context.project.get(Piano)
    if piano is None or not context.whole(piano, "fasi"):
        return
    first = min(phase.inizio for phase in piano.fasi)
    last = max(phase.fine for phase in piano.fasi)
    progetto = context.project.progetto
    # Without a readable progetto.yaml the start of the horizon is unknown: check only the end.
    known = progetto is not None and has(progetto, "data_redazione")
    start = min(first, progetto.data_redazione) if progetto is not None and known else None
    span = f"{_between(start, last)}" if start is not None else f"fino {to_date(last)}"
    for index, milestone in enumerate(piano.milestone):
        if start is not None and milestone.data < start:
            where = f"prima dell'inizio del piano ({long_date(start)})"
        elif milestone.data > last:
            where = f"dopo la fine dell'ultima fase del piano ({long_date(last)})"
        else:
            continue
        yield finding(
            "PW305",
            f"La milestone {milestone.id} cade {on_date(milestone.data)}, {where}.",
            f"Il piano va {span}: correggi la data della milestone oppure estendi le fasi.",
            context.at(piano, ("milestone", index, "data")),
        )


#: States in which the project says it has been delivered.
_DELIVERED = (Stato.CONSEGNATO, Stato.APPROVATO)
#: How a ``consegna`` milestone names the delivery of the Project Work itself (the others are
#: later reports).
_PROJECT_WORK = re.compile(r"\bproject[\s-]*work\b|\bpw\b", re.IGNORECASE)


@rule("PW306")
def check_delivery_deadline(context: RuleContext) -> Iterator[Diagnostic]:
    """PW306: the Project Work delivered, or planned to be, after the programme deadline.

    The delivery date is ``data_redazione`` of a project that says it is delivered
    (``consegnato`` or ``approvato``: an error), and the date of the plan's ``consegna``
    milestone of the Project Work: an error once the project says it is delivered, a warning
    while it is a draft (the officer learns that the plan is late; an extension is possible).
    """
    deadline = context.project.manifest.programme.deadline
    progetto = context.project.progetto
    stato = getattr(progetto, "stato", None)
    delivered = stato in _DELIVERED
    written = getattr(progetto, "data_redazione", None)
    if progetto is not None and delivered and written is not None and written > deadline:
        yield finding(
            "PW306",
            f"Il progetto risulta {stato}, ma la data di redazione "
            f"({long_date(written)}) è successiva alla scadenza del programma "
            f"({long_date(deadline)}).",
            "Se il documento è stato consegnato entro la scadenza, correggi «data_redazione»; "
            "se è ancora in lavorazione, indica «stato: bozza».",
            context.at(progetto, ("data_redazione",)),
        )
    piano = context.project.get(Piano)
    if piano is None:
        return
    for index, milestone in enumerate(piano.milestone):
        if milestone.tipo != TipoMilestone.CONSEGNA or milestone.data <= deadline:
            continue
        if not _PROJECT_WORK.search(milestone.nome):
            continue
        late = (
            f"La milestone {milestone.id} («{milestone.nome}») porta la consegna del Project "
            f"Work {on_date(milestone.data)}, dopo la scadenza del programma "
            f"({long_date(deadline)})"
        )
        yield finding(
            "PW306",
            f"{late}, ma il progetto risulta {stato}." if delivered else f"{late}.",
            f"Il Project Work va consegnato entro {on_date(deadline)}: anticipa la data della "
            "milestone; se il programma ha concesso una proroga, scrivilo nel testo del piano.",
            context.at(piano, ("milestone", index, "data")),
            severity=E if delivered else W,
        )


_REQUIRED_MILESTONES = (
    TipoMilestone.APPROVAZIONE_PROVINCIA,
    TipoMilestone.APPROVAZIONE_COMUNI,
    TipoMilestone.AVVIO_SERVIZIO,
)


@rule("PW307")
def check_approval_milestones(context: RuleContext) -> Iterator[Diagnostic]:
    """PW307: a missing approval or go-live milestone; a go-live not after the approvals."""
    piano = context.project.get(Piano)
    if piano is None or not context.whole(piano, "milestone"):
        return
    present = {milestone.tipo for milestone in piano.milestone}
    missing = [kind for kind in _REQUIRED_MILESTONES if kind not in present]
    if missing:
        yield finding(
            "PW307",
            f"Il piano non ha milestone di tipo {join([f'«{k.value}»' for k in missing])}.",
            "Aggiungi in «milestone» le tappe dell'iter: approvazione della Provincia "
            "(approvazione_provincia), adesione dei Comuni (approvazione_comuni) e avvio dei "
            "servizi (avvio_servizio).",
            context.at(piano, ("milestone",), key=True),
        )
    province = _extreme(piano.milestone, TipoMilestone.APPROVAZIONE_PROVINCIA, latest=True)
    comuni = _extreme(piano.milestone, TipoMilestone.APPROVAZIONE_COMUNI, latest=False)
    if province is None and comuni is None:
        return
    for subject, start, where in _go_lives(context, piano):
        reasons = []
        if province is not None and start <= province.data:
            reasons.append(
                f"l'ultima approvazione della Provincia ({province.id}, {long_date(province.data)})"
            )
        if comuni is not None and start <= comuni.data:
            reasons.append(
                f"la prima approvazione dei Comuni ({comuni.id}, {long_date(comuni.data)})"
            )
        if not reasons:
            continue
        bound = max(m.data for m in (province, comuni) if m is not None and start <= m.data)
        yield finding(
            "PW307",
            f"{subject} {on_date(start)}, non dopo {join(reasons)}.",
            "Un servizio parte solo dopo l'approvazione della Provincia e l'adesione dei "
            f"Comuni: sposta l'avvio a dopo {on_date(bound)} oppure anticipa le approvazioni.",
            where,
        )


def _extreme(
    milestones: Sequence[Milestone], kind: TipoMilestone, *, latest: bool
) -> Milestone | None:
    """The latest (or earliest) milestone of a kind; the first listed among equal dates."""
    chosen: Milestone | None = None
    for milestone in milestones:
        if milestone.tipo != kind:
            continue
        if chosen is None or (
            milestone.data > chosen.data if latest else milestone.data < chosen.data
        ):
            chosen = milestone
    return chosen


def _go_lives(context: RuleContext, piano: Piano) -> Iterator[tuple[str, dt.date, Location]]:
    """Every go-live: each service's ``avvio`` and each ``avvio_servizio`` milestone."""
    catalogue = context.project.get(CatalogoServizi)
    if catalogue is not None:
        for index, service in enumerate(catalogue.servizi):
            yield (
                f"Il servizio {service.id} si avvia",
                service.avvio,
                context.at(catalogue, ("servizi", index, "avvio")),
            )
    for index, milestone in enumerate(piano.milestone):
        if milestone.tipo == TipoMilestone.AVVIO_SERVIZIO:
            yield (
                f"La milestone di avvio {milestone.id} cade",
                milestone.data,
                context.at(piano, ("milestone", index, "data")),
            )


@rule("PW308")
def check_plan_length(context: RuleContext) -> Iterator[Diagnostic]:
    """PW308: the plan ends less than N months after the end of the programme's last phase."""
    piano = context.project.get(Piano)
    phases = context.project.manifest.programme.phases
    if piano is None or not phases or not context.whole(piano, "fasi"):
        return
    months = context.thresholds.months_after_programme
    programme_end = max(phase.end for phase in phases)
    needed = add_months(programme_end, months)
    last = max(range(len(piano.fasi)), key=lambda i: piano.fasi[i].fine)
    end = piano.fasi[last].fine
    if end < needed:
        yield finding(
            "PW308",
            f"Il piano finisce {on_date(end)}: copre meno di {months} mesi dopo la fine del "
            f"programma ({long_date(programme_end)}).",
            f"Fai arrivare le fasi del piano almeno {to_date(needed)}, così da mostrare il primo "
            "anno di esercizio dei servizi.",
            context.at(piano, ("fasi", last, "fine")),
        )


# --- PW309–PW310: KPI targets and go-live milestones --------------------------------------------


@rule("PW309")
def check_kpi_targets(context: RuleContext) -> Iterator[Diagnostic]:
    """PW309: a KPI target not after its baseline, or not in the declared direction."""
    monitoraggio = context.project.get(Monitoraggio)
    if monitoraggio is None:
        return
    for k, kpi in enumerate(monitoraggio.kpi):
        baseline = kpi.baseline
        for t, target in enumerate(kpi.target):
            if target.data <= baseline.data:
                yield finding(
                    "PW309",
                    f"Il KPI {kpi.id} ha un target {to_date(target.data)}, non dopo la data della "
                    f"baseline ({long_date(baseline.data)}).",
                    "Il target è il valore da raggiungere dopo la misura di partenza: indica "
                    "una data successiva a quella della baseline.",
                    context.at(monitoraggio, ("kpi", k, "target", t, "data")),
                )
            wrong = _against_direction(kpi.direzione, baseline.valore, target.valore)
            if wrong is not None:
                verb, comparison = wrong
                yield finding(
                    "PW309",
                    f"Il KPI {kpi.id} deve {verb}, ma il target {to_date(target.data)} "
                    f"({number(target.valore)}) non è {comparison} della baseline "
                    f"({number(baseline.valore)}).",
                    f"Indica un target {comparison} della baseline, oppure correggi "
                    "«direzione» («mantenere» se l'obiettivo è conservare il valore).",
                    context.at(monitoraggio, ("kpi", k, "target", t, "valore")),
                )


def _against_direction(
    direction: Direzione, baseline: float, target: float
) -> tuple[str, str] | None:
    """How a target misses its direction (verb, comparison), or ``None`` if it does not."""
    if direction == Direzione.AUMENTARE and not target > baseline:
        return "aumentare", "maggiore"
    if direction == Direzione.DIMINUIRE and not target < baseline:
        return "diminuire", "minore"
    return None


@rule("PW310")
def check_go_live_milestones(context: RuleContext) -> Iterator[Diagnostic]:
    """PW310: a service without an ``avvio_servizio`` milestone (by name, else by date)."""
    catalogue = context.project.get(CatalogoServizi)
    piano = context.project.get(Piano)
    if catalogue is None or piano is None or not context.whole(piano, "milestone"):
        return
    go_lives = [m for m in piano.milestone if m.tipo == TipoMilestone.AVVIO_SERVIZIO]
    by_name = any(m.servizi for m in piano.milestone)
    named = {ident for m in go_lives for ident in m.servizi}
    for index, service in enumerate(catalogue.servizi):
        where = context.at(catalogue, ("servizi", index, "avvio"))
        if by_name and service.id not in named:
            yield finding(
                "PW310",
                f"Il servizio {service.id} non è elencato in nessuna milestone di avvio "
                "(tipo avvio_servizio).",
                f"Aggiungi {service.id} ai «servizi» della milestone avvio_servizio che lo "
                "avvia, oppure aggiungi una milestone avvio_servizio con data "
                f"{long_date(service.avvio)} e «servizi: [{service.id}]».",
                where,
            )
        elif not by_name and not any(m.data <= service.avvio for m in go_lives):
            yield finding(
                "PW310",
                f"Il servizio {service.id} si avvia {on_date(service.avvio)}, ma nessuna milestone "
                "di avvio (tipo avvio_servizio) cade in quella data o prima.",
                "Aggiungi in 11-piano.md una milestone avvio_servizio per l'avvio del "
                f"servizio, indicando {service.id} nel suo campo «servizi».",
                where,
            )
