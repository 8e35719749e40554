"""``pwkit report`` reuses the figures of a project unchanged since it was last read."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pwkit.check import pipeline
from pwkit.report import collect
from pwkit.report.figures import ProjectFigures
from pwkit.report.kept import KIND
from tests.conftest import REPO, CliResult, edit

Cli = Callable[..., CliResult]
#: ``pwkit check``'s exit code on the Montalto example.
CHECK_CODE = 0
NAMES = ("provincia-di-lagoverde", "provincia-di-montalto", "provincia-di-valdoria")


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """Three of the bundled examples in one folder (fewer than are read in parallel)."""
    folder = tmp_path / "province"
    for name in NAMES:
        shutil.copytree(REPO / "examples" / name, folder / name)
    return folder


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders ``check_project`` is called on, in order."""
    calls: list[Path] = []
    real = pipeline.check_project

    def spy(root: Path, **options: Any) -> pipeline.CheckResult:
        calls.append(root)
        return real(root, **options)

    monkeypatch.setattr(pipeline, "check_project", spy)
    return calls


def test_a_second_report_of_unchanged_projects_checks_none_again(
    cli: Cli, three: Path, tmp_path: Path, checked: list[Path]
) -> None:
    first, second = tmp_path / "prima.json", tmp_path / "seconda.json"
    cli("report", three, "-o", first)
    assert sorted(p.name for p in checked) == sorted(NAMES)
    checked.clear()
    cli("report", three, "-o", second)
    assert checked == []
    assert second.read_bytes() == first.read_bytes()


def test_a_project_edited_between_two_reports_is_checked_again(
    cli: Cli, three: Path, tmp_path: Path, checked: list[Path]
) -> None:
    out = tmp_path / "restituzione.csv"
    cli("report", three, "-o", out)
    assert '"7.3"' not in out.read_text("utf-8-sig")
    edit(three / "provincia-di-valdoria" / "progetto.yaml", 'versione: "1.0"', 'versione: "7.3"')
    checked.clear()
    cli("report", three, "-o", out, "--force")
    assert [p.name for p in checked] == ["provincia-di-valdoria"]
    assert '"7.3"' in out.read_text("utf-8-sig")


def test_figures_read_back_are_those_computed(three: Path, checked: list[Path]) -> None:
    targets, _ = collect.find_targets([three])
    computed = list(collect.read_projects(targets, workers=1))
    kept = list(collect.read_projects(targets, workers=1))
    assert len(checked) == len(NAMES)  # the second reading checked nothing
    assert kept == computed
    assert all(isinstance(f, ProjectFigures) for f in kept)
    for a, b in zip(kept, computed, strict=True):
        assert repr(a) == repr(b)  # same types too (Decimal exponents, dates, tuples)


def test_without_the_cache_every_report_checks_again(
    cli: Cli, three: Path, tmp_path: Path, checked: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PWKIT_NO_CACHE", "1")
    out = tmp_path / "restituzione.json"
    cli("report", three, "-o", out)
    cli("report", three, "-o", out, "--force")
    assert len(checked) == 2 * len(NAMES)


def test_a_second_reading_of_many_unchanged_projects_starts_no_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(collect.PARALLEL_FROM):
        source = REPO / "examples" / NAMES[index % 3]
        shutil.copytree(source, tmp_path / "molti" / f"{index}-{source.name}")
    targets, _ = collect.find_targets([tmp_path / "molti"])
    first = list(collect.read_projects(targets, workers=1))

    def no_processes(*args: Any) -> None:
        raise AssertionError("processes started for projects already read")

    monkeypatch.setattr(collect, "_read_in_parallel", no_processes)
    done: list[str] = []
    again = list(collect.read_projects(targets, lambda t: done.append(t.label)))
    assert again == first
    assert done == [t.label for t in targets]


def _document_xml(docx: Path) -> bytes:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml")


def test_a_report_from_kept_figures_writes_the_same_document(
    cli: Cli, three: Path, tmp_path: Path, checked: list[Path]
) -> None:
    first, second = tmp_path / "prima.docx", tmp_path / "seconda.docx"
    cli("report", three, "-o", first)
    checked.clear()
    cli("report", three, "-o", second)
    assert checked == []
    assert _document_xml(second) == _document_xml(first)


def test_damaged_kept_figures_are_taken_again(
    cli: Cli, three: Path, tmp_path: Path, checked: list[Path], private_cache: Path
) -> None:
    out = tmp_path / "restituzione.csv"
    cli("report", three, "-o", out)
    before = out.read_bytes()
    entries = sorted((private_cache / KIND).glob("*.json"))
    assert len(entries) == len(NAMES)
    for entry in entries:
        stored = json.loads(entry.read_bytes())
        stored["value"]["errors"] = "molti"  # not a number: not the figures pwkit kept
        entry.write_text(json.dumps(stored), encoding="utf-8")
    checked.clear()
    cli("report", three, "-o", out, "--force")
    assert len(checked) == len(NAMES)
    assert out.read_bytes() == before


def test_a_check_after_a_report_of_unchanged_projects_is_not_done_again(
    cli: Cli, three: Path, tmp_path: Path, checked: list[Path]
) -> None:
    cli("report", three, "-o", tmp_path / "restituzione.json")
    checked.clear()
    montalto = three / "provincia-di-montalto"
    kept = cli("check", montalto, code=CHECK_CODE)
    assert checked == []
    fresh = cli("check", montalto, "--no-cache", code=CHECK_CODE)
    assert checked == [montalto]
    assert kept.output == fresh.output


def test_a_first_reading_hashes_each_project_once(
    three: Path, checked: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pwkit.check import cache

    hashed: list[Path] = []
    real = cache.check_key

    def spy(root: Path, section_number: int | None) -> str:
        hashed.append(root)
        return real(root, section_number)

    monkeypatch.setattr(cache, "check_key", spy)
    targets, _ = collect.find_targets([three])
    first = list(collect.read_projects(targets, workers=1))
    assert len(checked) == len(NAMES)  # nothing was kept: every project was checked
    assert sorted(p.name for p in hashed) == sorted(NAMES)  # and its key computed once
    hashed.clear()
    assert list(collect.read_projects(targets, workers=1)) == first
    assert sorted(p.name for p in hashed) == sorted(NAMES)
