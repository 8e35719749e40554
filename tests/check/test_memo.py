"""The incremental check: a file whose bytes did not change is not read or validated again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pwkit.check import pipeline
from pwkit.check.memo import CheckMemo
from pwkit.load import section as section_module
from tests.conftest import EXAMPLE, edit

EXAMPLES = sorted(EXAMPLE.parent.glob("provincia-di-*"))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every section file read by a check in this test."""
    seen: list[str] = []
    real = section_module.read_section

    def counting(root: Path, rel: str, findings: list[object]) -> object:
        seen.append(rel)
        return real(root, rel, findings)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "read_section", counting)
    return seen


def _sorted(result: pipeline.CheckResult) -> list[object]:
    return sorted(result.report.diagnostics, key=lambda d: (d.sort_key(), d.message))


def test_a_second_check_reads_only_the_file_that_changed(example: Path, reads: list[str]) -> None:
    memo = CheckMemo()
    pipeline.check_project(example, memo=memo)
    assert len(reads) == 16
    reads.clear()
    pipeline.check_project(example, memo=memo)
    assert reads == []
    edit(example / "sezioni" / "06-servizi.md", "avvio: 2026-11-02", "avvio: 2031-11-02")
    pipeline.check_project(example, memo=memo)
    assert reads == ["sezioni/06-servizi.md"]


def test_a_change_of_same_size_and_time_is_seen(example: Path, reads: list[str]) -> None:
    memo = CheckMemo()
    pipeline.check_project(example, memo=memo)
    path = example / "sezioni" / "12-rischi.md"
    stat = path.stat()
    edit(path, "probabilita: 3", "probabilita: 9")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    reads.clear()
    result = pipeline.check_project(example, memo=memo)
    assert reads == ["sezioni/12-rischi.md"]
    assert any(d.location.file == "sezioni/12-rischi.md" for d in result.report.errors)


@pytest.mark.parametrize("project", EXAMPLES, ids=lambda p: p.name)
def test_the_incremental_check_finds_what_a_whole_check_finds(
    project: Path, tmp_path: Path
) -> None:
    root = tmp_path / project.name
    shutil.copytree(project, root)
    memo = CheckMemo()
    pipeline.check_project(root, memo=memo)
    services = root / "sezioni" / "06-servizi.md"
    text = services.read_text(encoding="utf-8")
    services.write_text(text.replace("priorita: 1", "priorita: 7", 1), encoding="utf-8")
    roles = root / "sezioni" / "07-organizzazione.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("RU1", "RU91"), encoding="utf-8")
    again = pipeline.check_project(root, memo=memo)
    whole = pipeline.check_project(root)
    assert again.report.diagnostics, "the edits make findings"
    assert _sorted(again) == _sorted(whole)
    assert again.report.sections_complete == whole.report.sections_complete


def test_a_changed_template_pin_is_checked_again(example: Path, reads: list[str]) -> None:
    memo = CheckMemo()
    pipeline.check_project(example, memo=memo)
    reads.clear()
    edit(example / "progetto.yaml", "personale@1.1.0", "personale@0.9.0")
    result = pipeline.check_project(example, memo=memo)
    assert [d.code for d in result.report if d.location.file == "progetto.yaml"] == ["PW011"]
    assert _sorted(result) == _sorted(pipeline.check_project(example))
