"""Saving from the editor on unusual files, and the check after a save re-reading one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pwkit import api
from pwkit.api.editing import ConflictError, Workspace, pasted_rows
from pwkit.base.errors import PwkitError
from pwkit.check import pipeline
from pwkit.edit.fields import posted_values
from pwkit.edit.files import UNDO_DIR
from pwkit.load import section as section_module

SERVIZI = "sezioni/06-servizi.md"


@pytest.fixture
def workspace(example: Path) -> Workspace:
    return api.open_workspace(example)


def test_a_save_re_reads_only_the_saved_file(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = section_module.read_section

    def counting(root: Path, rel: str, findings: list[object]) -> object:
        seen.append(rel)
        return real(root, rel, findings)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "read_section", counting)
    form = workspace.section_form("servizi")
    seen.clear()
    values = posted_values(form.fields) | {"servizi[0].avvio": "2026-12-01"}
    workspace.save_section("servizi", values, None, form.sha256)
    assert seen == [SERVIZI]


def test_windows_line_ends_and_a_byte_order_mark_are_kept(
    workspace: Workspace, example: Path
) -> None:
    path = example / SERVIZI
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    form = workspace.section_form("servizi")
    workspace.save_section("servizi", posted_values(form.fields), form.prose, form.sha256)
    assert path.read_bytes() == before
    form = workspace.section_form("servizi")
    values = posted_values(form.fields) | {"servizi[0].avvio": "2026-12-01"}
    workspace.save_section("servizi", values, None, form.sha256)
    expected = before.replace(b"avvio: 2026-11-02\r\n", b"avvio: 2026-12-01\r\n", 1)
    assert path.read_bytes() == expected


def test_unreadable_yaml_shows_its_text_and_only_the_prose_is_saved(
    workspace: Workspace, example: Path
) -> None:
    path = example / SERVIZI
    path.write_text("---\nservizi: [unclosed\n---\nTesto.\n", encoding="utf-8")
    form = workspace.section_form("servizi")
    assert not form.readable and form.fields == [] and "unclosed" in form.front
    assert form.findings, "the check's finding is on the page"
    workspace.save_section("servizi", {}, "Testo nuovo.\n", form.sha256)
    assert path.read_text(encoding="utf-8") == "---\nservizi: [unclosed\n---\nTesto nuovo.\n"
    form = workspace.section_form("servizi")
    with pytest.raises(PwkitError, match="YAML leggibile"):
        workspace.save_section("servizi", {"servizi": ""}, None, form.sha256)


def test_a_file_not_in_utf8_is_refused_in_italian(workspace: Workspace, example: Path) -> None:
    path = example / SERVIZI
    path.write_bytes(path.read_bytes().replace(b"priorit", "priorità".encode("latin-1")))
    with pytest.raises(PwkitError, match="UTF-8"):
        workspace.section_form("servizi")


def test_a_section_without_front_matter_saves_its_prose(
    workspace: Workspace, example: Path
) -> None:
    path = example / SERVIZI
    path.write_text("Solo testo.\n", encoding="utf-8")
    form = workspace.section_form("servizi")
    assert form.prose == "Solo testo.\n"
    workspace.save_section("servizi", posted_values(form.fields), "Altro testo.\n", form.sha256)
    assert path.read_text(encoding="utf-8") == "Altro testo.\n"


def test_the_previous_version_is_kept_inside_the_project(
    workspace: Workspace, example: Path
) -> None:
    before = (example / SERVIZI).read_bytes()
    form = workspace.section_form("servizi")
    values = posted_values(form.fields) | {"servizi[0].avvio": "2026-12-01"}
    workspace.save_section("servizi", values, None, form.sha256)
    assert (example / UNDO_DIR / SERVIZI).read_bytes() == before
    leftovers = [p.name for p in (example / "sezioni").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_section_file_linked_outside_the_project_is_not_written(
    workspace: Workspace, example: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "fuori.md"
    outside.write_bytes((example / SERVIZI).read_bytes())
    (example / SERVIZI).unlink()
    (example / SERVIZI).symlink_to(outside)
    with pytest.raises(PwkitError, match="fuori dalla cartella"):
        workspace.section_form("servizi")


def test_undo_never_loses_a_change_made_after_the_save(workspace: Workspace, example: Path) -> None:
    path = example / SERVIZI
    form = workspace.section_form("servizi")
    values = posted_values(form.fields) | {"servizi[0].avvio": "2026-12-01"}
    workspace.save_section("servizi", values, None, form.sha256)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("Aggiunto con un editor di testo.\n")
    edited = path.read_bytes()
    with pytest.raises(ConflictError):
        workspace.undo("servizi")
    assert path.read_bytes() == edited


def test_a_save_keeps_the_files_permissions(workspace: Workspace, example: Path) -> None:
    path = example / SERVIZI
    path.chmod(0o600)
    form = workspace.section_form("servizi")
    values = posted_values(form.fields) | {"servizi[0].avvio": "2026-12-01"}
    workspace.save_section("servizi", values, None, form.sha256)
    assert path.stat().st_mode & 0o777 == 0o600


def test_rows_pasted_from_a_spreadsheet() -> None:
    pasted = (
        '990100\tNuovo Comune\t1200\t4\tno\t\t\r\n990101\t"Borgo ""Alto"""\t800\t2\tsi\t0,5\t\r\n'
    )
    assert pasted_rows(pasted) == [
        ["990100", "Nuovo Comune", "1200", "4", "no", "", ""],
        ["990101", 'Borgo "Alto"', "800", "2", "si", "0,5", ""],
    ]


@pytest.mark.parametrize("elsewhere", ["../fuori.csv", "/etc/passwd"])
def test_a_comuni_file_outside_the_project_is_never_read_or_written(
    example: Path, elsewhere: str
) -> None:
    from tests.conftest import edit

    (example.parent / "fuori.csv").write_text("codice_istat,comune\n1,A\n", encoding="utf-8")
    edit(
        example / "sezioni/02-contesto.md",
        "comuni_file: dati/comuni.csv",
        f"comuni_file: {elsewhere}",
    )
    workspace = api.open_workspace(example)
    with pytest.raises(PwkitError, match="fuori dalla cartella"):
        workspace.comuni()
    with pytest.raises(PwkitError, match="fuori dalla cartella"):
        workspace.save_comuni([["2", "B"]], "0" * 64)
    assert (example.parent / "fuori.csv").read_text(
        encoding="utf-8"
    ) == "codice_istat,comune\n1,A\n"


HOSTILE_TEXTS = [
    "\x00nul",
    "a\u2028b",
    "---",
    "# non un commento",
    "chiave: valore",
    "'",
    '"',
    "a\tb",
    "…" * 2000,
    "@inizio",
    "!tag",
    "&ancora",
    "*alias",
    "{a: 1}",
    "[1, 2]",
    "null",
    "~",
    "yes",
    "2026-01-01",
    "1e3",
    "0x1F",
    ".inf",
    "riga uno\n---\nriga tre",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("value", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_any_text_typed_in_a_field_is_saved_as_that_text(
    workspace: Workspace, example: Path, value: str
) -> None:
    from pwkit.edit.sectionfile import SectionText
    from pwkit.edit.yamledit import reads

    path = example / SERVIZI
    before = path.read_bytes()
    form = workspace.section_form("servizi")
    values = posted_values(form.fields) | {"servizi[1].nome": value}
    workspace.save_section("servizi", values, None, form.sha256)
    after = path.read_bytes()
    data = reads(SectionText.of(after, SERVIZI).front or "")
    assert data["servizi"][1]["nome"] == value.strip()
    old = reads(SectionText.of(before, SERVIZI).front or "")
    old["servizi"][1]["nome"] = value.strip()
    assert data == old
    assert SectionText.of(after, SERVIZI).prose == SectionText.of(before, SERVIZI).prose


def test_strange_field_names_and_row_numbers_are_harmless(
    workspace: Workspace, example: Path
) -> None:
    path = example / SERVIZI
    before = path.read_bytes()
    form = workspace.section_form("servizi")
    values = posted_values(form.fields) | {
        "servizi[-1].id": "S9",
        "servizi[0]._origine": "999",
        "servizi[1]._origine": "../../etc",
        "../progetto.yaml": "x",
        "servizi.__class__": "x",
        "sconosciuto[0].x": "y",
        "servizi[0].avvio.giorno": "1",
    }
    workspace.save_section("servizi", values, None, form.sha256)
    assert path.read_bytes() == before
