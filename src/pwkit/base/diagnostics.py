"""Findings of ``pwkit check``: locations, severities, diagnostics and the report. Pure data.

Records are named tuples, not dataclasses: every command loads this module, and a dataclass
costs about half a millisecond to create (plus 7 ms to load ``dataclasses`` at all).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    """How serious a finding is; the values are what users read."""

    ERROR = "errore"
    WARNING = "avviso"


class Location(NamedTuple):
    """Where a finding is: file relative to the project root, 1-based line and column.

    ``line`` is ``None`` for a file that does not exist.
    """

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class _Finding(NamedTuple):
    code: str
    severity: Severity
    message: str
    hint: str
    location: Location
    occurrences: tuple[Location, ...]
    """Every place of one cause found in many (rows of a CSV): the message gives the count,
    ``location`` is the first; empty for a finding of one place."""
    slug: str
    """The rule's stable English slug (``PW301/activity-dates`` → ``activity-dates``)."""


class Diagnostic(_Finding):
    """One finding: rule code, severity, Italian message and hint, location, rule slug.

    The slug is always given by name (``slug=…``), as a dataclass's keyword-only field.
    """

    __slots__ = ()

    def __new__(
        cls,
        code: str,
        severity: Severity,
        message: str,
        hint: str,
        location: Location,
        occurrences: tuple[Location, ...] = (),
        *,
        slug: str,
    ) -> Diagnostic:
        """A finding; ``occurrences`` only when it groups many places."""
        return super().__new__(cls, code, severity, message, hint, location, occurrences, slug)

    @property
    def places(self) -> tuple[Location, ...]:
        """Every place the finding is about (its location alone, unless grouped)."""
        return self.occurrences or (self.location,)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, code."""
        loc = self.location
        return (loc.file, loc.line or 0, loc.column or 0, self.code)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of a finding."""
        return {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "occurrences": [
                {"file": place.file, "line": place.line, "column": place.column}
                for place in self.places
            ],
        }


class CheckReport:
    """All findings of one check, with what the summary needs."""

    __slots__ = ("diagnostics", "sections_complete", "sections_total")

    def __init__(
        self,
        diagnostics: list[Diagnostic] | None = None,
        sections_total: int = 0,
        sections_complete: int = 0,
    ) -> None:
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.sections_total = sections_total
        self.sections_complete = sections_complete

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckReport):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "CheckReport(diagnostics={!r}, sections_total={!r}, sections_complete={!r})".format(
            *self._fields()
        )

    def _fields(self) -> tuple[list[Diagnostic], int, int]:
        return self.diagnostics, self.sections_total, self.sections_complete

    def extend(self, items: Iterable[Diagnostic]) -> None:
        """Add findings."""
        self.diagnostics.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self.diagnostics, key=Diagnostic.sort_key))

    @property
    def errors(self) -> list[Diagnostic]:
        """Findings that block export."""
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Findings that never block export (unless ``--strict``)."""
        return [d for d in self if d.severity is Severity.WARNING]

    def without(self, codes: Iterable[str]) -> CheckReport:
        """A copy without the findings of the given codes (``--ignore``)."""
        skip = set(codes)
        return CheckReport(
            [d for d in self.diagnostics if d.code not in skip],
            self.sections_total,
            self.sections_complete,
        )

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of a report."""
        return {
            "diagnostics": [d.to_json() for d in self],
            "summary": {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "sections_complete": self.sections_complete,
                "sections_total": self.sections_total,
            },
        }
