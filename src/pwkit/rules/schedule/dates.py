"""PW301–PW302: dates that end before they start, and activities outside their phase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import long_date, on_date
from pwkit.model.analisi import Fabbisogni
from pwkit.model.attuazione import Fase, Piano
from pwkit.model.project import has
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


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
            f"La fase {phase.id} va {between(phase.inizio, phase.fine)}: correggi le date "
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


def between(start: dt.date, end: dt.date) -> str:
    """«dal 3 febbraio 2026 al 30 giugno 2026», articles elided before 8 and 11."""
    first = ("dall'" if start.day in (8, 11) else "dal ") + long_date(start)
    last = ("all'" if end.day in (8, 11) else "al ") + long_date(end)
    return f"{first} {last}"
