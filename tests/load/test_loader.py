from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pwkit.base.diagnostics import Diagnostic, Severity
from pwkit.load.csvfile import read_csv
from pwkit.load.section import read_section
from pwkit.load.text import MAX_FILE_BYTES, read_text
from pwkit.load.yamlfile import MAX_YAML_CHARS, parse_yaml


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


def test_cp1252_is_read_with_a_pw002_warning_at_the_first_odd_byte(tmp_path: Path) -> None:
    section, findings = _section(tmp_path, "---\na: Perché\n---\nCittà\n".encode("cp1252"))
    assert [(f.code, f.severity, f.location.line, f.location.column) for f in findings] == [
        ("PW002", Severity.WARNING, 2, 9)
    ]
    assert "Windows-1252" in findings[0].message and "UTF-8" in findings[0].hint
    assert section.front.data == {"a": "Perché"}  # type: ignore[attr-defined]
    assert section.body.text == "Città\n"  # type: ignore[attr-defined]


def test_utf16_with_bom_is_read_with_a_pw002_warning(tmp_path: Path) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff---\r\na: Città\r\n---\r\nTesto.\r\n".encode(encoding)
        section, findings = _section(tmp_path, bom)
        assert [(f.code, f.severity) for f in findings] == [("PW002", Severity.WARNING)]
        assert "UTF-16" in findings[0].message
        assert section.front.data == {"a": "Città"}  # type: ignore[attr-defined]


def test_binary_and_undecodable_files_are_pw002_errors_and_not_read(tmp_path: Path) -> None:
    cases = {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "zip": b"PK\x03\x04\x14\x00---\n",
        "pdf": b"%PDF-1.7\n---\n",
        "nul-heavy": "---\na: 1\n---\n".encode("utf-16-le"),
        "nul-and-latin": b"---\na: 1\n---\nCitt\xe0\x00\n",
        "undefined-in-cp1252": b"---\na: 1\n---\nCitt\x81\n",
    }
    for name, raw in cases.items():
        section, findings = _section(tmp_path, raw)
        assert [(f.code, f.severity) for f in findings] == [("PW002", Severity.ERROR)], name
        assert section.text is None and section.front is None, name  # type: ignore[attr-defined]
    _, findings = _section(tmp_path, b"\x89PNG\r\n\x1a\n")
    assert "non è un testo" in findings[0].message


def test_a_few_nul_bytes_in_utf8_text_are_pw007_not_binary(tmp_path: Path) -> None:
    section, findings = _section(tmp_path, "---\na: 1\n---\nTesto\x00lungo abbastanza.\n")
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("PW007", 4, 6)]
    assert section.body.text == "Testo lungo abbastanza.\n"  # type: ignore[attr-defined]


def test_lone_cr_and_mixed_line_ends_become_lf(tmp_path: Path) -> None:
    section, findings = _section(tmp_path, "---\ra: 1\r\nb: 2\n---\rTesto.\r")
    assert not findings
    assert section.front.data == {"a": 1, "b": 2}  # type: ignore[attr-defined]
    assert section.body.text == "Testo.\n" and section.body.first_line == 5  # type: ignore[attr-defined]


def test_files_over_the_size_limit_are_not_read(tmp_path: Path) -> None:
    raw = b"---\na: 1\n---\n" + b"x" * (MAX_FILE_BYTES + 1)
    section, findings = _section(tmp_path, raw)
    assert [(f.code, f.severity) for f in findings] == [("PW002", Severity.ERROR)]
    assert "troppo grande" in findings[0].message and section.text is None  # type: ignore[attr-defined]


def test_symlink_leaving_the_project_is_pw010_and_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "fuori.md"
    outside.write_text("---\na: 1\n---\nSegreto.\n", encoding="utf-8")
    root = tmp_path / "progetto"
    root.mkdir()
    (root / "s.md").symlink_to(outside)
    (root / "loop.md").symlink_to("loop.md")
    (root / "ok.md").symlink_to(root / "vero.md")
    (root / "vero.md").write_text("---\na: 1\n---\n", encoding="utf-8")
    for rel in ("s.md", "loop.md"):
        findings: list[Diagnostic] = []
        assert read_text(root, rel, findings) is None
        assert [(f.code, f.location.file) for f in findings] == [("PW010", rel)]
    findings = []
    loaded = read_text(root, "ok.md", findings)
    assert loaded is not None and not findings


def test_unsafe_yaml_is_pw003_before_anything_is_built(tmp_path: Path) -> None:
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    cases = {
        "alias": (laughs, 2, "«&»"),
        "python tag": ("a: 1\nb: !!python/object/apply:os.system [touch pwned]\n", 3, "etichetta"),
        "local tag": ("a: !custom 1\n", 2, "etichetta"),
        "flow depth": ("a: " + "[" * 5000 + "]" * 5000 + "\n", 2, "annidati"),
        "block depth": ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(60)), 53, "annidati"),
        "two documents": ("a: 1\n...\nb: 2\n", 4, "più documenti"),
    }
    for name, (text, line, fragment) in cases.items():
        findings: list[Diagnostic] = []
        assert parse_yaml("x.md", text, 1, findings) is None, name
        assert [f.code for f in findings] == ["PW003"], name
        assert fragment in findings[0].message, name
        assert findings[0].location.line == line, (name, findings[0].location)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    findings = []
    assert parse_yaml("x.md", "a: !!str 1\nb: !!int 2\nc: 2026-01-01\n", 1, findings)
    assert not findings


def test_yaml_too_large_or_numbers_out_of_range(tmp_path: Path) -> None:
    findings: list[Diagnostic] = []
    assert parse_yaml("x.md", "# " + "x" * MAX_YAML_CHARS + "\n", 1, findings) is None
    assert [f.code for f in findings] == ["PW003"] and "troppo grandi" in findings[0].message
    for value in ("9" * 30, ".nan", "-.inf", "1e400"):
        findings = []
        assert parse_yaml("x.md", f"a:\n  b: {value}\n", 1, findings) is None, value
        assert [(f.code, f.location.line, f.location.column) for f in findings] == [
            ("PW006", 3, 6)
        ], value
    findings = []
    doc = parse_yaml("x.md", "a: 1000000000000000\nb: -2.5\nc: true\n", 1, findings)
    assert doc is not None and not findings


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


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "coda.md")
    findings: list[Diagnostic] = []
    assert read_text(tmp_path, "coda.md", findings) is None
    assert [(f.code, f.severity) for f in findings] == [("PW002", Severity.ERROR)]


# --- typographic quotes (Word turns "…" into “…”) ------------------------------------------


def _yaml(text: str) -> tuple[Any, list[Diagnostic]]:
    findings: list[Diagnostic] = []
    doc = parse_yaml("p.yaml", text, 0, findings)
    return doc, findings


@pytest.mark.parametrize(
    ("typed", "value", "straight"),
    [
        ("“Funzionaria: ufficio concorsi”", "Funzionaria: ufficio concorsi",
         '"Funzionaria: ufficio concorsi"'),
        ("‘Funzionaria: ufficio concorsi’", "Funzionaria: ufficio concorsi",
         '"Funzionaria: ufficio concorsi"'),
        ("”Funzionaria: ufficio concorsi”", "Funzionaria: ufficio concorsi",
         '"Funzionaria: ufficio concorsi"'),
        ("„Funzionaria: ufficio concorsi“", "Funzionaria: ufficio concorsi",
         '"Funzionaria: ufficio concorsi"'),
        ("“Funzionaria dell'ufficio: concorsi”", "Funzionaria dell'ufficio: concorsi",
         "\"Funzionaria dell'ufficio: concorsi\""),
        ('“Il "centro": servizi”', 'Il "centro": servizi', "'Il \"centro\": servizi'"),
        ("“C:\\dati: archivio”", "C:\\dati: archivio", "'C:\\dati: archivio'"),
        ("“Progetto #1”", "Progetto #1", '"Progetto #1"'),
        ("“Funzionaria: ufficio concorsi”  # nota", "Funzionaria: ufficio concorsi",
         '"Funzionaria: ufficio concorsi"'),
    ],
)  # fmt: skip
def test_a_value_in_typographic_quotes_is_read_as_quoted_with_a_warning(
    typed: str, value: str, straight: str
) -> None:
    text = f"titolo: {typed}\nversione: 2\n"
    doc, findings = _yaml(text)
    assert doc is not None and doc.data == {"titolo": value, "versione": 2}
    [warning] = findings
    assert (warning.code, warning.severity) == ("PW003", Severity.WARNING)
    assert (warning.location.line, warning.location.column) == (1, 9)
    assert "virgolette tipografiche" in warning.message
    assert 'Usa le virgolette dritte "…"' in warning.hint
    assert f"titolo: {straight}" in warning.hint
    # Positions are those of the text as typed: nothing moved.
    reference, _ = _yaml(f"titolo: {straight}{' ' * (len(typed) - len(straight))}\nversione: 2\n")
    assert doc.source.values == reference.source.values
    assert doc.source.keys == reference.source.keys


@pytest.mark.parametrize("typed", ['"Funzionaria: ufficio concorsi”', "'Funzionaria: ufficio’"])
def test_a_straight_quote_closed_by_a_typographic_one_is_found_on_its_own_line(
    typed: str,
) -> None:
    """Word retyped only the closing quote: YAML reads on to the next straight quote and
    stumbles lines later; the value is read as meant, and the warning is on its line."""
    text = f"ente: Provincia\ntitolo: {typed}\nversione: 2\nnumero: \"41\"\nnote: 'x'\n"
    doc, findings = _yaml(text)
    assert doc is not None and doc.data["titolo"] == typed[1:-1]
    assert doc.data["numero"] == "41" and doc.data["versione"] == 2
    [warning] = findings
    assert (warning.code, warning.severity, warning.location.line) == (
        "PW003",
        Severity.WARNING,
        2,
    )
    assert "virgolette tipografiche" in warning.message


def test_a_list_item_in_typographic_quotes_is_one_text_not_a_mapping() -> None:
    doc, findings = _yaml("funzioni:\n  - “Selezioni: concorsi”\n  - Paghe\n")
    assert doc is not None and doc.data == {"funzioni": ["Selezioni: concorsi", "Paghe"]}
    assert [(f.code, f.severity, f.location.line, f.location.column) for f in findings] == [
        ("PW003", Severity.WARNING, 2, 5)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "titolo: Il progetto “Comuni in rete”\n",
        "titolo: “Comuni in rete”\n",
        "titolo: «Comuni in rete»\n",
        "titolo: “Comuni” in rete\n",
        "descrizione: |\n  “Funzionaria: ufficio concorsi”\n  “Progetto #1”\n",
        'nome: "“Funzionaria: ufficio”"\n',
    ],
)
def test_typographic_quotes_that_yaml_reads_as_text_stay_as_typed(text: str) -> None:
    import yaml

    doc, findings = _yaml(text)
    assert findings == []
    assert doc is not None and doc.data == yaml.safe_load(text)


def test_quotes_that_cannot_be_replaced_exactly_give_an_error_with_the_line_to_write() -> None:
    doc, findings = _yaml('a: 1\ntitolo: “Il "centro" dell\'ufficio: servizi”\n')
    assert doc is None
    [error] = findings
    assert (error.code, error.severity, error.location.line) == ("PW003", Severity.ERROR, 2)
    assert "virgolette tipografiche" in error.message
    assert "titolo: 'Il \"centro\" dell''ufficio: servizi'" in error.hint


def test_guillemets_are_text_and_the_error_says_both_ways_to_write_them() -> None:
    doc, findings = _yaml("titolo: «Progetto: Comuni in rete»\n")
    assert doc is None
    [error] = findings
    assert (error.code, error.location.line) == ("PW003", 1)
    assert 'titolo: "Progetto: Comuni in rete"' in error.hint
    assert 'titolo: "«Progetto: Comuni in rete»"' in error.hint


def test_every_typographic_value_is_read_and_a_real_error_is_still_reported() -> None:
    text = "titolo: “A: b”\nsottotitolo: ‘C: d’\nnote:\n\t- x\n"
    doc, findings = _yaml(text)
    assert doc is None
    assert [(f.code, f.severity, f.location.line) for f in findings] == [
        ("PW003", Severity.WARNING, 1),
        ("PW003", Severity.WARNING, 2),
        ("PW003", Severity.ERROR, 4),
    ]
    assert "tabulazione" in findings[2].message
