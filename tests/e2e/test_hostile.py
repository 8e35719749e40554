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
            elif not path.is_file():  # a pipe or a device: never opened
                state[rel] = "special"
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
        said = [d["message"] + " " + d["hint"] for d in found]
        assert any(case.fragment in text for text in said), said
    if case.file:
        first = case.codes[0].partition(":")[0]
        assert case.file in {d["file"] for d in found if d["code"] == first}, found
    for diagnostic in found:
        assert diagnostic["message"] and diagnostic["hint"], diagnostic
    assert snapshot(tmp_path) == before

    if case.export is not None:
        out = tmp_path / "uscita" / "pw.docx"
        out.parent.mkdir()
        run_cli("export", root, "-o", out, code=case.export)
        assert out.is_file() == (case.export == 0)
        after = snapshot(tmp_path)
        if out.is_file():
            after = {k: v for k, v in after.items() if not k.startswith("uscita")}
        elif "uscita" in after:
            assert after.pop("uscita") == "dir" and not any(k.startswith("uscita/") for k in after)
        assert after == before


def test_corpus_is_large_and_covers_every_family() -> None:
    families = {case.family for case in corpus.CASES + corpus.RUNS}
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
        "output",
        "init",
        "crash",
        "templates",
    }
    assert len(corpus.CASES) + len(corpus.RUNS) >= 120
    names = [corpus.slug(case) for case in corpus.CASES + corpus.RUNS]
    assert len(names) == len(set(names))


def test_make_corpus_writes_every_case(tmp_path: Path) -> None:
    import subprocess

    subprocess.run(
        [sys.executable, str(REPO / "tests/data/hostile/make_corpus.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert len(list(tmp_path.iterdir())) == len(corpus.CASES) + len(corpus.RUNS)


# --- whole commands in hostile situations ------------------------------------------------


def _inject(fault: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make writing fail the way ``fault`` says, after a few files or parts were written."""
    import errno
    import pathlib
    import zipfile

    def failure(name: str | None) -> BaseException:
        if fault == "disk-full":
            return OSError(errno.ENOSPC, "No space left on device", name)
        if fault == "read-only":
            return PermissionError(errno.EACCES, "Permission denied", name)
        if fault == "file-too-big":
            return OSError(errno.EFBIG, "File too large", name)
        if fault == "odd-os-error":
            return OSError(4242, "Strange device state", name)
        if fault == "interrupt":
            return KeyboardInterrupt()
        return RuntimeError("guasto provocato dal test")

    allowance = {"parts": 0 if fault == "read-only" else 3}

    def spend(name: str | None) -> None:
        if allowance["parts"] <= 0:
            raise failure(name)
        allowance["parts"] -= 1

    writestr = zipfile.ZipFile.writestr

    def failing_writestr(self: zipfile.ZipFile, info: Any, data: Any, *a: Any, **k: Any) -> None:
        spend(None)
        writestr(self, info, data, *a, **k)

    path_open = pathlib.Path.open

    def failing_open(self: Path, mode: str = "r", *a: Any, **k: Any) -> Any:
        if set(mode) & set("wxa"):
            spend(str(self))
        return path_open(self, mode, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    monkeypatch.setattr(pathlib.Path, "open", failing_open)
    if fault == "read-only":
        # Running as root, a chmod would not stop anything: refuse creation instead.
        mkdir, os_open = pathlib.Path.mkdir, os.open

        def refused_mkdir(self: Path, *a: Any, **k: Any) -> None:
            raise failure(str(self))

        def refused_os_open(path: Any, flags: int, *a: Any, **k: Any) -> int:
            if flags & os.O_CREAT:
                raise failure(str(path))
            return os_open(path, flags, *a, **k)

        del mkdir
        monkeypatch.setattr(pathlib.Path, "mkdir", refused_mkdir)
        monkeypatch.setattr(os, "open", refused_os_open)
    if fault == "crash":
        import pwkit.check.pipeline

        def broken(*a: Any, **k: Any) -> Any:
            raise RuntimeError("guasto provocato dal test")

        monkeypatch.setattr(pwkit.check.pipeline, "validate_data", broken)


def _allowed(rel: str, patterns: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch

    return any(fnmatch(rel, pattern) for pattern in patterns)


@pytest.mark.parametrize("run", [pytest.param(run, id=corpus.slug(run)) for run in corpus.RUNS])
def test_hostile_run(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    work, logs = tmp_path / "w", tmp_path / "log"
    logs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(logs))
    root = corpus.prepare(run, work)
    monkeypatch.chdir(work)
    before = snapshot(work)
    args = [a.format(root=root, tmp=work) for a in run.args]
    if run.fault:
        _inject(run.fault, monkeypatch)

    result = run_cli(*args, code=run.exit)

    said = " ".join(result.output.split())
    if run.fragment:
        assert run.fragment.casefold() in said.casefold(), said
    if run.exit in (2, 3, 130):
        assert "Errore" in said or "Interrotto" in said, said
    after = snapshot(work)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert {k for k in changed if not _allowed(k, run.changes)} == set(), changed
    assert not any(".tmp" in k for k in after), after
    if run.changes and run.exit == 0:
        assert changed, "the command should have written its output"
    if run.exit == 3:
        [log] = logs.iterdir()
        details = log.read_text(encoding="utf-8")
        assert str(log) in said
        assert details.startswith("pwkit ") and "Traceback" in details
        assert "guasto provocato dal test" in details


#: Families whose cases change the data the document shows: what the kept check keeps as
#: records (prose, encodings and reference documents reach both exports as the same text).
_DATA_FAMILIES = frozenset(
    {"values", "numbers", "dates", "csv", "territory", "template-1.1", "partial", "quotes"}
)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=corpus.slug(case))
        for case in corpus.CASES
        if case.family in _DATA_FAMILIES
    ],
)
def test_hostile_draft_from_the_kept_check_is_the_fresh_one(
    case: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export from what ``check`` kept does what one after a fresh check does, bytes too."""
    import zipfile

    from pwkit.check import pipeline

    root = corpus.build(case, tmp_path / "progetto")
    with monkeypatch.context() as env:
        env.setenv("PWKIT_NO_CACHE", "1")
        fresh = _export_draft(root, tmp_path / "fresca.docx")
    run_cli("check", root, code=case.exit)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(pipeline, "check_project", refuse)
    code, said = _export_draft(root, tmp_path / "ricordata.docx")
    assert (code, said.replace("ricordata.docx", "fresca.docx")) == fresh
    if fresh[0] != 0:
        return
    with (
        zipfile.ZipFile(tmp_path / "fresca.docx") as a,
        zipfile.ZipFile(tmp_path / "ricordata.docx") as b,
    ):
        assert a.namelist() == b.namelist()
        assert [n for n in a.namelist() if a.read(n) != b.read(n)] == []


def _export_draft(root: Path, output: Path) -> tuple[int, str]:
    """Exit code and output of ``export --bozza`` (no traceback allowed)."""
    from typer.testing import CliRunner

    from pwkit.cli import app

    result = CliRunner().invoke(app, ["export", str(root), "--bozza", "-o", str(output)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output
