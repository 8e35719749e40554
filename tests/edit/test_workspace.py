"""The editor's workspace: forms from the schemas, byte-preserving saves, conflicts, undo."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from pwkit import api
from pwkit.api.editing import ConflictError, FormRefused, Workspace
from pwkit.base.errors import PwkitError
from pwkit.edit.fields import FormField, posted_values
from tests.conftest import EXAMPLE, edit

EXAMPLES = sorted(EXAMPLE.parent.glob("provincia-di-*"))
SERVIZI = "sezioni/06-servizi.md"


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


@pytest.fixture
def workspace(example: Path) -> Workspace:
    return api.open_workspace(example)


def _save(ws: Workspace, key: str, **changes: str | list[str]) -> api.editing.SaveResult:
    form = ws.section_form(key)
    values = posted_values(form.fields)
    values.update(changes)
    return ws.save_section(key, values, form.prose, form.sha256)


# --- round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_every_section_saved_unchanged_keeps_its_bytes(source: Path, tmp_path: Path) -> None:
    root = tmp_path / source.name
    shutil.copytree(source, root)
    ws = api.open_workspace(root)
    for section in ws.dashboard().sections:
        before = (root / section.file).read_bytes()
        form = ws.section_form(section.key)
        assert form.readable and (form.fields or not form.front.strip())
        result = ws.save_section(section.key, posted_values(form.fields), form.prose, form.sha256)
        assert (root / section.file).read_bytes() == before, section.file
        assert not result.changed
    assert not (root / ".pwkit" / "annulla").exists()


def test_changing_one_key_changes_only_its_bytes(workspace: Workspace, example: Path) -> None:
    before = (example / SERVIZI).read_bytes()
    result = _save(workspace, "servizi", **{"servizi[0].avvio": "2026-12-01"})
    assert result.changed
    assert _changed(before, (example / SERVIZI).read_bytes()) == [
        "-    avvio: 2026-11-02",
        "+    avvio: 2026-12-01",
    ]


def test_a_multiple_choice_changed_or_emptied_keeps_the_flow_list(
    workspace: Workspace, example: Path
) -> None:
    before = (example / SERVIZI).read_bytes()
    _save(workspace, "servizi", **{"servizi[0].piattaforme": ["P1", "P5"]})
    assert _changed(before, (example / SERVIZI).read_bytes()) == [
        "-    piattaforme: [P1, P2, P5]",
        "+    piattaforme: [P1, P5]",
    ]
    _save(workspace, "servizi", **{"servizi[0].piattaforme": [""]})
    assert _changed(before, (example / SERVIZI).read_bytes()) == [
        "-    piattaforme: [P1, P2, P5]",
        "+    piattaforme: []",
    ]


def test_changed_prose_replaces_only_the_body(workspace: Workspace, example: Path) -> None:
    before = (example / SERVIZI).read_bytes()
    form = workspace.section_form("servizi")
    prose = form.prose.replace("\n", "\r\n") + "\r\nUn paragrafo nuovo.\r\n"
    workspace.save_section("servizi", posted_values(form.fields), prose, form.sha256)
    after = (example / SERVIZI).read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == b"\nUn paragrafo nuovo.\n"


# --- the form model -------------------------------------------------------------------------


def test_the_form_is_made_from_the_schema_with_the_packs_labels(workspace: Workspace) -> None:
    form = workspace.section_form("servizi")
    assert form.title and form.guidance and form.sha256
    area = _field(form.fields, "servizi[0].area")
    assert (area.kind, area.value) == ("choice", "selezioni_uniche")
    assert ("selezioni_uniche", "Selezioni uniche ed elenchi di idonei") in area.choices
    assert _field(form.fields, "servizi[0].avvio").kind == "date"
    assert _field(form.fields, "servizi[0].priorita").kind == "integer"
    assert _field(form.fields, "servizi[0].volume_annuo.valore").kind == "number"
    responsabile = _field(form.fields, "servizi[0].responsabile")
    assert responsabile.kind == "ref" and responsabile.value == "RU2"
    labels = dict(responsabile.choices)
    assert labels["RU2"].startswith("RU2 – ")
    piattaforme = _field(form.fields, "servizi[0].piattaforme")
    assert piattaforme.kind == "refs" and piattaforme.selected == ("P1", "P2", "P5")
    servizi = _field(form.fields, "servizi")
    assert servizi.kind == "list" and servizi.template is not None
    assert servizi.template.name == "servizi[__i__]"
    assert servizi.guidance == "I servizi offerti ai Comuni."
    assert _field(form.fields, "servizi[0].avvio").label == "Data di avvio del servizio"
    assert _field(form.fields, "servizi[0].modalita_accesso").label == "Modalità accesso"
    assert _field(form.fields, "servizi[0].priorita").label == "Priorità da 1 a 3"


def test_an_invalid_value_is_shown_as_written(workspace: Workspace, example: Path) -> None:
    edit(example / SERVIZI, "    priorita: 1\n", "    priorita: prima\n")
    form = workspace.section_form("servizi")
    priorita = _field(form.fields, "servizi[0].priorita")
    assert priorita.value == "prima"
    assert priorita.findings, "the check's finding is on its field"


# --- rows -----------------------------------------------------------------------------------


def test_a_row_added_through_the_form(workspace: Workspace, example: Path) -> None:
    path = example / "sezioni/12-rischi.md"
    before = path.read_bytes()
    form = workspace.section_form("rischi")
    rows = len(_field(form.fields, "rischi").children)
    new = f"rischi[{rows}]"
    values = posted_values(form.fields)
    values.update(
        {
            f"{new}.id": "R9",
            f"{new}.descrizione": "Uscita di personale formato verso altri enti",
            f"{new}.categoria": "organizzativa",
            f"{new}.probabilita": "2",
            f"{new}.impatto": "3",
            f"{new}.strategia": "mitigare",
            f"{new}.mitigazione[0]": "Piano di affiancamento",
            f"{new}.responsabile": "RU1",
        }
    )
    workspace.save_section("rischi", values, None, form.sha256)
    changed = _changed(before, path.read_bytes())
    assert all(line.startswith("+") for line in changed)
    assert "+  - id: R9" in changed and "+    probabilita: 2" in changed
    assert "+      - Piano di affiancamento" in changed


def test_rows_removed_and_reordered(workspace: Workspace, example: Path) -> None:
    path = example / "sezioni/12-rischi.md"
    form = workspace.section_form("rischi")
    values = {k: v for k, v in posted_values(form.fields).items() if not k.startswith("rischi[0]")}
    values["rischi[1]._origine"] = "2"
    values["rischi[2]._origine"] = "1"
    values = {
        k.replace("rischi[1]", "rischi[X]")
        .replace("rischi[2]", "rischi[1]")
        .replace("rischi[X]", "rischi[2]"): v
        for k, v in values.items()
    }
    workspace.save_section("rischi", values, None, form.sha256)
    text = path.read_text(encoding="utf-8")
    assert "id: R1\n" not in text
    assert text.index("id: R3") < text.index("id: R2") < text.index("id: R4")


# --- Italian numbers ----------------------------------------------------------------------


def test_an_unambiguous_italian_amount_is_understood(workspace: Workspace, example: Path) -> None:
    path = example / "sezioni/07-organizzazione.md"
    before = path.read_bytes()
    _save(workspace, "organizzazione", **{"ruoli[2].costo_annuo_fte": "€ 38.500"})
    assert _changed(before, path.read_bytes()) == [
        "-    costo_annuo_fte: 37500",
        "+    costo_annuo_fte: 38500",
    ]


def test_an_ambiguous_number_is_refused_with_the_checks_message(
    workspace: Workspace, example: Path
) -> None:
    before = (example / SERVIZI).read_bytes()
    with pytest.raises(FormRefused) as refused:
        _save(workspace, "servizi", **{"servizi[0].volume_annuo.valore": "1.500"})
    assert (example / SERVIZI).read_bytes() == before
    problem = refused.value.fields["servizi[0].volume_annuo.valore"]
    edit(example / SERVIZI, "      valore: 55\n", "      valore: 1.500\n")
    report = api.check_project(example, use_cache=False)
    [check] = [d for d in report if d.code == "PW006"]
    assert (problem.code, problem.message, problem.hint) == ("PW006", check.message, check.hint)


# --- findings at their field --------------------------------------------------------------


def test_a_finding_appears_at_its_field_and_goes_when_fixed(workspace: Workspace) -> None:
    result = _save(workspace, "servizi", **{"servizi[4].avvio": "2026-01-05"})
    assert "servizi[4].avvio" in result.findings
    form = workspace.section_form("servizi")
    assert _field(form.fields, "servizi[4].avvio").findings
    targets = [f.target for f in workspace.dashboard().findings]
    assert any(t.section == "servizi" and t.field == "servizi[4].avvio" for t in targets)
    result = _save(workspace, "servizi", **{"servizi[4].avvio": "2026-11-02"})
    assert "servizi[4].avvio" not in result.findings


def test_a_prose_finding_points_at_its_line(workspace: Workspace, example: Path) -> None:
    form = workspace.section_form("servizi")
    prose = form.prose + "\n[[DA COMPILARE: un esempio]]\n"
    result = workspace.save_section("servizi", {}, prose, form.sha256)
    [placeholder] = result.findings[""]
    lines = (example / SERVIZI).read_text(encoding="utf-8").splitlines()
    line = placeholder.location.line
    assert line is not None and "DA COMPILARE" in lines[line - 1]
    [target] = [f.target for f in workspace.findings() if f.diagnostic is placeholder]
    assert (target.section, target.field) == ("servizi", None)


# --- conflicts and undo ---------------------------------------------------------------------


def test_a_file_changed_meanwhile_is_not_overwritten(workspace: Workspace, example: Path) -> None:
    form = workspace.section_form("servizi")
    edit(example / SERVIZI, "    priorita: 1\n", "    priorita: 2\n")
    edited = (example / SERVIZI).read_bytes()
    values = posted_values(form.fields) | {"servizi[0].avvio": "2026-12-01"}
    with pytest.raises(ConflictError) as conflict:
        workspace.save_section("servizi", values, form.prose, form.sha256)
    assert (example / SERVIZI).read_bytes() == edited
    assert conflict.value.changes == ["-    priorita: 1", "+    priorita: 2"]
    assert conflict.value.key == "servizi" and "Ricarica" in (conflict.value.hint or "")
    assert isinstance(conflict.value, PwkitError)


def test_undo_puts_back_the_previous_version(workspace: Workspace, example: Path) -> None:
    before = (example / SERVIZI).read_bytes()
    _save(workspace, "servizi", **{"servizi[0].avvio": "2026-12-01"})
    result = workspace.undo("servizi")
    assert (example / SERVIZI).read_bytes() == before
    assert result.sha256 == workspace.section_form("servizi").sha256
    with pytest.raises(PwkitError, match="versione precedente"):
        workspace.undo("servizi")


def test_an_unknown_section_is_an_italian_error(workspace: Workspace) -> None:
    with pytest.raises(PwkitError, match="non esiste"):
        workspace.section_form("../progetto")


# --- the Comuni grid ------------------------------------------------------------------------


def test_the_comuni_grid_round_trips_and_takes_new_rows(
    workspace: Workspace, example: Path
) -> None:
    grid = workspace.comuni()
    path = example / grid.file
    before = path.read_bytes()
    assert grid.header[:2] == ["codice_istat", "comune"] and grid.rows
    result = workspace.save_comuni(grid.rows, grid.sha256)
    assert path.read_bytes() == before and not result.changed
    pasted = [*grid.rows, ["999999", "Comune inventato", "mille", "5", "no", "0", ""]]
    result = workspace.save_comuni(pasted, grid.sha256)
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before) :].count(b"\n") == 1
    grid = workspace.comuni()
    [problem] = grid.findings.cells[(len(pasted) - 1, 2)]
    assert "«popolazione» deve essere un numero intero" in problem.message
    assert result.findings[""] == [problem]


# --- preview --------------------------------------------------------------------------------


def test_the_preview_is_the_documents_text_without_raw_html(workspace: Workspace) -> None:
    html = workspace.preview(
        '<!-- guida -->\nTesto **forte** e "citato" <script>x()</script>\n\n| a |\n|---|\n| 1 |\n'
    )
    assert "<strong>forte</strong>" in html and "«citato»" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "guida" not in html and "<table>" in html


# --- one key at a time, everywhere --------------------------------------------------------


def _leaves(fields: list[FormField]) -> list[FormField]:
    return [
        made
        for top in fields
        for made in top.walk()
        if made.kind in ("text", "textarea", "integer")
        and made.value
        and "\n" not in made.value
        and not made.value.startswith(("[", "{"))
    ]


def test_any_one_key_changed_through_the_form_changes_only_its_value(
    workspace: Workspace, example: Path
) -> None:
    from pwkit.edit.sectionfile import SectionText
    from pwkit.edit.yamledit import reads

    for section in workspace.dashboard().sections:
        path = example / section.file
        leaves = _leaves(workspace.section_form(section.key).fields)
        for made in leaves[:: max(1, len(leaves) // 3)]:
            before = path.read_bytes()
            old = reads(SectionText.of(before, section.file).front or "")
            new = str(int(made.value) + 1) if made.kind == "integer" else made.value + " (rivisto)"
            _save(workspace, section.key, **{made.name: new})
            after = path.read_bytes()
            holder = old
            for part in made.path[:-1]:
                holder = holder[part]
            holder[made.path[-1]] = int(new) if made.kind == "integer" else new
            assert reads(SectionText.of(after, section.file).front or "") == old, made.name
            assert len(_changed(before, after)) <= 4, (made.name, _changed(before, after))
            workspace.undo(section.key)
            assert path.read_bytes() == before


def test_the_dashboard(workspace: Workspace, example: Path) -> None:
    import datetime as dt

    board = workspace.dashboard(today=dt.date(2026, 4, 1))
    assert board.provincia == "Provincia di Valdoria"
    assert board.template.startswith("province-comuni-personale@")
    assert board.days_left == (board.deadline - dt.date(2026, 4, 1)).days
    assert [s.number for s in board.sections] == list(range(1, 17))
    servizi = next(s for s in board.sections if s.key == "servizi")
    assert servizi.file == SERVIZI and servizi.words > 0 and servizi.complete
    edit(example / SERVIZI, "    priorita: 1\n", "    priorita: prima\n")
    board = workspace.dashboard()
    [error] = [f for f in board.findings if f.diagnostic.location.file == SERVIZI]
    assert (error.target.section, error.target.field) == ("servizi", "servizi[0].priorita")
    servizi = next(s for s in board.sections if s.key == "servizi")
    assert servizi.errors == 1 and not servizi.complete and board.errors >= 1


def test_a_number_or_text_field_takes_a_typed_number_as_a_number(
    workspace: Workspace, example: Path
) -> None:
    before = (example / SERVIZI).read_bytes()
    form = workspace.section_form("servizi")
    rows = len(_field(form.fields, "servizi[0].sla").children)
    values = posted_values(form.fields)
    for index, valore in ((rows, "20"), (rows + 1, "≤ 5")):
        values[f"servizi[0].sla[{index}].indicatore"] = f"Indicatore {index}"
        values[f"servizi[0].sla[{index}].valore"] = valore
        values[f"servizi[0].sla[{index}].unita"] = "giorni"
    workspace.save_section("servizi", values, None, form.sha256)
    added = _changed(before, (example / SERVIZI).read_bytes())
    assert "+        valore: 20" in added and "+        valore: ≤ 5" in added


def test_an_italian_amount_in_a_new_row_is_read_by_its_field(
    workspace: Workspace, example: Path
) -> None:
    path = example / "sezioni/07-organizzazione.md"
    form = workspace.section_form("organizzazione")
    new = f"ruoli[{len(_field(form.fields, 'ruoli').children)}]"
    values = posted_values(form.fields) | {
        f"{new}.id": "RU9",
        f"{new}.ruolo": "Istruttore paghe",
        f"{new}.area_ccnl": "istruttori",
        f"{new}.fte": "1,5",
        f"{new}.provenienza": "nuova_assunzione",
        f"{new}.costo_annuo_fte": "€ 38.500",
    }
    workspace.save_section("organizzazione", values, None, form.sha256)
    text = path.read_text(encoding="utf-8")
    assert "    costo_annuo_fte: 38500\n" in text and "    fte: 1.5\n" in text
