"""The columns of the Comuni CSV come from the model, and its default path from one place."""

from __future__ import annotations

from pathlib import Path

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.projectdir import COMUNI_FILE
from pwkit.load.csvfile import read_csv
from pwkit.model.analisi import Comune, Contesto, comuni_columns
from pwkit.model.project import Project
from pwkit.pack.manifest import bundled_manifest
from pwkit.pack.registry import bundled_pack
from pwkit.validate.rows import validate_rows
from tests.conftest import run_cli


def test_required_columns_are_the_required_fields_of_a_comune() -> None:
    assert comuni_columns(required=True) == [
        "codice_istat",
        "comune",
        "popolazione",
        "dipendenti",
        "ufficio_personale",
    ]
    assert set(comuni_columns(required=True)) <= set(comuni_columns()) <= set(Comune.model_fields)


def test_a_new_project_has_the_columns_of_a_new_comuni_file(tmp_path: Path) -> None:
    run_cli("init", tmp_path / "p", "--provincia", "Rieti", "--titolo", "Prova")
    header = (tmp_path / "p" / COMUNI_FILE).read_text(encoding="utf-8").split("\n", 1)[0]
    assert header.split(",") == comuni_columns()


def test_a_header_without_a_required_column_names_it(tmp_path: Path) -> None:
    for missing in comuni_columns(required=True):
        columns = [c for c in comuni_columns() if c != missing]
        (tmp_path / "c.csv").write_text(",".join(columns) + "\n", encoding="utf-8")
        findings: list[Diagnostic] = []
        table = read_csv(tmp_path, "c.csv", findings)
        assert table is not None
        rows = validate_rows(
            table, Comune, comuni_columns(required=True), findings, row_label=lambda v: "?"
        )
        assert rows is None
        assert f"mancano le colonne: {missing}." in findings[-1].message


def test_the_default_comuni_file_is_the_same_everywhere() -> None:
    assert bundled_manifest(bundled_pack()).comuni_file == COMUNI_FILE
    assert Contesto.model_fields["comuni_file"].default == COMUNI_FILE
    assert Project._field_defaults["comuni_file"] == COMUNI_FILE
