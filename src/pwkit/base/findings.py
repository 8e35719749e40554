"""Making a finding: each rule code's slug and severity, read from the rule catalogue's data.

A finding needs only these two facts of its rule; the texts (explanations, examples) are the
catalogue's (``pwkit.pack.catalogue``), which reads the same file. Kept in the base layer, so
that reading a file (``pwkit.load``) can report what it finds without the layers above.
"""

from __future__ import annotations

import re
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
    """Each rule's slug and severity by code: what a finding needs, without the texts.

    The catalogue is written one entry per code, its ``slug`` and ``severity`` on lines of
    their own: those lines are all a finding needs, and reading them costs a fraction of
    parsing the texts. A catalogue written otherwise is read as the YAML it is.
    """
    found = _scanned(CATALOGUE.read_text(encoding="utf-8"))
    if found is None:
        found = {
            code: (str(entry["slug"]), str(entry["severity"]))
            for code, entry in catalogue_entries().items()
        }
    return {code: (slug, Severity(severity)) for code, (slug, severity) in sorted(found.items())}


_ENTRY = re.compile(r"(PW[0-9]{3}):")
_FACT = re.compile(r"  (slug|severity): ([a-z0-9-]+)")


def _scanned(text: str) -> dict[str, tuple[str, str]] | None:
    """Slug and severity by code from the catalogue's lines, if written as usual (else ``None``).

    As usual: every line that starts a top-level key is ``PWnnn:`` alone, and each entry has
    exactly one ``  slug: …`` and one ``  severity: …`` line, with a plain value.
    """
    facts: dict[str, dict[str, str]] = {}
    entry: dict[str, str] | None = None
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        if line[0] != " ":
            top = _ENTRY.fullmatch(line.rstrip())
            if top is None or top[1] in facts:
                return None
            entry = facts[top[1]] = {}
        elif line.startswith(("  slug:", "  severity:")):
            fact = _FACT.fullmatch(line.rstrip())
            if fact is None or entry is None or fact[1] in entry:
                return None
            entry[fact[1]] = fact[2]
    if not all(len(entry) == 2 for entry in facts.values()):
        return None
    return {code: (entry["slug"], entry["severity"]) for code, entry in facts.items()}


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
