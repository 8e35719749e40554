"""``project_status``: where a working group stands — section by section, and overall."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from pwkit.base.diagnostics import Severity
from pwkit.check.pipeline import CheckResult


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

    @property
    def days_left(self) -> int:
        """Days to the programme deadline (negative once it has passed)."""
        return (self.deadline - self.today).days

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of ``pwkit status --format json``."""
        return {
            "sections": [asdict(s) for s in self.sections],
            "other_errors": self.other_errors,
            "completion": self.completion,
            "deadline": self.deadline.isoformat(),
            "today": self.today.isoformat(),
            "days_left": self.days_left,
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
    return ProjectStatus(rows, other, overall, project.manifest.programme.deadline, today)
