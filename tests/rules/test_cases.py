"""Rule cases as data: each ``tests/data/rules/*.yaml`` mutates the example and names the finding.

A case file looks like this (see ``tests/data/rules/README.md``)::

    rule: PW301
    cases:
      - name: activity ends before it starts
        edits:
          - file: sezioni/11-piano.md
            replace: "fine: 2026-03-31"
            with: "fine: 2026-01-31"
        expect:
          file: sezioni/11-piano.md
          line: {after: "- id: A2", find: "fine:"}
      - name: activity ending the day it starts is fine
        edits: [...]
        expect: none

Edits: ``replace``/``with`` (exactly once, or everywhere with ``all: true``), ``append``,
``write`` (with an optional ``encoding``), ``body`` (the prose after the front matter
replaced), ``reencode`` (the file saved in another encoding), ``delete``, ``docx: blank``
(python-docx's blank Word document).

``expect: none`` means no finding of the rule; otherwise at least one finding of the rule at
``file`` and ``line``: a number, ``null`` for a whole file, or where ``find`` first matches
after the end of ``after``'s match (both regular expressions on the mutated file). With
``message`` a finding's message must match that regular expression; ``exactly: true`` also
requires that it is the only finding of the whole project.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from pwkit.check.pipeline import check_project
from pwkit.load.yamldata import parse as parse_yaml
from tests.conftest import EXAMPLE

CASES_DIR = Path(__file__).parents[1] / "data" / "rules"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = parse_yaml(path.read_text(encoding="utf-8")).data
        for index, case in enumerate(data["cases"]):
            params.append(
                pytest.param(data["rule"], case, id=f"{path.stem}-{index}-{case['name'][:40]}")
            )
    return params


def apply_edits(root: Path, edits: list[dict[str, Any]]) -> None:
    """Apply the case's edits to a copy of the example."""
    for edit in edits:
        path = root / edit["file"]
        if "delete" in edit:
            path.unlink()
        elif "docx" in edit:
            from docx import Document

            path.parent.mkdir(parents=True, exist_ok=True)
            Document().save(str(path))
        elif "write" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(edit["write"].encode(edit.get("encoding", "utf-8")))
        elif "body" in edit:
            text = path.read_text(encoding="utf-8")
            close = text.index("\n---\n", 3) + len("\n---\n")
            path.write_text(text[:close] + edit["body"], encoding="utf-8")
        elif "reencode" in edit:
            text = path.read_text(encoding="utf-8")
            path.write_bytes(text.encode(edit["reencode"]))
        elif "append" in edit:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(edit["append"])
        else:
            text = path.read_text(encoding="utf-8")
            old, new = edit["replace"], edit["with"]
            count = text.count(old)
            assert count >= 1, f"{old!r} not found in {edit['file']}"
            if not edit.get("all", False):
                assert count == 1, f"{old!r} occurs {count} times in {edit['file']}"
            path.write_text(text.replace(old, new), encoding="utf-8")


def expected_line(root: Path, file: str, line: int | dict[str, str] | None) -> int | None:
    """The line a case expects: a number, where ``find`` matches after ``after``, or none."""
    if line is None or isinstance(line, int):
        return line
    raw = (root / file).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    start = 0
    if "after" in line:
        anchor = re.search(line["after"], text, re.MULTILINE)
        assert anchor, f"after {line['after']!r} not found in {file}"
        start = anchor.end()
    match = re.compile(line["find"], re.MULTILINE).search(text, start)
    assert match, f"find {line['find']!r} not found in {file}"
    return text[: match.start()].count("\n") + 1


@pytest.mark.parametrize(("rule", "case"), _load_cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    root = tmp_path / "progetto"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    apply_edits(root, case.get("edits", []))
    report = check_project(root).report
    found = [d for d in report if d.code == rule]
    expect = case["expect"]
    if expect == "none":
        assert found == [], [f"{d.location} {d.message}" for d in found]
        return
    assert found, f"{rule} not reported; findings: {[f'{d.location} {d.code}' for d in report]}"
    line = expected_line(root, expect["file"], expect["line"])
    where = {(d.location.file, d.location.line) for d in found}
    assert (expect["file"], line) in where, [f"{d.location} {d.message}" for d in found]
    if "message" in expect:
        assert any(re.search(expect["message"], d.message) for d in found), [
            d.message for d in found
        ]
    if expect.get("exactly"):
        assert [(d.code, d.location.file, d.location.line) for d in report] == [
            (rule, expect["file"], line)
        ]


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    from pwkit.pack.catalogue import rules

    kinds: dict[str, set[str]] = {}
    for param in _load_cases():
        rule, case = param.values
        kinds.setdefault(rule, set()).add("pass" if case["expect"] == "none" else "fail")
    missing = {code for code in rules() if kinds.get(code) != {"pass", "fail"}}
    assert missing == set()
