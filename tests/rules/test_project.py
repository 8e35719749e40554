"""Checks on the whole project beyond the rule cases in ``tests/data/rules``."""

from __future__ import annotations

import re
from pathlib import Path

from pwkit.check.pipeline import check_project
from tests.conftest import edit

S = "sezioni/"


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


def test_broken_section_causes_no_reference_cascade(example: Path) -> None:
    edit(example / S / "13-monitoraggio.md", "kpi:\n", "kpi:\n  x: : y\n")
    codes = {d.code for d in check_project(example).report}
    assert "PW003" in codes
    assert not codes & {"PW202", "PW204", "PW206"}


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


def test_ten_planted_defects_yield_exactly_ten_findings(example: Path) -> None:
    """One defect per family at least; nothing else may be reported."""
    from tests.rules.test_cases import apply_edits, expected_line

    s, csv = "sezioni/", "dati/comuni.csv"
    defects = [  # (file, old, new, code, line pattern in the mutated file)
        (
            s + "08-governance.md",
            "durata_anni: 5",
            "durata_anni: 5: anni",
            "PW003",
            r"^durata_anni:",
        ),
        (
            s + "16-sostenibilita.md",
            "elementi_trasferibili:",
            "nota: x\nelementi_trasferibili:",
            "PW005",
            r"^nota:",
        ),
        (s + "14-rete.md", "\n---\n", "\n---\nRiga\vincollata.\n\n", "PW007", r"^Riga"),
        (
            s + "15-competenze.md",
            "\n---\n",
            "\n---\n[[DA COMPILARE: dettagli]]\n\n",
            "PW101",
            r"^\[\[DA COMPILARE",
        ),
        (s + "06-servizi.md", "kpi: [K1, K2]", "kpi: [K1, K99]", "PW202", r"K99"),
        (s + "05-obiettivi.md", "kpi: [K5, K9]", "kpi: []", "PW205", r"- id: OS3"),
        (
            "progetto.yaml",
            "data_redazione: 2026-04-20",
            "data_redazione: 2026-05-04",
            "PW306",
            r"^data_redazione:",
        ),
        (csv, "990001,Valdoria,104180,646,", "990001,Valdoria,104180,64,", "PW402", r"^990001,"),
        (
            s + "04-buone-pratiche.md",
            "livello_obiettivo: 4",
            "livello_obiettivo: 1",
            "PW409",
            r"^livello_obiettivo:",
        ),
        (
            s + "06-servizi.md",
            "base_giuridica: [DLGS165_55BIS, TUEL_30]",
            "base_giuridica: [DLGS165_55BIS, TUEL_30, ALTRO]",
            "PW511",
            r"ALTRO\]",
        ),
    ]
    assert len({d[3][:3] for d in defects}) == 6  # every family PW0…PW5
    apply_edits(
        example, [{"file": f, "replace": old, "with": new} for f, old, new, _, _ in defects]
    )
    expected = sorted(
        (code, file, expected_line(example, file, {"find": where}))
        for file, _, _, code, where in defects
    )
    found = sorted(
        (d.code, d.location.file, d.location.line) for d in check_project(example).report
    )
    assert found == expected


def test_joining_comuni_must_be_as_many_as_the_target(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    root = tmp_path / "montalto"
    shutil.copytree(REPO / "examples" / "provincia-di-montalto", root)
    assert list(check_project(root).report) == []  # 30 Comuni «si», comuni_target: 30
    csv_file = root / "dati" / "comuni.csv"
    edit(csv_file, ",si\n", ",SÌ\n")  # spreadsheets' capitals and accents are read as «si»
    assert list(check_project(root).report) == []
    edit(csv_file, ",SÌ\n", ",no\n")
    (finding,) = check_project(root).report
    assert finding.code == "PW410" and finding.severity.value == "avviso"
    assert "29 Comuni" in finding.message and "30 Comuni target" in finding.message
    assert finding.location.file == S + "01-sintesi.md"
    assert finding.location.line == _expected_line(root, S + "01-sintesi.md", r"^comuni_target:")


def test_without_the_joining_column_there_is_no_joining_check(example: Path) -> None:
    assert "aderente" not in (example / "dati" / "comuni.csv").read_text(encoding="utf-8")
    assert "PW410" not in {d.code for d in check_project(example).report}


def test_a_late_delivery_is_an_error_once_delivered_and_a_warning_before(example: Path) -> None:
    piano = example / S / "11-piano.md"
    old = "    nome: Consegna del Project Work\n    data: 2026-04-30"
    edit(piano, old, "    nome: Consegna del Project Work\n    data: 2026-05-15")
    (delivered,) = check_project(example).report
    assert (delivered.code, delivered.severity.value) == ("PW306", "errore")
    assert "30 aprile 2026" in delivered.message and "consegnato" in delivered.message
    assert "va consegnato entro il 30 aprile 2026:" in delivered.hint
    edit(example / "progetto.yaml", "stato: consegnato", "stato: bozza")
    (draft,) = check_project(example).report
    assert (draft.code, draft.severity.value) == ("PW306", "avviso")
    assert draft.location == delivered.location


def test_a_second_check_in_one_process_reads_the_ids_as_they_are_now(example: Path) -> None:
    # What the rules derive once per check (the id index) is the check's own: an editor that
    # checks after every save must not read the ids of an earlier check.
    assert not check_project(example).report.errors
    edit(example / S / "07-organizzazione.md", "  - id: RU1\n", "  - id: RU91\n")
    unknown = [
        f"{d.location.file}:{d.location.line}"
        for d in check_project(example).report
        if d.code == "PW202" and "«RU1»" in d.message
    ]
    line = _expected_line(example, S + "12-rischi.md", r"responsabile: (RU1)$")
    assert f"{S}12-rischi.md:{line}" in unknown
    assert len(unknown) == 10, unknown
