"""The rule catalogue: each code's slug, severity and Italian texts, read from catalogue.yaml.

The texts are content (``catalogue.yaml`` beside this module, shipped in the wheel); the code
of each rule is in ``pwkit.rules``, registered with its code. ``pwkit rules``, the checker and
the documentation read the same entries. Codes are stable, never reused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pwkit.base.diagnostics import Severity
from pwkit.base.findings import CATALOGUE, catalogue_entries

CATALOGUE_FILE = CATALOGUE.name
_FACT = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")
_FIELDS = ("slug", "severity", "summary", "explanation", "example")
_OPTIONAL = ("source",)
_EXAMPLE_FIELDS = {"file", "part", "wrong", "right"}
_EXAMPLE_ALL = {*_EXAMPLE_FIELDS, "at"}


#: The parts of a project an example can be about (see the head of catalogue.yaml).
PARTS = ("data", "prose", "csv", "text", "files")


@dataclass(frozen=True)
class ExamplePlace:
    """Where a rule's example goes in a project: file, part of it, and place in its data."""

    part: str
    file: str
    """The file, or (for an example spanning files) the file of its first top-level key."""
    files_by_key: tuple[tuple[str, str], ...] = ()
    """For an example spanning files: each top-level key of the example and its file."""
    at: tuple[str | int, ...] = ()
    """Keys, then list items by id or position, where the example's keys are in the data."""

    def file_of(self, key: str) -> str:
        """The file holding the example's top-level ``key``."""
        return dict(self.files_by_key).get(key, self.file)


@dataclass(frozen=True)
class RuleInfo:
    """One rule: identity, severity and the Italian text users read about it.

    ``wrong`` and ``right`` are short examples (YAML, Markdown or CSV) of a file that breaks
    the rule and of the same file fixed; ``place`` says where they go in a project.
    """

    code: str
    slug: str
    severity: Severity
    summary: str
    explanation: str
    wrong: str
    right: str
    place: ExamplePlace
    source: str | None = None
    """The norm or act the rule applies (art. 35-bis D.Lgs. 165/2001…), if it names one."""

    @property
    def ref(self) -> str:
        """``PW301/activity-dates``, as docs and ``--ignore`` write it."""
        return f"{self.code}/{self.slug}"


@cache
def rules() -> dict[str, RuleInfo]:
    """Every rule of the catalogue, by code, in code order, with its texts."""
    entries, facts = catalogue_entries(), _facts()
    return {code: _entry(code, entries[code], facts) for code in sorted(entries)}


def _facts() -> dict[str, str]:
    """What a catalogue text may name in double braces, from the one place pwkit defines it."""
    from pwkit import ISTAT_SITUATION
    from pwkit.base.datewindow import FIRST_DATE, LAST_DATE
    from pwkit.base.italian import long_date

    return {
        "istat_situation": ISTAT_SITUATION,
        "first_date": long_date(FIRST_DATE),
        "last_date": long_date(LAST_DATE),
        **_thresholds(),
    }


def _thresholds() -> dict[str, str]:
    """The numbers of the rules, as the bundled template sets them, written in Italian."""
    from pwkit.base.italian import number, percent
    from pwkit.pack.manifest import bundled_manifest
    from pwkit.pack.registry import bundled_pack

    given = bundled_manifest(bundled_pack()).thresholds
    low, high = given.staff_per_1000
    return {
        "staff_per_1000_low": number(low),
        "staff_per_1000_high": number(high),
        "min_response_rate": percent(given.min_response_rate),
        "personnel_cost_tolerance": percent(given.personnel_cost_tolerance),
        "financing_max_ratio": number(given.financing_max_ratio),
        "quote_comuni_tolerance": percent(given.quote_comuni_tolerance),
        "months_after_programme": number(given.months_after_programme),
        "high_exposure": number(given.high_exposure),
        "min_risks": number(given.min_risks),
        "min_risk_categories": number(given.min_risk_categories),
        "training_hours_per_fte": number(given.training_hours_per_fte),
        "priority_start_months": number(given.priority_start_months),
    }


def _entry(code: str, entry: Any, facts: Mapping[str, str]) -> RuleInfo:
    """A catalogue entry checked for shape, with its facts filled in."""
    if not isinstance(entry, dict) or sorted(set(entry) - set(_OPTIONAL)) != sorted(_FIELDS):
        raise ValueError(
            f"{CATALOGUE_FILE}: {code} needs exactly {', '.join(_FIELDS)} "
            f"(and may have {', '.join(_OPTIONAL)})"
        )
    example = entry["example"]
    if not isinstance(example, dict) or not _EXAMPLE_FIELDS <= set(example) <= _EXAMPLE_ALL:
        raise ValueError(
            f"{CATALOGUE_FILE}: {code} example needs {', '.join(sorted(_EXAMPLE_FIELDS))} "
            f"(and may have at)"
        )

    def text(value: Any, name: str) -> str:
        if not isinstance(value, str):
            raise ValueError(f"{CATALOGUE_FILE}: {code} {name} is not text")
        return _FACT.sub(lambda match: _fact(code, match.group(1), facts), value)

    return RuleInfo(
        code,
        text(entry["slug"], "slug"),
        Severity(entry["severity"]),
        text(entry["summary"], "summary"),
        text(entry["explanation"], "explanation"),
        text(example["wrong"], "wrong"),
        text(example["right"], "right"),
        _place(code, example),
        text(entry["source"], "source") if "source" in entry else None,
    )


def _place(code: str, example: dict[str, Any]) -> ExamplePlace:
    """Where the example of ``code`` goes, checked for shape."""
    part, file, at = example["part"], example["file"], example.get("at", [])
    if part not in PARTS:
        raise ValueError(f"{CATALOGUE_FILE}: {code} example part is not one of {', '.join(PARTS)}")
    by_key: tuple[tuple[str, str], ...] = ()
    if isinstance(file, dict):
        by_key = tuple(file.items())
        file = by_key[0][1] if by_key else None
    if not isinstance(file, str) or not all(isinstance(f, str) for _, f in by_key):
        raise ValueError(f"{CATALOGUE_FILE}: {code} example file is not a path (or keys to paths)")
    if not isinstance(at, list) or not all(isinstance(step, str | int) for step in at):
        raise ValueError(f"{CATALOGUE_FILE}: {code} example at is not a list of keys or ids")
    return ExamplePlace(part, file, by_key, tuple(at))


def _fact(code: str, name: str, facts: Mapping[str, str]) -> str:
    if name not in facts:
        raise ValueError(f"{CATALOGUE_FILE}: {code} names an unknown fact {{{{{name}}}}}")
    return facts[name]
