"""``project_status``: where a working group stands — section by section, and overall."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from pwkit.base.diagnostics import Severity
from pwkit.check.pipeline import CheckResult
from pwkit.pack.manifest import Edition, Phase

#: Where the programme's edition stands on a day: delivery still open, past the delivery
#: deadline (a later phase, such as the restitution, running or to come), or closed.
OPEN, AFTER_DEADLINE, CLOSED = "consegna_aperta", "dopo_scadenza", "chiusa"


@dataclass(frozen=True)
class ProgrammeMoment:
    """The edition of the programme on a day: its state and the phase running (or next)."""

    edition: str
    state: str
    phase: Phase | None
    """The phase running on the day, or else the next one; ``None`` once the edition closed."""
    running: bool
    """Whether ``phase`` is running on the day (not only the next one)."""
    last_end: dt.date

    def to_json(self) -> dict[str, Any]:
        """The ``programma`` object of ``pwkit status --format json``."""
        phase = self.phase
        return {
            "edizione": self.edition,
            "stato": self.state,
            "fase": None
            if phase is None
            else {
                "numero": phase.number,
                "nome": phase.name,
                "inizio": phase.start.isoformat(),
                "fine": phase.end.isoformat(),
                "in_corso": self.running,
            },
            "fine_ultima_fase": self.last_end.isoformat(),
        }


def programme_moment(calendar: Edition, today: dt.date) -> ProgrammeMoment:
    """Where ``calendar``'s edition stands on ``today``."""
    phases = sorted(calendar.phases, key=lambda p: (p.start, p.number))
    last_end = max(p.end for p in phases)
    running = next((p for p in phases if p.start <= today <= p.end), None)
    upcoming = next((p for p in phases if p.start > today), None)
    if today > last_end:
        state = CLOSED
    elif today > calendar.deadline:
        state = AFTER_DEADLINE
    else:
        state = OPEN
    phase = running or upcoming
    return ProgrammeMoment(calendar.id, state, phase, running is not None, last_end)


@dataclass(frozen=True)
class SectionStatus:
    """One row of the status table."""

    number: int
    title: str
    file: str
    words: int
    words_min: int
    words_max: int
    placeholders: int
    errors: int
    warnings: int
    completion: int
    """Percent, 0–100: the prose written against the minimum, halved while the data do not
    validate; 100 only when the section has no errors (an untouched skeleton is 0)."""


@dataclass(frozen=True)
class ProjectStatus:
    """The status of a whole project work."""

    sections: list[SectionStatus]
    other_errors: int
    """Errors outside the sections (``progetto.yaml``, the Comuni CSV)."""
    completion: int
    deadline: dt.date
    today: dt.date
    programme: ProgrammeMoment

    @property
    def days_left(self) -> int:
        """Days to the delivery deadline of the project's edition (negative once passed)."""
        return (self.deadline - self.today).days

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of ``pwkit status --format json``."""
        return {
            "sections": [asdict(s) for s in self.sections],
            "other_errors": self.other_errors,
            "completion": self.completion,
            "deadline": self.deadline.isoformat(),
            "today": self.today.isoformat(),
            "days_left": self.days_left if self.days_left >= 0 else None,
            "programma": self.programme.to_json(),
        }


def _completion(words: int, minimum: int, data_ok: bool, errors: int) -> int:
    prose = min(words / minimum, 1.0) if minimum else 1.0
    percent = round(100 * prose * (1.0 if data_ok else 0.5))
    return 100 if errors == 0 else min(percent, 99)


def project_status(result: CheckResult, today: dt.date) -> ProjectStatus:
    """Status of a checked project on ``today``."""
    report, project = result.report, result.project
    rows = []
    section_files = set()
    for section in project.sections:
        spec = section.spec
        section_files.add(spec.file)
        here = [d for d in report if d.location.file == spec.file]
        errors = sum(1 for d in here if d.severity is Severity.ERROR)
        words = section.body.words if section.body is not None else 0
        rows.append(
            SectionStatus(
                number=spec.number,
                title=spec.title,
                file=spec.file,
                words=words,
                words_min=spec.words.min,
                words_max=spec.words.max,
                placeholders=sum(1 for d in here if d.code == "PW101"),
                errors=errors,
                warnings=sum(1 for d in here if d.severity is Severity.WARNING),
                completion=_completion(words, spec.words.min, section.data is not None, errors),
            )
        )
    other = sum(1 for d in report.errors if d.location.file not in section_files)
    overall = round(sum(r.completion for r in rows) / len(rows)) if rows else 0
    if other and overall == 100:
        overall = 99
    calendar = project.calendar
    moment = programme_moment(calendar, today)
    return ProjectStatus(rows, other, overall, calendar.deadline, today, moment)


def programme_line(status: ProjectStatus) -> str:
    """Where the programme stands, in Italian: days to the deadline, or the phase after it.

    Before the deadline it counts the days; after it, it never counts negative days but says
    which phase of the edition is running (the restitution of the results) or that it closed.
    """
    moment, days = status.programme, status.days_left
    deadline = status.deadline.strftime("%d/%m/%Y")
    edition = f"dell'edizione {moment.edition} " if moment.edition else ""
    if moment.state == CLOSED:
        return (
            (
                f"L'edizione {moment.edition} del programma è chiusa"
                if moment.edition
                else "Il programma è chiuso"
            )
            + f": la consegna era il {deadline}, l'ultima fase è finita il "
            + (f"{moment.last_end.strftime('%d/%m/%Y')}.")
        )
    if moment.state == AFTER_DEADLINE:
        return f"La consegna dei Project Work {edition}si è chiusa il {deadline}; " + _phase(moment)
    if days > 1:
        left = f"Mancano {days} giorni alla scadenza del programma ({deadline})."
    elif days == 1:
        left = f"Manca 1 giorno alla scadenza del programma ({deadline})."
    else:
        left = f"La scadenza del programma è oggi ({deadline})."
    if moment.phase is None:
        return left
    phase = _phase(moment)
    return f"{left} {phase[0].upper()}{phase[1:]}"


def _phase(moment: ProgrammeMoment) -> str:
    phase = moment.phase
    if phase is None:
        return "nessuna fase in corso."
    name = f"fase {phase.number} «{phase.name}»"
    start, end = phase.start.strftime("%d/%m/%Y"), phase.end.strftime("%d/%m/%Y")
    if moment.running:
        return f"il programma è nella {name}, fino al {end}."
    return f"la prossima fase del programma è la {name}, dal {start}."
