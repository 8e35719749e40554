from __future__ import annotations

from pathlib import Path

from pwkit.diagnostics import Diagnostic
from pwkit.loader import parse_yaml, read_csv, read_section, read_text


def _section(tmp_path: Path, text: str | bytes) -> tuple[object, list[Diagnostic]]:
    path = tmp_path / "s.md"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    findings: list[Diagnostic] = []
    return read_section(tmp_path, "s.md", findings), findings


def test_source_map_positions_of_keys_values_and_items() -> None:
    findings: list[Diagnostic] = []
    text = "servizi:\n  - id: S1\n    kpi: [K1, K2]\n  - id: S2\n    avvio: 2026-10-01\n"
    doc = parse_yaml("x.md", text, 1, findings)
    assert doc is not None and not findings
    # Dates stay text here: the schemas read them (so 2026-13-01 is a finding, not a crash).
    assert doc.data["servizi"][1]["avvio"] == "2026-10-01"
    src = doc.source
    assert src.keys[("servizi",)] == (2, 1)
    assert src.values[("servizi", 0)] == (3, 5)
    assert src.values[("servizi", 0, "kpi", 1)] == (4, 15)
    assert src.keys[("servizi", 1, "avvio")] == (6, 5)
    assert str(src.locate(("servizi", 1, "avvio"))) == "x.md:6:12"
    # A path deeper than the data falls back to the nearest known entry.
    assert str(src.locate(("servizi", 1, "avvio", "float"))) == "x.md:6:12"


def test_front_matter_and_body_lines(tmp_path: Path) -> None:
    section, findings = _section(tmp_path, "---\na: 1\n---\n## Titolo\n\nTesto.\n")
    assert not findings
    assert section.front.data == {"a": 1}  # type: ignore[attr-defined]
    body = section.body  # type: ignore[attr-defined]
    assert body.first_line == 4
    heading = body.tokens[0]
    assert heading.type == "heading_open" and body.first_line + heading.map[0] == 4


def test_bom_and_crlf_are_accepted_silently(tmp_path: Path) -> None:
    section, findings = _section(tmp_path, "\ufeff---\r\na: 1\r\n---\r\nTesto.\r\n".encode())
    assert not findings
    assert section.front.data == {"a": 1}  # type: ignore[attr-defined]


def test_not_utf8_gives_pw002_with_line_and_column(tmp_path: Path) -> None:
    _, findings = _section(tmp_path, "---\na: 1\n---\nCittà\n".encode("cp1252"))
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("PW002", 4, 5)]
    assert "UTF-8" in findings[0].hint


def test_missing_and_unclosed_front_matter_give_pw004(tmp_path: Path) -> None:
    _, missing = _section(tmp_path, "Solo testo.\n")
    _, unclosed = _section(tmp_path, "---\na: 1\nTesto.\n")
    assert [str(f.location) + " " + f.code for f in missing] == ["s.md:1:1 PW004"]
    assert [str(f.location) + " " + f.code for f in unclosed] == ["s.md:1:1 PW004"]
    assert "non è chiusa" in unclosed[0].message


def test_yaml_syntax_error_gives_pw003_in_italian_at_file_line(tmp_path: Path) -> None:
    section, findings = _section(tmp_path, "---\na: 1\nb: x: y\n---\nTesto.\n")
    assert [(f.code, f.location.line) for f in findings] == [("PW003", 3)]
    assert "due punti" in findings[0].message
    assert section.body is not None  # the prose is still checked


def test_duplicate_key_is_pw003(tmp_path: Path) -> None:
    _, findings = _section(tmp_path, "---\na: 1\na: 2\n---\nTesto.\n")
    assert [(f.code, f.location.line) for f in findings] == [("PW003", 3)]
    assert "ripetuta" in findings[0].message


def test_control_characters_are_pw007_at_their_column(tmp_path: Path) -> None:
    _, findings = _section(tmp_path, "---\na: 1\n---\nUno\x0bdue e \x0c.\n")
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [
        ("PW007", 4, 4),
        ("PW007", 4, 11),
    ]


def test_missing_file_is_pw001_without_line(tmp_path: Path) -> None:
    findings: list[Diagnostic] = []
    assert read_text(tmp_path, "nope.md", findings) is None
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [
        ("PW001", "nope.md", None)
    ]


def test_csv_semicolon_dialect_and_row_lines(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(
        'codice_istat;comune;fte_personale\n001;"Uno\ndue";1,5\n002;Tre;\n', encoding="utf-8"
    )
    findings: list[Diagnostic] = []
    table = read_csv(tmp_path, "c.csv", findings)
    assert table is not None and not findings
    assert table.decimal_comma
    assert [r.line for r in table.rows] == [2, 4]
    assert table.rows[0].values["comune"] == "Uno\ndue"


def test_csv_wrong_column_count_is_pw009(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("a,b\n1,2\n1,2,3\n", encoding="utf-8")
    findings: list[Diagnostic] = []
    read_csv(tmp_path, "c.csv", findings)
    assert [(f.code, f.location.line) for f in findings] == [("PW009", 3)]
