from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from pwkit.checker import check_project
from pwkit.errors import PwkitError
from pwkit.scaffold import InitAnswers, init_project
from pwkit.templates import bundled_pack
from tests.conftest import run_cli

NOT_YET_FILLED = {"PW101", "PW103", "PW105", "PW106"}


def test_init_real_province_prefills_its_comuni(tmp_path: Path) -> None:
    target = tmp_path / "prova-mb"
    out = run_cli("init", target, "--provincia", "MB", "--no-input")
    assert "55 Comuni" in out.stdout
    with (target / "dati" / "comuni.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 55
    assert {r["comune"] for r in rows} >= {"Monza", "Vimercate", "Desio"}
    assert all(len(r["codice_istat"]) == 6 for r in rows)
    progetto = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Monza e della Brianza" in progetto and '"108"' in progetto


def test_fresh_project_has_only_not_yet_filled_findings(fresh: Path) -> None:
    report = check_project(fresh).report
    codes = {d.code for d in report}
    assert report.errors
    assert codes <= NOT_YET_FILLED, codes - NOT_YET_FILLED
    # Every section asks to be written.
    assert {d.location.file for d in report if d.code == "PW103"} == {
        f"sezioni/{p.name}" for p in (fresh / "sezioni").iterdir()
    }


def test_check_of_fresh_project_exits_1(fresh: Path) -> None:
    out = run_cli("check", fresh, code=1)
    assert "PW101" in out.stdout


@pytest.mark.parametrize("name", ["monza e della brianza", "Monza  e della BRIANZA", "mb"])
def test_province_name_forgives_case_and_spaces(tmp_path: Path, name: str) -> None:
    result = init_project(tmp_path / "p", InitAnswers(provincia=name))
    assert result.provincia is not None and result.provincia.sigla == "MB"


def test_accents_are_forgiven(tmp_path: Path) -> None:
    result = init_project(tmp_path / "p", InitAnswers(provincia="forli-cesena"))
    assert result.provincia is not None and result.provincia.sigla == "FC"


def test_unknown_province_is_accepted_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "valdoria"
    out = run_cli("init", target, "--provincia", "Valdoria", "--no-input")
    assert "non è una Provincia dell'elenco ISTAT" in out.stderr
    assert (target / "dati" / "comuni.csv").read_text(encoding="utf-8").count("\n") == 1
    codes = {d.code for d in check_project(target).report}
    assert codes <= NOT_YET_FILLED


def test_options_fill_the_title_page(tmp_path: Path) -> None:
    target = tmp_path / "p"
    init_project(
        target,
        InitAnswers("MB", "Centro servizi «Persone»: il piano", "Anna Rossi", "a.rossi@prov.it"),
        today=dt.date(2026, 2, 10),
    )
    text = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Anna Rossi" in text and "a.rossi@prov.it" in text and "2026-02-10" in text
    report = check_project(target).report
    assert not [d for d in report if d.location.file == "progetto.yaml" and d.code != "PW101"]


def test_refuses_a_non_empty_folder_and_touches_nothing(tmp_path: Path) -> None:
    target = tmp_path / "occupata"
    target.mkdir()
    (target / "appunti.txt").write_text("mio", encoding="utf-8")
    out = run_cli("init", target, "--no-input", code=2)
    assert "non è vuota" in out.stderr
    assert [p.name for p in target.iterdir()] == ["appunti.txt"]
    assert (target / "appunti.txt").read_text(encoding="utf-8") == "mio"


def test_failure_midway_removes_only_what_init_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nuova"
    calls = {"n": 0}
    import pwkit.scaffold as scaffold

    real = scaffold._write_new

    def failing(root: Path, rel: str, text: str) -> list[Path]:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disco pieno")
        return real(root, rel, text)

    monkeypatch.setattr(scaffold, "_write_new", failing)
    with pytest.raises(OSError):
        init_project(target, InitAnswers(provincia="MB"))
    assert not target.exists()

    existing = tmp_path / "vuota"
    existing.mkdir()
    calls["n"] = 0
    with pytest.raises(OSError):
        init_project(existing, InitAnswers(provincia="MB"))
    assert existing.is_dir() and not any(existing.iterdir())


def test_bundled_template_is_found_from_the_source_tree() -> None:
    pack = bundled_pack()
    assert (pack / "manifest.yaml").is_file()


def test_unknown_template_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PwkitError, match=r"manifest\.yaml"):
        init_project(tmp_path / "p", InitAnswers(), template=tmp_path)


def test_state_records_template_and_base(fresh: Path) -> None:
    state = (fresh / ".pwkit" / "modello.json").read_text(encoding="utf-8")
    assert '"province-comuni-personale"' in state and '"1.0.0"' in state
    assert (fresh / ".pwkit" / "base" / "sezioni" / "06-servizi.md").read_text(
        encoding="utf-8"
    ) == (fresh / "sezioni" / "06-servizi.md").read_text(encoding="utf-8")


def test_terminal_questions_and_closest_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import pwkit.cli

    monkeypatch.setattr(pwkit.cli, "_interactive", lambda: True)
    target = tmp_path / "p"
    result = CliRunner().invoke(
        pwkit.cli.app, ["init", str(target)], input="monza brianza\nIl piano\n\n\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "Intendevi «Monza e della Brianza»?" in result.output
    text = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Il piano" in text and "Monza e della Brianza" in text
