"""PW303–PW304: activities depending on each other in a cycle, or starting too early."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import join, long_date, on_date
from pwkit.model.attuazione import Attivita, Piano
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule
from pwkit.rules.schedule.graph import cycles, shortest_cycle


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


@rule("PW303")
def check_dependency_cycles(context: RuleContext) -> Iterator[Diagnostic]:
    """PW303: activities that depend on each other in a cycle, one finding per group."""
    piano = context.project.get(Piano)
    if piano is None:
        return
    graph = _dependency_graph(piano)
    known = _activities(piano)
    for group in cycles(graph):
        cycle = shortest_cycle(graph, group)
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
    cyclic = {member: n for n, group in enumerate(cycles(graph)) for member in group}
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
