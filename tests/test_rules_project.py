"""Rules PW0xx–PW2xx on the whole project: each planted defect is found at its place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pwkit.checker import check_project
from pwkit.diagnostics import Severity
from tests.conftest import edit

S = "sezioni/"

# (file, old text, new text, expected code, expected line: regex found in the mutated file)
CASES = [
    ("progetto.yaml", "stato: consegnato", "stato: DA COMPILARE", "PW101", r"^stato:"),
    (
        S + "01-sintesi.md",
        "kpi_chiave: [K1, K2, K4, K10]",
        "kpi_chiave: []",
        "PW105",
        r"^kpi_chiave:",
    ),
    (
        S + "06-servizi.md",
        "    priorita: 1\n    avvio: 2026-11-02",
        "    priorità: 1\n    avvio: 2026-11-02",
        "PW005",
        r"^    priorità:",
    ),
    (
        S + "06-servizi.md",
        "area: selezioni_uniche",
        "area: selezione_unica",
        "PW006",
        r"selezione_unica",
    ),
    (S + "13-monitoraggio.md", "  - id: K2\n", "  - id: K1\n", "PW201", r"(?s)K1.*?(- id: K1)"),
    (S + "07-organizzazione.md", "  - id: RU7\n", "  - id: ru 7\n", "PW201", r"id: ru 7"),
    (S + "06-servizi.md", "kpi: [K1, K2]", "kpi: [K1, K99]", "PW202", r"K99"),
    (S + "06-servizi.md", "responsabile: RU2", "responsabile: S3", "PW202", r"responsabile: S3"),
    (S + "06-servizi.md", "kpi: [K5]", "kpi: []", "PW203", r"- id: S3"),
    (S + "06-servizi.md", "    responsabile: RU2\n", "", "PW203", r"- id: S1"),
    (
        S + "10-economia.md",
        "servizio: S1\n    modello: per_posto",
        "servizio: S2\n    modello: per_posto",
        "PW203",
        None,
    ),
    (S + "07-organizzazione.md", "servizi: [S4]\n", "servizi: []\n", "PW204", r"- id: RU5"),
    (S + "05-obiettivi.md", "kpi: [K5, K9]", "kpi: []", "PW205", r"- id: OS3"),
    (S + "05-obiettivi.md", "obiettivo: OS3", "obiettivo: OS4", "PW205", r"- id: OS3"),
    (
        S + "01-sintesi.md",
        "servizi_prioritari: [S1, S2]",
        "servizi_prioritari: [S1]",
        "PW206",
        None,
    ),
]


def _expected_line(root: Path, file: str, pattern: str) -> int:
    text = (root / file).read_text(encoding="utf-8")
    match = re.search(pattern, text, re.MULTILINE)
    assert match, pattern
    start = match.start(match.lastindex or 0)
    return text[:start].count("\n") + 1


def test_example_is_clean(example: Path) -> None:
    report = check_project(example).report
    assert [str(d.location) + " " + d.code for d in report] == []
    assert report.sections_complete == report.sections_total == 16


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "where"), CASES, ids=[f"{c[3]}-{i}" for i, c in enumerate(CASES)]
)
def test_planted_defect_is_found_at_its_line(
    example: Path, file: str, old: str, new: str, code: str, where: str | None
) -> None:
    edit(example / file, old, new)
    found = [d for d in check_project(example).report if d.code == code]
    assert found, f"{code} not reported"
    if where is not None:
        line = _expected_line(example, file, where)
        assert (file, line) in {(d.location.file, d.location.line) for d in found}, found


def test_pw203_missing_tariff_names_the_service(example: Path) -> None:
    edit(
        example / S / "10-economia.md",
        "servizio: S1\n    modello: per_posto",
        "servizio: S2\n    modello: per_posto",
    )
    [d] = [d for d in check_project(example).report if d.code == "PW203"]
    assert "S1" in d.message and "tariffa" in d.message
    assert (d.location.file, d.location.line) == (S + "06-servizi.md", 3)


def test_pw206_points_at_the_priority(example: Path) -> None:
    edit(example / S / "01-sintesi.md", "servizi_prioritari: [S1, S2]", "servizi_prioritari: [S1]")
    [d] = [d for d in check_project(example).report if d.code == "PW206"]
    assert d.severity is Severity.WARNING and "S2" in d.message
    assert d.location.file == S + "06-servizi.md"
    assert d.location.line == _expected_line(
        example, S + "06-servizi.md", r"(?s)- id: S2.*?(priorita: 1)"
    )


def test_broken_section_causes_no_reference_cascade(example: Path) -> None:
    edit(example / S / "13-monitoraggio.md", "kpi:\n", "kpi:\n  x: : y\n")
    codes = {d.code for d in check_project(example).report}
    assert "PW003" in codes
    assert not codes & {"PW202", "PW204", "PW206"}


def test_unknown_file_in_sezioni_is_pw008_warning(example: Path) -> None:
    (example / S / "17-appunti.md").write_text("note", encoding="utf-8")
    [d] = list(check_project(example).report)
    assert (d.code, d.severity, d.location.file) == ("PW008", Severity.WARNING, S + "17-appunti.md")


def test_not_utf8_section_is_pw002_and_others_still_checked(example: Path) -> None:
    path = example / S / "14-rete.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    edit(example / S / "06-servizi.md", "kpi: [K1, K2]", "kpi: [K1, K99]")
    codes = {(d.code, d.location.file) for d in check_project(example).report}
    assert ("PW002", S + "14-rete.md") in codes
    assert ("PW202", S + "06-servizi.md") in codes


def test_csv_thousands_separator_is_pw009_at_row_and_column(example: Path) -> None:
    line = edit(
        example / "dati" / "comuni.csv",
        "990002,Castel Dorena,43570,",
        '990002,Castel Dorena,"43.570",',
    )
    [d] = [d for d in check_project(example).report if d.code == "PW009"]
    assert (d.location.line, d.location.column) == (line, 22)
    assert "Castel Dorena" in d.message and "migliaia" in d.hint


def test_csv_from_italian_excel_is_accepted(example: Path) -> None:
    path = example / "dati" / "comuni.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    converted = [r.replace(",", ";") for r in rows]
    converted = [re.sub(r";(\d+)\.(\d+);", r";\1,\2;", r) for r in converted]
    path.write_bytes(("\ufeff" + "\r\n".join(converted) + "\r\n").encode("utf-8"))
    assert list(check_project(example).report) == []


def test_csv_missing_column_is_pw009_at_header(example: Path) -> None:
    path = example / "dati" / "comuni.csv"
    text = path.read_text(encoding="utf-8").replace("dipendenti,", "dip,", 1)
    path.write_text(text, encoding="utf-8")
    [d] = [d for d in check_project(example).report if d.code == "PW009"]
    assert d.location.line == 1 and "dipendenti" in d.message


def test_annex_outside_the_project_is_pw010(example: Path) -> None:
    text = (example / "progetto.yaml").read_text(encoding="utf-8")
    text += (
        "allegati:\n  - titolo: Schema\n    file: ../../fuori.pdf\n"
        "  - titolo: Manca\n    file: allegati/manca.pdf\n"
    )
    (example / "progetto.yaml").write_text(text, encoding="utf-8")
    found = [d for d in check_project(example).report if d.code == "PW010"]
    lines = text.split("\n")
    assert [(d.location.line, "fuori" in d.message) for d in found] == [
        (lines.index("    file: ../../fuori.pdf") + 1, True),
        (lines.index("    file: allegati/manca.pdf") + 1, False),
    ]


def test_section_filter_runs_only_that_sections_rules(example: Path) -> None:
    edit(example / S / "06-servizi.md", "kpi: [K1, K2]", "kpi: [K1, K99]")
    edit(example / S / "08-governance.md", "durata_anni:", "durata_anni: : x\nvecchia:")
    report = check_project(example, section_number=8).report
    assert {d.code for d in report} == {"PW003"}
    assert report.sections_total == 1


def test_older_template_version_is_pw011_at_the_pin(example: Path) -> None:
    edit(example / "progetto.yaml", "@1.0.0", "@0.9.0")
    [d] = list(check_project(example).report)
    assert (d.code, d.severity, d.location.file, d.location.line) == (
        "PW011",
        Severity.WARNING,
        "progetto.yaml",
        1,
    )
