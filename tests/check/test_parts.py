"""What parses is checked: a section with invalid values takes part in the rules with the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pwkit.check.pipeline import check_project
from tests.conftest import edit, line_of, run_cli

S = "sezioni/"
SERVIZI = S + "06-servizi.md"
SINTESI = S + "01-sintesi.md"
PIANO = S + "11-piano.md"
CSV = "dati/comuni.csv"


def _found(root: Path, section: int | None = None) -> set[tuple[str, str, int | None]]:
    report = check_project(root, section_number=section).report
    return {(d.code, d.location.file, d.location.line) for d in report}


def test_one_bad_value_does_not_hide_the_sections_other_findings(example: Path) -> None:
    servizi = example / SERVIZI
    edit(servizi, "avvio: 2027-01-11", "avvio: 11/01/2027")  # S2: not a date
    edit(servizi, "kpi: [K1, K2]", "kpi: [K1, K99]")  # S1: a KPI that does not exist
    edit(servizi, "base_giuridica: [DL80_3BIS,", "base_giuridica: [ALTRO, DL80_3BIS,")
    assert _found(example) == {
        ("PW006", SERVIZI, line_of(servizi, r"avvio: 11/01/2027")),
        ("PW202", SERVIZI, line_of(servizi, r"kpi: \[K1, K99\]")),
        ("PW511", SERVIZI, line_of(servizi, r"base_giuridica: \[ALTRO")),
    }


def test_what_was_left_out_causes_no_reference_cascade(example: Path) -> None:
    """S2 is left out: its references, the KPIs only it names and its priority say nothing."""
    servizi = example / SERVIZI
    edit(servizi, "priorita: 1\n    avvio: 2027-01-11", "priorita: prima\n    avvio: 2027-01-11")
    edit(example / S / "13-monitoraggio.md", "kpi:\n", "kpi:\n  - id: K1\n    nome: [x]\n")
    found = _found(example)
    assert {code for code, _, _ in found} == {"PW006"}, found


def test_a_placeholder_leaves_out_only_its_item(example: Path) -> None:
    servizi = example / SERVIZI
    old = "destinatari: Comuni aderenti alla convenzione quadro"
    edit(servizi, old, "destinatari: DA COMPILARE")
    edit(servizi, "kpi: [K1, K2]", "kpi: []")  # S1 without KPI: PW203
    found = _found(example)
    assert {(code, file) for code, file, _ in found} == {("PW101", SERVIZI), ("PW203", SERVIZI)}


def test_an_invalid_top_level_value_leaves_the_rest_of_the_section_in(example: Path) -> None:
    sintesi = example / SINTESI
    edit(sintesi, "data_avvio_servizio: 2026-11-02", "data_avvio_servizio: novembre")
    edit(sintesi, "kpi_chiave: [K1, K2, K4, K10]", "kpi_chiave: [K1, K2, K4, K77]")
    edit(sintesi, "comuni_target: 60", "comuni_target: 90")
    assert _found(example) == {
        ("PW006", SINTESI, line_of(sintesi, "^data_avvio_servizio:")),
        ("PW202", SINTESI, line_of(sintesi, "^kpi_chiave:")),
        ("PW403", SINTESI, line_of(sintesi, "^comuni_target:")),
    }


def test_an_invalid_title_page_value_leaves_the_rest_of_it_in(example: Path) -> None:
    progetto = example / "progetto.yaml"
    edit(progetto, 'titolo: "Valdoria Casa', 'titolo: [uno, due]\nx: "Valdoria Casa')
    edit(progetto, "  regione: Emilia-Romagna\n", "  regione: Emilia-Romagna\n  codice_uts: 1\n")
    edit(progetto, "data_redazione: 2026-04-20", "data_redazione: 2026-05-04")
    found = _found(example)
    assert ("PW306", "progetto.yaml", line_of(progetto, "^data_redazione:")) in found


def test_target_beyond_the_comuni_is_flagged_before_every_column_is_filled(
    example: Path,
) -> None:
    edit(example / SINTESI, "comuni_target: 60", "comuni_target: 90")
    csv_file = example / CSV
    line = edit(csv_file, "990002,Castel Dorena,43570,258,si,", "990002,Castel Dorena,,,,")
    found = _found(example)
    assert ("PW403", SINTESI, line_of(example / SINTESI, "^comuni_target:")) in found
    assert ("PW101", CSV, line) in found


def test_a_finding_made_before_a_rule_reaches_a_value_left_out_is_kept(example: Path) -> None:
    """PW403 on the target stays when the same rule then needs a survey figure left out."""
    sintesi, fabbisogni = example / SINTESI, example / S / "03-fabbisogni.md"
    edit(sintesi, "comuni_target: 60", "comuni_target: 90")
    line = edit(fabbisogni, "comuni_rispondenti: 64", "comuni_rispondenti: molti")
    for section in (None, 1):
        found = _found(example, section)
        assert ("PW403", SINTESI, line_of(sintesi, "^comuni_target:")) in found, section
    assert ("PW006", S + "03-fabbisogni.md", line) in _found(example)


def test_staff_ratio_is_checked_on_the_rows_that_have_both_numbers(example: Path) -> None:
    csv_file = example / CSV
    edit(csv_file, "990002,Castel Dorena,43570,258,si,", "990002,Castel Dorena,,258,si,")
    line = edit(csv_file, "990001,Valdoria,104180,646,", "990001,Valdoria,104180,64,")
    found = _found(example)
    assert ("PW402", CSV, line) in found


# --- --sezione N reports what the full check reports for that section ----------------------


def _mixed_errors(root: Path) -> None:
    """Errors of every kind in several sections, some within one section, some across."""
    servizi = root / SERVIZI
    edit(servizi, "avvio: 2027-01-11", "avvio: 11/01/2027")
    edit(servizi, "kpi: [K1, K2]", "kpi: [K1, K99]")
    edit(servizi, "priorita: 2\n    avvio: 2027-07-01", "priorita: 1\n    avvio: 2027-07-01")
    sintesi = root / SINTESI
    edit(sintesi, "comuni_target: 60", "comuni_target: 90")
    edit(sintesi, "kpi_chiave: [K1, K2, K4, K10]", "kpi_chiave: [K1, K2, K4, K77]")
    piano = root / PIANO
    edit(piano, "dipende_da: [A1]", "dipende_da: [A1, A99]")
    edit(root / CSV, "990002,Castel Dorena,43570,258,si,", "990002,Castel Dorena,,258,si,")
    edit(root / CSV, "990001,Valdoria,104180,646,", "990001,Valdoria,104180,64,")
    edit(root / S / "02-contesto.md", "    comuni: 13\n", "    comuni: tredici\n")
    edit(root / S / "03-fabbisogni.md", "comuni_interessati: 52", "comuni_interessati: 95")


@pytest.mark.parametrize(
    ("number", "files"),
    [
        (1, {SINTESI}),
        (2, {S + "02-contesto.md", CSV}),
        (6, {SERVIZI}),
        (11, {PIANO}),
        (3, {S + "03-fabbisogni.md"}),
    ],
)
def test_one_section_reports_what_the_full_check_reports_for_it(
    example: Path, number: int, files: set[str]
) -> None:
    _mixed_errors(example)
    full = check_project(example).report
    alone = check_project(example, section_number=number).report
    expected = [d for d in full if d.location.file in files]
    assert expected, "the mutation must give this section findings"
    assert list(alone) == expected
    assert alone.sections_total == 1


def test_section_option_of_the_cli_agrees_with_the_full_check(example: Path) -> None:
    _mixed_errors(example)
    full = json.loads(run_cli("check", example, "-f", "json", code=1).stdout)["diagnostics"]
    alone = json.loads(run_cli("check", example, "-f", "json", "--sezione", "6", code=1).stdout)[
        "diagnostics"
    ]
    assert alone == [d for d in full if d["file"] == SERVIZI]
    assert {d["code"] for d in alone} >= {"PW006", "PW202", "PW206"}


# --- whatever is left out, nothing is reported about it elsewhere --------------------------


def _files(root: Path) -> list[str]:
    return ["progetto.yaml", *sorted(f"{S}{p.name}" for p in (root / "sezioni").glob("*.md"))]


def _front_lines(text: str) -> tuple[list[str], int]:
    lines = text.split("\n")
    if lines[0] == "---":
        return lines, lines.index("---", 1)
    return lines, len(lines)


def _top_keys(lines: list[str], end: int) -> list[int]:
    return [i for i in range(end) if lines[i] and lines[i][0].isalpha() and ":" in lines[i]]


def test_a_whole_file_of_invalid_values_has_no_consequence_elsewhere(tmp_path: Path) -> None:
    """Every key of one file given an invalid value: findings only in that file, no crash."""
    from tests.conftest import EXAMPLE

    root = tmp_path / "p"
    import shutil

    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    for rel in _files(root):
        original = (root / rel).read_text(encoding="utf-8")
        lines, end = _front_lines(original)
        for index in _top_keys(lines, end):
            key = lines[index].split(":", 1)[0]
            if key != "modello":
                lines[index] = f"{key}: {{zz: 1}}"
        (root / rel).write_text("\n".join(lines), encoding="utf-8")
        report = check_project(root).report
        elsewhere = [f"{d.location} {d.code} {d.message}" for d in report if d.location.file != rel]
        assert elsewhere == [], rel
        assert report.errors, rel
        (root / rel).write_text(original, encoding="utf-8")


def test_a_first_item_left_out_has_no_consequence_elsewhere(tmp_path: Path) -> None:
    """The first item of every list of one file replaced by nonsense: nothing elsewhere."""
    from tests.conftest import EXAMPLE

    root = tmp_path / "p"
    import shutil

    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    for rel in _files(root):
        original = (root / rel).read_text(encoding="utf-8")
        lines, end = _front_lines(original)
        changed = False
        for index in _top_keys(lines, end):
            if index + 1 < end and lines[index + 1].startswith("  - "):
                lines[index + 1] = "  - {zz: 1}"
                following = index + 2
                while following < end and lines[following].startswith("    "):
                    lines[following] = ""
                    following += 1
                changed = True
        if not changed:
            continue
        (root / rel).write_text("\n".join(lines), encoding="utf-8")
        report = check_project(root).report
        elsewhere = [f"{d.location} {d.code} {d.message}" for d in report if d.location.file != rel]
        assert elsewhere == [], rel
        assert report.errors, rel
        (root / rel).write_text(original, encoding="utf-8")
