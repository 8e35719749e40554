"""The rules stay easy to read: small modules, one family of codes each."""

from __future__ import annotations

from pathlib import Path

import pwkit.rules

RULES = Path(pwkit.rules.__file__).parent
MAX_LINES = 300


def test_no_rule_module_is_over_300_lines() -> None:
    lengths = {
        str(path.relative_to(RULES)): len(path.read_text(encoding="utf-8").splitlines())
        for path in RULES.rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}
