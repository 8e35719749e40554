"""The rule catalogue: each code's slug, severity and Italian texts, read from catalogue.yaml.

The texts are content (``catalogue.yaml`` beside this module, shipped in the wheel); the code
of each rule is in ``pwkit.rules``, registered with its code. ``pwkit rules``, the checker and
the documentation read the same entries. Codes are stable, never reused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pwkit.diagnostics import Diagnostic, Location, Severity

E = Severity.ERROR
W = Severity.WARNING

CATALOGUE_FILE = "catalogue.yaml"
_FACT = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_FIELDS = ("slug", "severity", "summary", "explanation", "example")


@dataclass(frozen=True)
class RuleInfo:
    """One rule: identity, severity and the Italian text users read about it.

    ``wrong`` and ``right`` are short examples (YAML, Markdown or CSV) of a file that breaks
    the rule and of the same file fixed.
    """

    code: str
    slug: str
    severity: Severity
    summary: str
    explanation: str
    wrong: str
    right: str

    @property
    def ref(self) -> str:
        """``PW301/activity-dates``, as docs and ``--ignore`` write it."""
        return f"{self.code}/{self.slug}"


@cache
def rules() -> dict[str, RuleInfo]:
    """Every rule of the catalogue, by code, in code order."""
    import yaml

    text = resources.files(__package__).joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(entries, dict):
        raise ValueError(f"{CATALOGUE_FILE}: expected a mapping of rule codes")
    facts = _facts()
    return {code: _entry(code, entries[code], facts) for code in sorted(entries)}


def _facts() -> dict[str, str]:
    """What a catalogue text may name in double braces, from the one place pwkit defines it."""
    from pwkit import ISTAT_SITUATION
    from pwkit.italian import long_date
    from pwkit.schemas.common import FIRST_DATE, LAST_DATE

    return {
        "istat_situation": ISTAT_SITUATION,
        "first_date": long_date(FIRST_DATE),
        "last_date": long_date(LAST_DATE),
    }


def _entry(code: str, entry: Any, facts: Mapping[str, str]) -> RuleInfo:
    """A catalogue entry checked for shape, with its facts filled in."""
    if not isinstance(entry, dict) or sorted(entry) != sorted(_FIELDS):
        raise ValueError(f"{CATALOGUE_FILE}: {code} needs exactly {', '.join(_FIELDS)}")
    example = entry["example"]
    if not isinstance(example, dict) or not {"wrong", "right"} <= set(example):
        raise ValueError(f"{CATALOGUE_FILE}: {code} example needs wrong and right")

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
    )


def _fact(code: str, name: str, facts: Mapping[str, str]) -> str:
    if name not in facts:
        raise ValueError(f"{CATALOGUE_FILE}: {code} names an unknown fact {{{{{name}}}}}")
    return facts[name]


def resolve_codes(names: list[str]) -> tuple[set[str], list[str]]:
    """Codes for user-typed codes or slugs (``PW301``, ``pw301``, ``activity-dates``).

    Returns the codes found and the names that match no rule.
    """
    catalogue = rules()
    by_slug = {r.slug: r.code for r in catalogue.values()}
    found: set[str] = set()
    unknown: list[str] = []
    for name in names:
        key = name.strip()
        if not key:
            continue
        code = key.split("/", 1)[0].upper()
        if code in catalogue:
            found.add(code)
        elif key.lower() in by_slug:
            found.add(by_slug[key.lower()])
        else:
            unknown.append(key)
    return found, unknown


def finding(
    code: str,
    message: str,
    hint: str,
    location: Location,
    *,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic of rule ``code``, with the rule's slug and (unless told otherwise) severity."""
    info = rules()[code]
    return Diagnostic(code, severity or info.severity, message, hint, location, slug=info.slug)


def grouped(
    code: str,
    message: str,
    hint: str,
    places: Sequence[Location],
    *,
    severity: Severity | None = None,
) -> Diagnostic:
    """One finding for one cause found in several ``places`` (at the first, listing them all)."""
    info = rules()[code]
    return Diagnostic(
        code,
        severity or info.severity,
        message,
        hint,
        places[0],
        tuple(places) if len(places) > 1 else (),
        slug=info.slug,
    )
