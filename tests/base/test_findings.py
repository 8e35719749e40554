"""Each rule's slug and severity, as findings take them from the rule catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pwkit.base import findings
from pwkit.base.diagnostics import Severity


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    findings.codes.cache_clear()
    findings.catalogue_entries.cache_clear()
    yield
    findings.codes.cache_clear()
    findings.catalogue_entries.cache_clear()


def test_codes_are_read_without_the_rule_texts(fresh_caches: None) -> None:
    assert findings.codes()["PW301"] == ("activity-dates", Severity.ERROR)
    assert findings.catalogue_entries.cache_info().currsize == 0


def test_codes_are_the_catalogues_slugs_and_severities(fresh_caches: None) -> None:
    read = findings.codes()
    entries = findings.catalogue_entries()
    assert list(read) == sorted(entries)
    assert read == {
        code: (entry["slug"], Severity(entry["severity"])) for code, entry in entries.items()
    }


@pytest.mark.parametrize(
    "text",
    [
        "PW002: {slug: b-rule, severity: avviso}\nPW001:\n  slug: a-rule\n  severity: errore\n",
        "PW002:\n  slug: 'b-rule'\n  severity: avviso\nPW001:\n  slug: a-rule\n"
        "  severity: errore\n",
        "PW002:\n    slug: b-rule\n    severity: avviso\nPW001:\n    slug: a-rule\n"
        "    severity: errore\n",
    ],
    ids=["flow", "quoted", "indented"],
)
def test_a_catalogue_written_otherwise_is_read_as_yaml(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str
) -> None:
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(text, encoding="utf-8")
    monkeypatch.setattr(findings, "CATALOGUE", catalogue)
    assert findings.codes() == {
        "PW001": ("a-rule", Severity.ERROR),
        "PW002": ("b-rule", Severity.WARNING),
    }
