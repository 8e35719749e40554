"""Issue #5: no input breaks pwkit, no user data is ever lost.

Every case of ``tests/data/hostile/make_corpus.py`` mutates one file of a copy of the example;
``check`` (and ``export`` where the case says so) must answer with the expected exit code and
findings, without a traceback, without changing any file of the project and without leaving
stray files anywhere.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_cli

_spec = importlib.util.spec_from_file_location(
    "make_corpus", REPO / "tests" / "data" / "hostile" / "make_corpus.py"
)
assert _spec is not None and _spec.loader is not None
corpus: Any = importlib.util.module_from_spec(_spec)
sys.modules["make_corpus"] = corpus
_spec.loader.exec_module(corpus)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: file digests, link targets, folders; links not followed."""
    state: dict[str, str] = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                state[rel] = "link:" + str(path.readlink())
            elif path.is_dir():
                state[rel] = "dir"
            else:
                state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def _ids() -> list[Any]:
    return [pytest.param(case, id=corpus.slug(case)) for case in corpus.CASES]


@pytest.mark.parametrize("case", _ids())
def test_hostile_input(case: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = corpus.build(case, tmp_path / "progetto")
    before = snapshot(tmp_path)

    result = run_cli("check", root, "-f", "json", code=case.exit)
    found = json.loads(result.stdout)["diagnostics"]
    for expected in case.codes:
        code, _, severity = expected.partition(":")
        matching = [d for d in found if d["code"] == code]
        assert matching, f"{expected} not reported: {[d['code'] for d in found]}"
        if severity:
            assert {d["severity"] for d in matching} == {severity}, matching
    if case.only:
        assert {d["code"] for d in found} <= {c.partition(":")[0] for c in case.codes}, found
    if case.fragment:
        assert any(case.fragment in d["message"] for d in found), [d["message"] for d in found]
    if case.file:
        first = case.codes[0].partition(":")[0]
        assert case.file in {d["file"] for d in found if d["code"] == first}, found
    for diagnostic in found:
        assert diagnostic["message"] and diagnostic["hint"], diagnostic
    assert snapshot(tmp_path) == before

    if case.export is not None:
        out = tmp_path / "uscita" / "pw.docx"
        run_cli("export", root, "-o", out, code=case.export)
        assert out.is_file() == (case.export == 0)
        after = snapshot(tmp_path)
        if out.is_file():
            after = {k: v for k, v in after.items() if not k.startswith("uscita")}
        elif "uscita" in after:
            assert after.pop("uscita") == "dir" and not any(k.startswith("uscita/") for k in after)
        assert after == before


def test_corpus_is_large_and_covers_every_family() -> None:
    families = {case.family for case in corpus.CASES}
    assert families >= {
        "encoding",
        "line-ends",
        "control",
        "binary",
        "size",
        "yaml",
        "values",
        "csv",
        "paths",
    }
    assert len(corpus.CASES) >= 100
    names = [corpus.slug(case) for case in corpus.CASES]
    assert len(names) == len(set(names))


def test_make_corpus_writes_every_case(tmp_path: Path) -> None:
    import subprocess

    subprocess.run(
        [sys.executable, str(REPO / "tests/data/hostile/make_corpus.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert len(list(tmp_path.iterdir())) == len(corpus.CASES)
