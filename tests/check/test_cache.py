"""The remembered check: reused only while nothing it depends on has changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pwkit.check import pipeline
from tests.conftest import EXAMPLE, CliResult
from tests.e2e.test_cli import _WHAT_WAS_LOADED, HEAVY

Cli = Callable[..., CliResult]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every real check run in this process (a cache hit runs none)."""
    calls: list[Path] = []
    real = pipeline.check_project

    def counting(root: Path, **kwargs: object) -> pipeline.CheckResult:
        calls.append(root)
        return real(root, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_project", counting)
    return calls


def _replace_same_size(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    text = path.read_text(encoding="utf-8")
    assert old in text
    stat = path.stat()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: bytes differ


def test_an_unchanged_project_is_not_checked_twice(
    example: Path, cli: Cli, counted: list[Path]
) -> None:
    first = cli("check", example, "--format", "json")
    second = cli("check", example, "--format", "json")
    assert len(counted) == 1
    assert second.stdout == first.stdout
    assert json.loads(second.stdout)["summary"]["sections_complete"] == 16


def test_a_hit_gives_the_same_findings_and_exit_code(
    example: Path, cli: Cli, counted: list[Path]
) -> None:
    section = next((example / "sezioni").glob("02-*.md"))
    section.write_text(section.read_text(encoding="utf-8") + "\n[[DA COMPILARE: x]]\n")
    first = cli("check", example, code=1)
    second = cli("check", example, code=1)
    assert len(counted) == 1
    assert second.output == first.output and "PW101" in second.output
    cli("check", example, "--ignore", "PW101", code=0)
    assert len(counted) == 1


def test_an_edit_that_keeps_size_and_time_is_seen(
    example: Path, cli: Cli, counted: list[Path]
) -> None:
    cli("check", example)
    progetto = example / "progetto.yaml"
    _replace_same_size(progetto, "modello: province", "modello: provinca")
    out = cli("check", example, code=2)
    assert len(counted) == 2
    assert "provinca" in out.output


def test_a_new_file_in_the_project_is_seen(example: Path, cli: Cli, counted: list[Path]) -> None:
    cli("check", example)
    (example / "sezioni" / "appunti.md").write_text("note\n", encoding="utf-8")
    out = cli("check", example)
    assert len(counted) == 2
    assert "PW008" in out.output


def test_a_section_check_is_remembered_apart(example: Path, cli: Cli, counted: list[Path]) -> None:
    whole = cli("check", example, "--format", "json")
    one = cli("check", example, "--sezione", "3", "--format", "json")
    assert len(counted) == 2
    assert json.loads(one.stdout)["summary"]["sections_total"] == 1
    assert json.loads(whole.stdout)["summary"]["sections_total"] == 16
    cli("check", example, "--sezione", "3")
    assert len(counted) == 2


def test_no_cache_option_and_variable(
    example: Path, cli: Cli, counted: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("check", example)
    cli("check", example, "--no-cache")
    assert len(counted) == 2
    monkeypatch.setenv("PWKIT_NO_CACHE", "1")
    cli("check", example)
    assert len(counted) == 3


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff not json",
        b"[]",
        b'{"key": 1}',
        b'{"key": "%s", "report": {"diagnostics": [[1, 2]]}}',
        b'{"key": "%s", "report": {"diagnostics": [["PW101", "grave", "m", "h", "f", 1, 1]],'
        b' "sections_total": 1, "sections_complete": 0}}',
        b'{"key": "%s", "report": {"diagnostics": [], "sections_total": "16",'
        b' "sections_complete": 16}}',
    ],
)
def test_a_damaged_cache_is_a_miss_and_is_rewritten(
    example: Path, cli: Cli, counted: list[Path], private_cache: Path, damage: bytes
) -> None:
    expected = cli("check", example, "--format", "json").stdout
    (entry,) = (private_cache / "check").iterdir()
    key = json.loads(entry.read_bytes())["key"]
    entry.write_bytes(damage.replace(b"%s", key.encode()))
    assert cli("check", example, "--format", "json").stdout == expected
    assert len(counted) == 2
    assert json.loads(entry.read_bytes())["key"] == key
    cli("check", example)
    assert len(counted) == 2


def test_a_cache_that_cannot_be_written_is_ignored(
    example: Path, cli: Cli, counted: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PWKIT_CACHE_DIR", str(blocker))
    cli("check", example)
    cli("check", example)
    assert len(counted) == 2
    assert blocker.read_text() == "x"


def test_check_writes_nothing_in_the_project(example: Path, cli: Cli) -> None:
    before = sorted(p.relative_to(example) for p in example.rglob("*"))
    cli("check", example)
    cli("check", example)
    assert sorted(p.relative_to(example) for p in example.rglob("*")) == before


def test_a_hit_loads_no_heavy_module(example: Path) -> None:
    """The second check of an unchanged project needs no schema, parser or Word library."""
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE.parents[1] / "src")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _WHAT_WAS_LOADED.format(heavy=HEAVY), "check", str(example)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        for _ in range(2)
    ]
    loaded = [run.stderr.strip().splitlines()[-1].split(";")[0] for run in runs]
    assert "pydantic" in loaded[0]
    assert loaded[1] == "LOADED="
    assert runs[1].stdout == runs[0].stdout


def test_a_hit_keeps_every_field_of_the_json_findings(
    example: Path, cli: Cli, counted: list[Path]
) -> None:
    section = next((example / "sezioni").glob("02-*.md"))
    section.write_text(section.read_text(encoding="utf-8") + "\n[[DA COMPILARE: x]]\n")
    first = cli("check", example, "--format", "json", code=1)
    second = cli("check", example, "--format", "json", code=1)
    assert len(counted) == 1
    assert second.stdout == first.stdout
    assert {d["slug"] for d in json.loads(second.stdout)["diagnostics"]} == {"placeholder"}
