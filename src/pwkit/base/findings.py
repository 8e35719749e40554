"""Making a finding: each rule code's slug and severity, read from the rule catalogue's data.

A finding needs only these two facts of its rule; the texts (explanations, examples) are the
catalogue's (``pwkit.pack.catalogue``), which reads the same file. Kept in the base layer, so
that reading a file (``pwkit.load``) can report what it finds without the layers above.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pwkit.base.diagnostics import Diagnostic, Location, Severity

E = Severity.ERROR
W = Severity.WARNING

#: The rule catalogue (content of the template layer, shipped in the wheel).
CATALOGUE = Path(__file__).resolve().parents[1] / "pack" / "catalogue.yaml"


@cache
def catalogue_entries() -> dict[str, Any]:
    """The catalogue as written: rule code → entry (its texts' facts not filled in)."""
    import yaml

    text = CATALOGUE.read_text(encoding="utf-8")
    entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(entries, dict) or not all(isinstance(e, dict) for e in entries.values()):
        raise ValueError(f"{CATALOGUE.name}: expected a mapping of rule codes to entries")
    return entries


@cache
def codes() -> dict[str, tuple[str, Severity]]:
    """Each rule's slug and severity by code: what a finding needs, without the texts."""
    return {
        code: (str(entry["slug"]), Severity(entry["severity"]))
        for code, entry in sorted(catalogue_entries().items())
    }


def resolve_codes(names: list[str]) -> tuple[set[str], list[str]]:
    """Codes for user-typed codes or slugs (``PW301``, ``pw301``, ``activity-dates``).

    Returns the codes found and the names that match no rule.
    """
    catalogue = codes()
    by_slug = {slug: code for code, (slug, _) in catalogue.items()}
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
    slug, usual = codes()[code]
    return Diagnostic(code, severity or usual, message, hint, location, slug=slug)


def grouped(
    code: str,
    message: str,
    hint: str,
    places: Sequence[Location],
    *,
    severity: Severity | None = None,
) -> Diagnostic:
    """One finding for one cause found in several ``places`` (at the first, listing them all)."""
    slug, usual = codes()[code]
    return Diagnostic(
        code,
        severity or usual,
        message,
        hint,
        places[0],
        tuple(places) if len(places) > 1 else (),
        slug=slug,
    )
