"""Findings of one cause are grouped: one finding with the count and the rows; JSON keeps each."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pwkit.base.italian import line_list
from pwkit.check.pipeline import check_project
from tests.conftest import edit, run_cli

CSV = "dati/comuni.csv"


def _rieti(tmp_path: Path) -> Path:
    root = tmp_path / "rieti"
    run_cli("init", root, "--provincia", "Rieti", "--no-input")
    return root


def _strip_zeros(csv_file: Path) -> None:
    lines = csv_file.read_text(encoding="utf-8").split("\n")
    csv_file.write_text(
        "\n".join([lines[0], *(re.sub(r"^0+", "", line) for line in lines[1:])]),
        encoding="utf-8",
    )


def test_leading_zeros_lost_by_excel_are_one_finding_with_the_fix(tmp_path: Path) -> None:
    root = _rieti(tmp_path)
    _strip_zeros(root / CSV)
    out = run_cli("check", root, "-f", "json", code=1)
    [finding] = [d for d in json.loads(out.stdout)["diagnostics"] if d["code"] == "PW401"]
    assert "73 codici ISTAT hanno perso lo zero iniziale (righe 2–74)" in finding["message"]
    assert "«57001» (Accumoli) è 057001" in finding["message"]
    assert "Testo" in finding["hint"] and "Excel" in finding["hint"]
    assert (finding["file"], finding["line"]) == (CSV, 2)
    assert [(o["file"], o["line"]) for o in finding["occurrences"]] == [
        (CSV, line) for line in range(2, 75)
    ]


def test_text_report_says_it_once(tmp_path: Path) -> None:
    root = _rieti(tmp_path)
    _strip_zeros(root / CSV)
    out = run_cli("check", root, code=1)
    assert out.stdout.count("PW401") == 1
    assert "73 codici ISTAT" in out.stdout


def test_one_lost_zero_names_the_code_to_write(example: Path) -> None:
    progetto = example / "progetto.yaml"
    edit(progetto, "  sigla: VD\n", '  sigla: VD\n  codice_uts: "057"\n')
    (example / CSV).write_text(
        "codice_istat,comune,popolazione,dipendenti,ufficio_personale\n"
        "057001,Accumoli,540,6,no\n"
        "57002,Amatrice,2400,20,si\n",
        encoding="utf-8",
    )
    [finding] = [d for d in check_project(example).report if d.code == "PW401"]
    assert finding.location.line == 3
    assert "«57002»" in finding.message and "057002" in finding.message
    assert "zero iniziale" in finding.message


def test_an_extra_header_column_is_one_finding_at_the_header(example: Path) -> None:
    csv_file = example / CSV
    edit(csv_file, "fte_personale,unione\n", "fte_personale,unione,note\n")
    line = edit(csv_file, "990001,Valdoria,104180,646,", "990001,Valdoria,104180,64,")
    report = check_project(example).report
    found = [(d.code, d.location.file, d.location.line) for d in report]
    assert found == [("PW009", CSV, 1), ("PW402", CSV, line)], found
    [header] = [d for d in report if d.code == "PW009"]
    assert "«note»" in header.message and "82 righe" in header.message
    assert "solo l'intestazione" not in " ".join(d.message for d in report)


def test_rows_with_too_many_values_are_one_finding(example: Path) -> None:
    csv_file = example / CSV
    lines = csv_file.read_text(encoding="utf-8").split("\n")
    for index in (3, 5, 6):
        lines[index] += ",x"
    csv_file.write_text("\n".join(lines), encoding="utf-8")
    report = check_project(example).report
    [finding] = [d for d in report if d.code == "PW009"]
    assert finding.location.line == 4
    assert "3 righe" in finding.message and "righe 4, 6 e 7" in finding.message
    assert [o.line for o in finding.occurrences] == [4, 6, 7]


def test_the_same_mistake_in_many_cells_is_one_finding(example: Path) -> None:
    csv_file = example / CSV
    text = csv_file.read_text(encoding="utf-8")
    text = re.sub(r"^(99000[2-6],[^,]+,)(\d+)(\d{3}),", r'\1"\2.\3",', text, flags=re.M)
    csv_file.write_text(text, encoding="utf-8")
    report = check_project(example).report
    [finding] = [d for d in report if d.code == "PW009"]
    assert "5 righe" in finding.message and "«popolazione»" in finding.message
    assert "righe 3–7" in finding.message
    assert [o.line for o in finding.occurrences] == [3, 4, 5, 6, 7]
    assert "migliaia" in finding.hint


def test_json_has_the_occurrences_of_every_finding(example: Path) -> None:
    edit(example / "sezioni" / "06-servizi.md", "kpi: [K1, K2]", "kpi: [K1, K99]")
    out = run_cli("check", example, "-f", "json", code=1)
    [finding] = json.loads(out.stdout)["diagnostics"]
    assert finding["occurrences"] == [
        {"file": finding["file"], "line": finding["line"], "column": finding["column"]}
    ]


def test_lines_are_written_as_ranges() -> None:
    assert line_list([5]) == "riga 5"
    assert line_list([2, 3, 4]) == "righe 2–4"
    assert line_list([4, 6, 7]) == "righe 4, 6 e 7"
    assert line_list([2, 3, 9, 11, 12, 13]) == "righe 2, 3, 9 e 11–13"
    many = line_list(list(range(2, 200, 2)))
    assert many.startswith("righe 2, 4, 6") and many.endswith("e altre 91")
