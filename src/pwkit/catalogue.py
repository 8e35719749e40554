"""The catalogue of rules: every code with its slug, severity and Italian explanation.

Each rule family declares its entries next to the code that emits them (``pwkit.rules.*``)
with ``declare``; ``rules()`` gathers them. The catalogue shown by ``pwkit rules`` and the
checks that run therefore come from the same definitions. Codes are stable, never reused.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pwkit.base.diagnostics import Diagnostic, Location, Severity

E = Severity.ERROR
W = Severity.WARNING

#: Modules that declare rules, in catalogue order.
FAMILIES = ("files", "prose", "references", "schedule", "economics", "domain")


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


_DECLARED: dict[str, RuleInfo] = {}


def declare(info: RuleInfo) -> RuleInfo:
    """Register a rule of the catalogue (once per code)."""
    if info.code in _DECLARED and _DECLARED[info.code] != info:
        raise ValueError(f"rule {info.code} declared twice")
    _DECLARED[info.code] = info
    return info


@cache
def rules() -> dict[str, RuleInfo]:
    """Every rule, by code, in code order."""
    for family in FAMILIES:
        importlib.import_module(f"pwkit.rules.{family}")
    return dict(sorted(_DECLARED.items()))


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
    """A diagnostic of rule ``code``, with the rule's severity unless told otherwise."""
    return Diagnostic(code, severity or rules()[code].severity, message, hint, location)


def grouped(
    code: str,
    message: str,
    hint: str,
    places: Sequence[Location],
    *,
    severity: Severity | None = None,
) -> Diagnostic:
    """One finding for one cause found in several ``places`` (at the first, listing them all)."""
    return Diagnostic(
        code,
        severity or rules()[code].severity,
        message,
        hint,
        places[0],
        tuple(places) if len(places) > 1 else (),
    )
