"""An unchanged project is exported from what its check kept: the same document, no schemas."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pwkit.check import pipeline
from tests.conftest import REPO, CliResult, edit

Cli = Callable[..., CliResult]
PROJECTS = [*sorted((REPO / "examples").iterdir()), REPO / "tests" / "data" / "valdoria-1.0.0"]


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("export"))
    return target


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def _no_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any check of a project fail: what runs next must reuse the kept one."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the project was checked again")

    monkeypatch.setattr(pipeline, "check_project", refuse)


def _exports_alike(
    root: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, *options: str, code: int = 0
) -> None:
    with monkeypatch.context() as env:
        env.setenv("PWKIT_NO_CACHE", "1")
        cli("export", root, *options, "-o", root.parent / "cold.docx", code=0)
    cli("check", root, code=code)
    with monkeypatch.context() as patched:
        _no_check(patched)
        cli("export", root, *options, "-o", root.parent / "kept.docx", code=0)
    cold, kept = _parts(root.parent / "cold.docx"), _parts(root.parent / "kept.docx")
    assert list(kept) == list(cold)
    assert [name for name in cold if kept[name] != cold[name]] == []


@pytest.mark.parametrize("source", PROJECTS, ids=lambda p: p.name)
def test_a_checked_unchanged_project_exports_the_same_document(
    source: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _exports_alike(_copy(source, tmp_path), cli, monkeypatch)


def test_a_draft_with_open_errors_exports_the_same_document(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = next((example / "sezioni").glob("06-*.md"))
    edit(catalogue, "priorita: 1", "priorita: 9")
    edit(example / "progetto.yaml", "versione:", "versione_sbagliata:")
    _exports_alike(example, cli, monkeypatch, "--bozza", code=1)


def test_a_project_with_errors_is_refused_from_the_kept_check(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = next((example / "sezioni").glob("06-*.md"))
    edit(catalogue, "priorita: 1", "priorita: 9")
    cli("check", example, code=1)
    _no_check(monkeypatch)
    result = cli("export", example, code=1)
    assert "PW" in result.output
    assert not (example / "export").exists()


def test_an_edited_project_is_checked_again(example: Path, cli: Cli) -> None:
    cli("check", example)
    catalogue = next((example / "sezioni").glob("06-*.md"))
    edit(catalogue, "nome: ", "nome: Servizio rinominato ")
    cli("export", example, "-o", example.parent / "out.docx")
    document = _parts(example.parent / "out.docx")["word/document.xml"].decode()
    assert "Servizio rinominato" in document
    edit(catalogue, "priorita: 1", "priorita: 9")
    cli("export", example, "-o", example.parent / "out2.docx", code=1)
    assert not (example.parent / "out2.docx").exists()


def test_an_export_remembers_its_check_for_the_next_one(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("export", example)
    first = _parts(next((example / "export").glob("*.docx")))
    _no_check(monkeypatch)
    cli("export", example, "--force")
    assert _parts(next((example / "export").glob("*.docx"))) == first


_EXPORT_AND_LIST_MODULES = """
import sys
from pwkit.__main__ import start
sys.argv = ["pwkit", "export", sys.argv[1], "-o", sys.argv[2]]
try:
    start()
except SystemExit as done:
    assert not done.code, done.code
loaded = sorted(sys.modules)
rules = [m for m in loaded if m.startswith("pwkit.rules")]
print("pydantic" in loaded, "yaml" in loaded, "markdown_it" in loaded, "dataclasses" in loaded)
print(rules)
print(sorted(m for m in loaded if m.startswith("pwkit.model")))
"""


def test_a_checked_unchanged_project_is_exported_without_schemas_parser_or_dataclasses(
    example: Path, private_cache: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PWKIT_CACHE_DIR": str(private_cache)}
    subprocess.run([sys.executable, "-m", "pwkit", "check", str(example)], env=env, check=True)
    output = example.parent / "o.docx"
    out = subprocess.run(
        [sys.executable, "-c", _EXPORT_AND_LIST_MODULES, str(example), str(output)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    *_, first, rules, second = out.stdout.splitlines()
    # Neither the validation nor the parsing nor their records: only what writes the document.
    assert first == "False False False False"
    assert rules == "[]"
    light = {
        "pwkit.model",
        "pwkit.model.enums",
        "pwkit.model.plain",
        "pwkit.model.plugins",  # stands in for Pydantic's plugin loader; imports no Pydantic
        "pwkit.model.project",
    }
    assert set(ast.literal_eval(second)) <= light
    assert output.is_file()


def test_exporting_leaves_the_kept_check_valid(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("check", example)
    cli("export", example)
    assert list((example / "export").glob("*.docx"))
    _no_check(monkeypatch)
    cli("check", example)
    cli("export", example, "--force")


def test_a_project_that_names_a_file_in_export_is_checked_again_when_it_changes(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example / "export").mkdir()
    (example / "export" / "delibera.pdf").write_bytes(b"%PDF-1.4 prima")
    text = (example / "progetto.yaml").read_text(encoding="utf-8")
    (example / "progetto.yaml").write_text(f"{text}# allegato: export/delibera.pdf\n", "utf-8")
    cli("check", example)
    (example / "export" / "delibera.pdf").write_bytes(b"%PDF-1.4 seconda")
    checked: list[Path] = []
    real = pipeline.check_project

    def counted(root: Path, **kwargs: object) -> object:
        checked.append(root)
        return real(root, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_project", counted)
    cli("check", example)
    assert checked == [example]
