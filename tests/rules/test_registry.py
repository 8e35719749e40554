"""One registry of rules: a rule is a function registered with its catalogue code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from pwkit.base.diagnostics import Diagnostic
from pwkit.check.pipeline import check_project
from pwkit.pack.catalogue import rules
from pwkit.rules import registry
from tests.conftest import REPO

MISTO = REPO / "tests" / "data" / "projects" / "misto"

#: Codes reported while the files are read and validated, before any rule reads the data.
READING_CODES = {f"PW0{n:02d}" for n in range(1, 14)} | {"PW105"}


def _codes(registered: Iterable[tuple[str, Any]]) -> list[str]:
    return [code for code, _ in registered]


def test_every_code_is_a_registered_rule_or_reported_while_reading() -> None:
    registered = set(_codes(registry.project_rules())) | set(_codes(registry.prose_rules()))
    assert registered <= set(rules())
    assert set(rules()) - registered == READING_CODES


def test_rules_run_in_code_order_each_code_once() -> None:
    for registered in (registry.project_rules(), registry.prose_rules()):
        codes = _codes(registered)
        assert codes == sorted(codes)
        assert len(codes) == len(set(codes))


def test_a_rule_without_a_catalogue_entry_is_refused() -> None:
    with pytest.raises(ValueError, match=r"PW999 .*catalogue\.yaml"):
        registry.rule("PW999")
    with pytest.raises(ValueError, match=r"PW998 .*catalogue\.yaml"):
        registry.prose_rule("PW998")


def _watched(code: str, function: Callable[..., Iterable[Diagnostic]], seen: list[Any]) -> Any:
    def watching(*args: Any) -> Iterator[Diagnostic]:
        for found in function(*args):
            seen.append((code, found.code))
            yield found

    return watching


def test_a_registered_rule_reports_only_its_own_code(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str]] = []
    for name, registered in (
        ("_PROJECT", registry.project_rules()),
        ("_PROSE", registry.prose_rules()),
    ):
        watched = [(code, _watched(code, function, seen)) for code, function in registered]
        monkeypatch.setattr(registry, name, watched)
    report = check_project(MISTO).report
    assert len({code for code, _ in seen}) >= 20, seen
    assert [pair for pair in seen if pair[0] != pair[1]] == []
    assert {d.code for d in report} >= {code for code, _ in seen}
