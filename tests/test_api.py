"""``pwkit.api``: every use case as a plain function, and the command line as a thin face on it."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pwkit import api
from tests.conftest import EXAMPLE, edit
from tests.e2e.test_cli import HEAVY, _interrupted_upgrade

SRC = EXAMPLE.parents[1] / "src" / "pwkit"


@pytest.fixture(autouse=True)
def _silent(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """No API call prints anything: what a face shows is its own business."""
    yield
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err == "", printed


# --- init -----------------------------------------------------------------------------------


def test_init_project_makes_a_project_for_a_provincia(tmp_path: Path) -> None:
    result = api.init_project(tmp_path / "p", api.InitAnswers(provincia="MB", titolo="Il piano"))
    assert result.provincia is not None and result.provincia.sigla == "MB"
    assert "progetto.yaml" in result.files
    with (tmp_path / "p" / "dati" / "comuni.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 55


def test_province_question_lists_the_candidates_and_reads_the_reply() -> None:
    assert api.province_question("MB") is None
    question = api.province_question("Reggio")
    assert question is not None
    assert question.lines[0].startswith("«Reggio» non è tra le Province dell'elenco ISTAT")
    assert question.lines[2].startswith("  2. Reggio Calabria")
    assert "il numero di una di queste" in question.prompt
    picked = question.answer(" 2 ")
    assert (picked.name, picked.settled, picked.outside) == ("Reggio Calabria", True, False)
    kept = question.answer("")
    assert (kept.name, kept.settled, kept.outside) == ("Reggio", True, True)
    wrong = question.answer("9")
    assert not wrong.settled and wrong.name == "Reggio"
    assert wrong.retry == "Nessuna Provincia ha il numero 9: scrivi un numero da 1 a 2 o un nome."
    again = question.answer("Oristano")
    assert (again.name, again.settled) == ("Oristano", False)


def test_province_question_about_a_single_candidate() -> None:
    question = api.province_question("Pescra")
    assert question is not None and len(question.candidates) == 1
    assert question.prompt.startswith("Scrivi 1 per sceglierla, un altro nome")
    assert question.answer("3").retry == "Nessuna Provincia ha il numero 3: scrivi 1 o un nome."


# --- check and status -----------------------------------------------------------------------


def test_check_project_finds_the_root_and_reuses_an_unchanged_check(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pwkit.check import pipeline

    runs: list[Path] = []
    real = pipeline.check_project

    def counting(root: Path, **kwargs: int | None) -> pipeline.CheckResult:
        runs.append(root)
        return real(root, **kwargs)

    monkeypatch.setattr(pipeline, "check_project", counting)
    report = api.check_project(example / "sezioni")
    assert not report.errors and report.sections_complete == 16
    api.check_project(example)
    assert runs == [example]
    api.check_project(example, use_cache=False)
    assert len(runs) == 2


def test_check_project_by_section_and_with_ignored_rules(example: Path) -> None:
    edit(example / "progetto.yaml", "versione:", "versione_x:")
    whole = api.check_project(example)
    assert "PW006" in {d.code for d in whole.errors}
    assert not api.check_project(example, ignore=["PW005", "pw006"]).errors
    assert not api.check_project(example, section=2).errors  # progetto.yaml is no section
    with pytest.raises(api.PwkitError, match="Regola sconosciuta in --ignore: PW999"):
        api.check_project(example, ignore=["PW999"])
    with pytest.raises(api.PwkitError, match="La sezione 99 non esiste"):
        api.check_project(example, section=99)


def test_an_interrupted_upgrade_is_undone_first_and_told(example: Path) -> None:
    written = _interrupted_upgrade(example)
    told: list[str] = []
    api.check_project(example, notify=told.append)
    [notice] = told
    assert notice.startswith("l'aggiornamento del modello (1.0.0 → 1.1.0) era stato interrotto")
    assert not written.exists()


def test_project_status_on_a_given_day(example: Path) -> None:
    status = api.project_status(example, today="2026-04-01")
    assert status.today == dt.date(2026, 4, 1) and status.completion == 100
    assert api.project_status(example, today=dt.date(2026, 4, 2)).days_left == status.days_left - 1
    with pytest.raises(api.PwkitError, match="--oggi vuole una data AAAA-MM-GG"):
        api.project_status(example, today="1 aprile")


# --- export ---------------------------------------------------------------------------------


#: A 1×1 PNG.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_export_document_names_the_file_and_reports_each_step(example: Path) -> None:
    steps: list[object] = []
    result = api.export_document(example, progress=steps.append)
    assert not result.refused and result.open_errors == 0
    assert result.document is not None
    assert result.document.path == example / "export" / "PW-VD-v1.0.docx"
    assert result.document.path.is_file() and result.pdf is None
    assert steps == [result.document]


def test_export_opens_the_files_the_check_confined_without_resolving_them_again(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pwkit.base import fsutil

    progetto = example / "progetto.yaml"
    logo = example / "allegati" / "stemma.png"
    logo.parent.mkdir(exist_ok=True)
    logo.write_bytes(_PNG)
    text = progetto.read_text(encoding="utf-8")
    progetto.write_text(text + "documento:\n  loghi: [allegati/stemma.png]\n", "utf-8")
    resolved: list[str] = []
    real = fsutil.ResolvedFile.resolve.__func__  # type: ignore[attr-defined]

    def counted(cls: type[fsutil.ResolvedFile], root: Path, written: str) -> fsutil.ResolvedFile:
        resolved.append(written)
        return real(cls, root, written)  # type: ignore[no-any-return]

    monkeypatch.setattr(fsutil.ResolvedFile, "resolve", classmethod(counted))
    result = api.export_document(example)
    assert result.document is not None
    assert resolved == ["allegati/stemma.png"]  # by the check, once; the renderer reuses it


def test_export_document_refuses_a_document_with_errors(example: Path) -> None:
    edit(example / "progetto.yaml", "versione:", "versione_x:")
    result = api.export_document(example)
    assert result.refused and result.document is None and result.report.errors
    assert not (example / "export").exists()


def test_export_document_as_a_draft_counts_its_open_errors(example: Path, tmp_path: Path) -> None:
    edit(example / "progetto.yaml", "versione:", "versione_x:")
    result = api.export_document(example, output=tmp_path / "bozza.docx", draft=True)
    assert result.document is not None and result.document.path == tmp_path / "bozza.docx"
    assert result.open_errors == len(result.report.errors) > 0


def test_export_document_output_rules(example: Path, tmp_path: Path) -> None:
    with pytest.raises(api.PwkitError, match=r"non ha l'estensione \.docx"):
        api.export_document(example, output=tmp_path / "documento.txt")
    (tmp_path / "esiste.docx").write_bytes(b"mio")
    with pytest.raises(api.OutputExistsError):
        api.export_document(example, output=tmp_path / "esiste.docx")
    assert (tmp_path / "esiste.docx").read_bytes() == b"mio"


# --- rules, schemas, report, upgrade ----------------------------------------------------------


def test_rules_are_listed_and_explained() -> None:
    assert [info.code for info in api.list_rules()][:2] == ["PW001", "PW002"]
    assert api.explain_rule("activity-dates").code == "PW301"
    with pytest.raises(api.PwkitError, match="La regola «PW999» non esiste"):
        api.explain_rule("PW999")


def test_write_schemas_never_overwrites_without_force(tmp_path: Path) -> None:
    written = api.write_schemas(tmp_path / "schemi")
    assert written and all(path.parent == tmp_path / "schemi" for path in written)
    json.loads(written[0].read_text(encoding="utf-8"))
    with pytest.raises(api.OutputExistsError):
        api.write_schemas(tmp_path / "schemi")
    assert api.write_schemas(tmp_path / "schemi", force=True) == written


def test_compare_projects_and_write_the_report(tmp_path: Path) -> None:
    output = tmp_path / "confronto.csv"
    api.vet_report_output(output)
    comparison = api.compare_projects([EXAMPLE.parent])
    assert len(comparison.projects) == 3
    assert api.write_report(comparison, output) == output
    assert output.read_text(encoding="utf-8-sig").count("\n") == 4
    with pytest.raises(api.OutputExistsError):
        api.vet_report_output(output)
    with pytest.raises(api.PwkitError, match=r"formato «\.txt»"):
        api.vet_report_output(tmp_path / "confronto.txt")


def test_upgrade_project_of_an_up_to_date_project(tmp_path: Path) -> None:
    api.init_project(tmp_path / "p", api.InitAnswers(provincia="MB"))
    result = api.upgrade_project(tmp_path / "p", dry_run=True)
    assert result.plan.up_to_date and not result.applied and result.backup is None


# --- the command line is a thin face on the API ---------------------------------------------


#: What ``cli.py`` may import: the command-line library, the API, the console, option types.
def test_importing_the_api_loads_no_heavy_module() -> None:
    code = "import sys, pwkit.api; print(sorted(m for m in {!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code.format((*HEAVY, "rich"))],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SRC.parent)},
    )
    assert out.stdout.strip() == "[]"
