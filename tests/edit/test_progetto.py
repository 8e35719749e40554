"""The «Dati del progetto» form: progetto.yaml edited from its schema, byte-preservingly."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from pwkit import api
from pwkit.api.editing import ConflictError, Workspace
from pwkit.edit.fields import FormField, posted_values
from tests.conftest import EXAMPLE, edit, run_cli

EXAMPLES = sorted(EXAMPLE.parent.glob("provincia-di-*"))


def _changed(old: bytes, new: bytes) -> list[str]:
    diff = difflib.unified_diff(
        old.decode().splitlines(), new.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _field(fields: list[FormField], name: str) -> FormField:
    for top in fields:
        for made in top.walk():
            if made.name == name:
                return made
    raise AssertionError(f"no field {name}")


def _save(ws: Workspace, **changes: str) -> api.editing.SaveResult:
    form = ws.project_form()
    values = posted_values(form.fields)
    values.update(changes)
    return ws.save_project(values, form.sha256)


def _roundtrip(root: Path) -> None:
    before = (root / "progetto.yaml").read_bytes()
    ws = api.open_workspace(root)
    form = ws.project_form()
    assert form.readable and form.fields
    result = ws.save_project(posted_values(form.fields), form.sha256)
    assert not result.changed
    assert (root / "progetto.yaml").read_bytes() == before


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_progetto_yaml_saved_unchanged_keeps_its_bytes(source: Path, tmp_path: Path) -> None:
    root = tmp_path / source.name
    shutil.copytree(source, root)
    _roundtrip(root)


def test_a_new_projects_progetto_yaml_saved_unchanged_keeps_its_bytes(tmp_path: Path) -> None:
    run_cli("init", tmp_path / "nuovo", "--provincia", "Parma", "--no-input")
    _roundtrip(tmp_path / "nuovo")


def test_the_form_is_made_from_the_progetto_schema(example: Path) -> None:
    form = api.open_workspace(example).project_form()
    assert form.file == "progetto.yaml"
    numero = _field(form.fields, "atto_approvazione.numero")
    assert (numero.kind, numero.value, numero.label) == ("text", "41", "Numero dell'atto")
    assert _field(form.fields, "atto_approvazione.data").kind == "date"
    stato = _field(form.fields, "stato")
    assert stato.kind == "choice" and stato.value == "consegnato"
    assert _field(form.fields, "gruppo_di_lavoro").kind == "list"
    assert "Regione" in _field(form.fields, "provincia.regione").label


def test_the_template_pin_is_shown_but_not_editable(example: Path) -> None:
    ws = api.open_workspace(example)
    form = ws.project_form()
    assert form.modello == "province-comuni-personale@1.1.0"
    assert "pwkit upgrade" in form.modello_note
    assert all(made.name != "modello" for top in form.fields for made in top.walk())
    before = (example / "progetto.yaml").read_bytes()
    result = _save(ws, modello="altro@9.9.9")
    assert not result.changed
    assert (example / "progetto.yaml").read_bytes() == before


def test_changing_the_acts_number_changes_only_its_bytes(example: Path) -> None:
    before = (example / "progetto.yaml").read_bytes()
    result = _save(api.open_workspace(example), **{"atto_approvazione.numero": "57"})
    assert result.changed and result.file == "progetto.yaml"
    after = (example / "progetto.yaml").read_bytes()
    assert _changed(before, after) == ['-  numero: "41"', '+  numero: "57"']


def test_an_invalid_value_is_shown_as_written_with_its_finding(example: Path) -> None:
    line = edit(example / "progetto.yaml", "data_redazione: 2026-04-20", "data_redazione: ieri")
    ws = api.open_workspace(example)
    field = _field(ws.project_form().fields, "data_redazione")
    assert field.value == "ieri"
    assert field.findings and field.findings[0].location.line == line
    targets = [f.target for f in ws.findings() if f.diagnostic.location.file == "progetto.yaml"]
    assert any(t.field == "data_redazione" and t.section is None for t in targets)


def test_a_progetto_changed_meanwhile_is_not_overwritten(example: Path) -> None:
    ws = api.open_workspace(example)
    form = ws.project_form()
    edit(example / "progetto.yaml", 'numero: "41"', 'numero: "42"')
    values = posted_values(form.fields)
    values["titolo"] = "Un altro titolo"
    with pytest.raises(ConflictError) as refused:
        ws.save_project(values, form.sha256)
    assert refused.value.file == "progetto.yaml"
    assert any("42" in change for change in refused.value.changes)
    assert b'numero: "42"' in (example / "progetto.yaml").read_bytes()


def test_undo_puts_back_the_previous_progetto(example: Path) -> None:
    before = (example / "progetto.yaml").read_bytes()
    ws = api.open_workspace(example)
    _save(ws, **{"atto_approvazione.numero": "57"})
    ws.undo_project()
    assert (example / "progetto.yaml").read_bytes() == before
