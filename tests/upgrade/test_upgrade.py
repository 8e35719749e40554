"""``pwkit upgrade``: the example moved to a test template without losing a word."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pwkit.check.pipeline import check_project
from pwkit.load.frontmatter import split_front_matter
from pwkit.load.yamldata import parse
from pwkit.pack.manifest import Step
from pwkit.upgrade import apply as upgrade_apply
from pwkit.upgrade.merge import merge_front, merge_prose
from pwkit.upgrade.migrations import FileSet, apply
from pwkit.upgrade.yamltext import EditFailed, YamlText
from tests.conftest import EXAMPLE, CliResult
from tests.upgrade.pack import (
    NEW_SERVICES_HEADING,
    OLD_SERVICES_HEADING,
    VERSION,
    make_legacy,
    make_pack,
)

Cli = Callable[..., CliResult]
RENAMED = {"sezioni/09-piattaforme.md": "sezioni/09-strumenti-digitali.md"}
#: ``init`` with the template the test pack is made from.
FROM_1_0_0 = ("--modello", "province-comuni-personale@1.0.0")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pack(tmp_path_factory.mktemp("modello") / "province-comuni-personale-1.1.0")


def _tree(root: Path, *, skip: str | None = None) -> dict[str, str]:
    """sha256 of every file under ``root`` (``skip``: a folder left out)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not (skip and p.relative_to(root).as_posix().startswith(skip))
    }


def _data(text: str) -> Any:
    front = split_front_matter(text).front
    return parse(front if front is not None else text).data


def _user_lines(text: str) -> list[str]:
    """The prose lines a person wrote: no blank lines, headings, guidance or placeholders."""
    body = split_front_matter(text).body
    return [
        line
        for line in body.split("\n")
        if line.strip() and not line.startswith("#") and "DA COMPILARE" not in line
    ]


# --- the example, upgraded --------------------------------------------------------------


def test_every_sentence_and_value_survives_and_only_new_fields_are_to_fill(
    cli: Cli, example: Path, pack: Path
) -> None:
    before = {
        p.relative_to(example).as_posix(): p.read_text(encoding="utf-8")
        for p in [example / "progetto.yaml", *sorted((example / "sezioni").glob("*.md"))]
    }
    out = cli("upgrade", example, "--modello", pack)
    assert "Progetto aggiornato" in out.stdout and f"1.0.0 → {VERSION}" in out.stdout

    for rel, text in before.items():
        now = (example / RENAMED.get(rel, rel)).read_text(encoding="utf-8")
        expected, found = _data(text), _data(now)
        if rel == "progetto.yaml":
            expected["modello"] = f"province-comuni-personale@{VERSION}"
        elif rel == "sezioni/06-servizi.md":
            for service in found["servizi"]:
                assert service.pop("note_giuridiche").startswith("DA COMPILARE")
        elif rel == "sezioni/09-piattaforme.md":
            for platform in expected["piattaforme"]:
                if platform["titolarita"] == "mercato":
                    platform["titolarita"] = "riuso"
        assert found == expected, rel
        if rel != "progetto.yaml":  # all data: compared above
            assert _user_lines(now) == _user_lines(text), rel
    assert not (example / "sezioni/09-piattaforme.md").exists()
    services = (example / "sezioni/06-servizi.md").read_text(encoding="utf-8")
    assert NEW_SERVICES_HEADING in services and OLD_SERVICES_HEADING + "\n" not in services

    report = check_project(example).report
    findings = {(d.code, d.location.file) for d in report.diagnostics}
    assert findings == {("PW101", "sezioni/06-servizi.md")}
    assert len(report.diagnostics) == 6
    state = json.loads((example / ".pwkit/modello.json").read_text(encoding="utf-8"))
    assert state["versione"] == VERSION
    (backup,) = (example / ".pwkit/backup").iterdir()
    assert (backup / "sezioni/09-piattaforme.md").read_text(encoding="utf-8") == before[
        "sezioni/09-piattaforme.md"
    ]


def test_every_migration_kind_on_a_project_of_an_older_layout(
    cli: Cli, example: Path, pack: Path, tmp_path: Path
) -> None:
    """From 0.9.0 (renamed keys and values, a key and a section elsewhere) to the test pack."""
    legacy = tmp_path / "legacy"
    shutil.copytree(example, legacy)
    make_legacy(legacy)
    assert (legacy / "sezioni/16b-trasferibilita.md").is_file()
    cli("upgrade", example, "--modello", pack)  # the same project, never in the old layout
    out = cli("upgrade", legacy, "--modello", pack)
    assert f"0.9.0 → {VERSION}" in out.stdout and "!" not in out.stdout  # no step left undone
    for path in sorted((example / "sezioni").glob("*.md")):
        rel = path.relative_to(example).as_posix()
        expected, found = path.read_text(encoding="utf-8"), (legacy / rel).read_text("utf-8")
        assert _data(found) == _data(expected), rel
        if rel != "sezioni/15-competenze.md":  # created by the split: its prose is the template's
            assert _user_lines(found) == _user_lines(expected), rel
    assert not (legacy / "sezioni/16b-trasferibilita.md").exists()
    assert (legacy / ".pwkit/removed/sezioni/16b-trasferibilita.md").is_file()
    findings = {(d.code, d.location.file) for d in check_project(legacy).report.diagnostics}
    assert findings <= {
        ("PW101", "sezioni/06-servizi.md"),
        ("PW101", "sezioni/15-competenze.md"),
        ("PW103", "sezioni/15-competenze.md"),
    }


def test_dry_run_changes_no_byte(cli: Cli, example: Path, pack: Path) -> None:
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, "--dry-run")
    assert _tree(example) == snapshot
    assert "nessun file è cambiato" in out.stdout
    assert "rinominato" in out.stdout and "sezioni/09-strumenti-digitali.md" in out.stdout
    assert "unito" in out.stdout and "sezioni/06-servizi.md" in out.stdout


def test_a_conflicting_edit_gives_markers_and_findings_until_resolved(
    cli: Cli, example: Path, pack: Path
) -> None:
    services = example / "sezioni/06-servizi.md"
    mine = "## Il perimetro dei servizi"
    services.write_text(
        services.read_text(encoding="utf-8").replace(OLD_SERVICES_HEADING + "\n", mine + "\n"),
        encoding="utf-8",
    )
    out = cli("upgrade", example, "--modello", pack, code=1)
    assert "1 conflitto da risolvere:" in " ".join(out.output.split())
    text = services.read_text(encoding="utf-8")
    assert "<<<<<<< progetto\n" in text and f">>>>>>> modello {VERSION}\n" in text
    report = check_project(example).report
    conflicts = [d for d in report.diagnostics if d.code == "PW012"]
    assert len(conflicts) == 1
    start = text.split("\n").index("<<<<<<< progetto") + 1
    assert conflicts[0].location.line == start

    # Resolved as a person would: the template's heading, the project's text.
    head, rest = text.split("<<<<<<< progetto\n", 1)
    ours, rest = rest.split("=======\n", 1)
    _, tail = rest.split(f">>>>>>> modello {VERSION}\n", 1)
    resolved = ours.replace(mine + "\n", NEW_SERVICES_HEADING + "\n", 1)
    services.write_text(head + resolved + tail, encoding="utf-8")
    report = check_project(example).report
    assert {d.code for d in report.diagnostics} == {"PW101"}
    assert len(report.diagnostics) == 6

    # …and once the new field is filled in, the check is clean.
    text = services.read_text(encoding="utf-8")
    placeholder = '"DA COMPILARE: norme in chiaro, obbligatorie con il codice ALTRO"'
    assert text.count(placeholder) == 6
    services.write_text(text.replace(placeholder, '"L. 56/2014, art. 1"'), encoding="utf-8")
    assert check_project(example).report.diagnostics == []


def test_a_failure_midway_restores_every_file(
    cli: Cli, example: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = _tree(example)
    written: list[Path] = []
    real = upgrade_apply._write

    def full_disk(path: Path, text: str) -> None:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real(path, text)

    monkeypatch.setattr(upgrade_apply, "_write", full_disk)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert "spazio su disco esaurito" in out.output
    assert len(written) == 3
    assert _tree(example) == snapshot
    assert not (example / ".pwkit/backup").exists()  # no partial backup left


def test_a_disk_that_stays_full_still_gets_every_file_back(
    cli: Cli, example: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the disk is full no byte can be written: the undo must need none."""
    snapshot = _tree(example)
    full: list[Path] = []
    real = upgrade_apply._write

    def write(path: Path, text: str) -> None:
        if full or path.name == "09-strumenti-digitali.md":  # new files written first
            full.append(path)
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, text)

    real_copy = shutil.copyfile

    def copy(source: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
        if full:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_copy(source, target, *args, **kwargs)

    monkeypatch.setattr(upgrade_apply, "_write", write)
    monkeypatch.setattr(shutil, "copyfile", copy)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert full and "spazio su disco esaurito" in out.output
    assert "non ho potuto rimettere" not in out.output
    assert _tree(example) == snapshot


def test_a_section_the_template_drops_is_moved_not_deleted(
    cli: Cli, example: Path, pack: Path, tmp_path: Path
) -> None:
    smaller = tmp_path / "senza-16"
    shutil.copytree(pack, smaller)
    manifest = smaller / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index("  - key: sostenibilita")
    end = text.index("\n\n", start)
    manifest.write_text(text[:start] + text[end + 2 :], encoding="utf-8")
    original = (example / "sezioni/16-sostenibilita.md").read_bytes()
    out = cli("upgrade", example, "--modello", smaller)
    assert "spostato" in out.stdout
    assert not (example / "sezioni/16-sostenibilita.md").exists()
    assert (example / ".pwkit/removed/sezioni/16-sostenibilita.md").read_bytes() == original


def test_a_section_the_project_never_had_is_created_from_the_template(
    cli: Cli, example: Path, pack: Path
) -> None:
    for root in (example, example / ".pwkit/base"):
        (root / "sezioni/16-sostenibilita.md").unlink()
    out = cli("upgrade", example, "--modello", pack)
    assert "nuovo" in out.stdout and "sezioni/16-sostenibilita.md" in out.stdout
    created = (example / "sezioni/16-sostenibilita.md").read_text(encoding="utf-8")
    assert created == (example / ".pwkit/base/sezioni/16-sostenibilita.md").read_text("utf-8")
    assert "[[DA COMPILARE" in created


def test_usage_errors(cli: Cli, example: Path, pack: Path) -> None:
    out = cli("upgrade", example, "--modello", "province-comuni-personale@9.0.0", code=2)
    assert "non alla 9.0.0" in out.output
    shutil.rmtree(example / ".pwkit")
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert "Manca .pwkit/modello.json" in out.output
    assert _tree(example) == snapshot


# --- the parts ---------------------------------------------------------------------------


FRONT = """\
# i servizi
servizi:
  - id: S1
    nome: Paghe   # commento
    volume_annuo: {valore: 3, unita: procedure}
  - id: S2
    nome: "Concorsi"
    volume_annuo:
      valore: 4
      unita: procedure
note: testo
"""


def test_yaml_edits_keep_comments_and_quoting() -> None:
    doc = YamlText.of(FRONT)
    for path in [("servizi", 0, "nome"), ("servizi", 1, "nome")]:
        doc = doc.rename_key(path, "titolo")
    doc = doc.replace_scalar(("servizi", 1, "titolo"), "Concorsi unici")
    assert "    titolo: Paghe   # commento" in doc.text
    assert '    titolo: "Concorsi unici"' in doc.text
    assert doc.text.startswith("# i servizi\n")
    doc, removed = doc.remove_key(("note",))
    assert removed == ["note: testo"] and "note" not in doc.data
    with pytest.raises(EditFailed):
        doc.insert_block(("servizi", 0, "volume_annuo"), "x", ["x: 1"], 1)  # flow mapping


def test_new_keys_are_added_to_every_item_and_dropped_keys_reported() -> None:
    base = "servizi:\n  - id: DA COMPILARE\n    vecchio: DA COMPILARE\n"
    theirs = "servizi:\n  - id: DA COMPILARE\n    nuovo: DA COMPILARE  # da fare\n"
    ours = "servizi:\n  - id: S1\n    vecchio: uno\n  - id: S2\n    vecchio: due\n"
    merged = merge_front(ours, base, theirs, "sezioni/06.md")
    data = parse(merged.text).data
    assert data["servizi"] == [
        {"id": "S1", "vecchio": "uno", "nuovo": "DA COMPILARE"},
        {"id": "S2", "vecchio": "due", "nuovo": "DA COMPILARE"},
    ]
    assert "    nuovo: DA COMPILARE  # da fare" in merged.text
    assert any("servizi[].vecchio" in note for note in merged.notes)


def test_prose_merge_takes_each_side_s_own_changes() -> None:
    base = "## Titolo\n\n[[DA COMPILARE: testo]]\n\n## Altro\n\nFrase fissa.\n"
    theirs = (
        "## Titolo nuovo\n\n[[DA COMPILARE: testo del titolo nuovo]]\n\n## Altro\n\nFrase fissa.\n"
    )
    ours = "## Titolo\n\nIl mio testo.\nSeconda riga.\n\n## Altro\n\nFrase fissa.\n"
    merged = merge_prose(ours, base, theirs, VERSION)
    assert merged.conflicts == 0
    assert (
        merged.text
        == "## Titolo nuovo\n\nIl mio testo.\nSeconda riga.\n\n## Altro\n\nFrase fissa.\n"
    )
    mine = ours.replace("## Titolo\n", "## Il mio titolo\n")
    conflict = merge_prose(mine, base, theirs, VERSION)
    assert conflict.conflicts == 1
    assert "<<<<<<< progetto\n## Il mio titolo\n" in conflict.text
    assert "## Titolo nuovo\n" in conflict.text and f">>>>>>> modello {VERSION}" in conflict.text


def _steps(*raw: dict[str, Any]) -> list[Step]:
    return [Step.model_validate(r) for r in raw]


def test_every_migration_kind() -> None:
    files = FileSet(
        {
            "a.md": "---\nservizi:\n  - id: S1\n    volume_annuo: 3\n    area: paghe\n"
            "  - id: S2\n    volume_annuo: 4\n    area: formazione\nspostami: [1, 2]\n"
            "dividi: x\n---\nTesto di a.\n",
            "b.md": "---\naltro: 1\n---\nTesto di b.\n",
            "c.md": "---\nunisci: si\n---\nTesto di c.\n",
        }
    )
    skeletons = {"d.md": "---\ndividi: DA COMPILARE\n---\n[[DA COMPILARE: testo]]\n"}
    apply(
        _steps(
            {"rename_key": {"file": "a.md", "path": "servizi[].volume_annuo", "new": "volume"}},
            {
                "change_value": {
                    "file": "a.md",
                    "path": "servizi[].area",
                    "old": "paghe",
                    "new": "gestione_economica",
                }
            },
            {"move_key": {"file": "a.md", "path": "spostami", "to": "b.md"}},
            {"split_section": {"file": "a.md", "new": "d.md", "keys": ["dividi"]}},
            {"merge_sections": {"file": "c.md", "into": "b.md"}},
            {"rename_file": {"old": "b.md", "new": "e.md"}},
        ),
        files,
        skeletons,
    )
    assert files.notes == []
    assert _data(files.files["a.md"]) == {
        "servizi": [
            {"id": "S1", "volume": 3, "area": "gestione_economica"},
            {"id": "S2", "volume": 4, "area": "formazione"},
        ]
    }
    assert _data(files.files["e.md"]) == {"altro": 1, "spostami": [1, 2], "unisci": "si"}
    assert "Testo di b.\n\nTesto di c." in files.files["e.md"]
    assert _data(files.files["d.md"]) == {"dividi": "x"} and "d.md" in files.created
    assert set(files.files) == {"a.md", "d.md", "e.md"} and set(files.removed) == {"c.md"}


def test_a_step_that_cannot_apply_is_reported_not_guessed() -> None:
    text = "---\nx: >-\n  mercato\n---\nTesto.\n"
    files = FileSet({"a.md": text})
    step = {"change_value": {"file": "a.md", "path": "x", "old": "mercato", "new": "riuso"}}
    apply(_steps(step), files, {})
    assert files.files["a.md"] == text
    assert len(files.notes) == 1 and "migrazione non applicata" in files.notes[0]


def test_a_file_that_is_not_utf8_stops_the_upgrade_before_any_change(
    cli: Cli, example: Path, pack: Path
) -> None:
    (example / "sezioni/03-fabbisogni.md").write_bytes("---\nx: città\n---\n".encode("cp1252"))
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert "non è un testo UTF-8" in out.output and "03-fabbisogni" in out.output
    assert _tree(example) == snapshot


def test_a_project_made_from_a_pack_pwkit_does_not_bundle_stays_checkable(
    cli: Cli, tmp_path: Path, pack: Path
) -> None:
    project = tmp_path / "nuovo"
    cli("init", project, "--provincia", "MB", "--modello", pack, "--no-input")
    assert (project / ".pwkit/modello/manifest.yaml").read_text(encoding="utf-8") == (
        pack / "manifest.yaml"
    ).read_text(encoding="utf-8")
    out = cli("check", project, code=1)  # placeholders to fill, but checked with pack 1.1.0
    assert "PW101" in out.output and "più recente" not in out.output
    assert (project / "sezioni/09-strumenti-digitali.md").is_file()


def test_without_the_recorded_base_new_keys_still_come_and_the_text_stays(
    cli: Cli, example: Path, pack: Path
) -> None:
    shutil.rmtree(example / ".pwkit/base")
    services = (example / "sezioni/06-servizi.md").read_text(encoding="utf-8")
    out = cli("upgrade", example, "--modello", pack)
    assert "manca .pwkit/base/" in out.stdout
    after = (example / "sezioni/06-servizi.md").read_text(encoding="utf-8")
    assert after.count("note_giuridiche:") == 6
    assert split_front_matter(after).body == split_front_matter(services).body  # prose untouched
    assert (example / ".pwkit/base/sezioni/06-servizi.md").is_file()  # the next merge base


def test_a_placeholder_not_yet_filled_takes_the_template_s_new_wording() -> None:
    base = "## Titolo\n\n[[DA COMPILARE: testo]]\n\n## Altro\n\n[[DA COMPILARE: altro]]\n"
    theirs = base.replace("## Titolo", "## Titolo nuovo").replace(
        "[[DA COMPILARE: testo]]", "[[DA COMPILARE: testo, con un esempio]]"
    )
    ours = base.replace("[[DA COMPILARE: altro]]", "Scritto da noi.")
    merged = merge_prose(ours, base, theirs, VERSION)
    assert merged.conflicts == 0
    assert merged.text == theirs.replace("[[DA COMPILARE: altro]]", "Scritto da noi.")


def test_no_upgrade_over_unresolved_conflicts(cli: Cli, example: Path, pack: Path) -> None:
    services = example / "sezioni/06-servizi.md"
    services.write_text(
        services.read_text(encoding="utf-8")
        + "\n<<<<<<< progetto\nmio\n=======\nsuo\n>>>>>>> modello 1.0.5\n",
        encoding="utf-8",
    )
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert "ha ancora conflitti" in out.output and "PW012" in out.output
    assert _tree(example) == snapshot


# --- a user's file where the new template puts a section ----------------------------------


def test_a_user_file_at_the_path_a_migration_renames_to_keeps_its_bytes(
    cli: Cli, example: Path, pack: Path
) -> None:
    mine = example / "sezioni/09-strumenti-digitali.md"
    mine.write_bytes(b"MY NOTES\n")
    platforms = (example / "sezioni/09-piattaforme.md").read_text(encoding="utf-8")
    out = cli("upgrade", example, "--modello", pack, code=1)
    assert mine.read_bytes() == b"MY NOTES\n"
    aside = example / f"sezioni/09-strumenti-digitali.modello-{VERSION}.md"
    said = " ".join(out.output.split())
    assert "conflitti" in said and aside.name in said
    # Beside it waits the project's own platforms section under its new name: the user's
    # words, not the template's, and the message says so.
    assert f"il testo della tua sezione sezioni/09-piattaforme.md è in sezioni/{aside.name}" in said
    assert "la sezione del modello è in" not in said
    assert (
        _data(aside.read_text(encoding="utf-8"))["piattaforme"][0]["nome"]
        == (_data(platforms)["piattaforme"][0]["nome"])
    )
    assert not (example / "sezioni/09-piattaforme.md").exists()
    findings = {(d.code, d.location.file) for d in check_project(example).report.diagnostics}
    assert ("PW008", f"sezioni/{aside.name}") in findings
    assert any(file == "sezioni/09-strumenti-digitali.md" for _, file in findings)


def test_a_user_file_at_the_path_of_a_new_section_keeps_its_bytes(
    cli: Cli, example: Path, pack: Path
) -> None:
    for root in (example, example / ".pwkit/base"):  # a section the old template did not have
        (root / "sezioni/16-sostenibilita.md").unlink()
    mine = example / "sezioni/16-sostenibilita.md"
    mine.write_bytes(b"---\nappunti: miei\n---\nLe mie note sulla sostenibilit\xc3\xa0.")
    before = mine.read_bytes()
    out = cli("upgrade", example, "--modello", pack, code=1)
    assert mine.read_bytes() == before
    aside = example / f"sezioni/16-sostenibilita.modello-{VERSION}.md"
    assert "[[DA COMPILARE" in aside.read_text(encoding="utf-8")
    assert aside.name in " ".join(out.output.split())


# --- the Provincia is the one the project was made for ---------------------------------------


def test_a_provincia_out_of_the_list_stays_out_when_pwkit_later_knows_its_name(
    cli: Cli, tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made with --fuori-elenco; a later pwkit resolves the name (a new alias): no unit added."""
    from pwkit.load import istat

    root = tmp_path / "olbia"
    cli("init", root, "--provincia", "Olbia", "--fuori-elenco", "--no-input", *FROM_1_0_0)
    before = (root / "progetto.yaml").read_text(encoding="utf-8")
    gallura = istat.provinces()["113"]
    known = istat.find_province
    monkeypatch.setattr(
        istat, "find_province", lambda name: gallura if name == "Olbia" else known(name)
    )
    cli("upgrade", root, "--modello", pack)
    after = (root / "progetto.yaml").read_text(encoding="utf-8")
    assert "codice_uts:" not in after.replace("# es. codice_uts:", "")
    assert after == before.replace("@1.0.0", f"@{VERSION}")


def test_a_unit_no_longer_in_force_keeps_its_code_and_is_not_called_obsolete(
    cli: Cli, tmp_path: Path, pack: Path
) -> None:
    """A project made for Sud Sardegna (111) before 2026: the upgrade keeps codice_uts and does
    not tell the user to delete it (check tells which units took its Comuni)."""
    root = tmp_path / "sud"
    cli("init", root, "--provincia", "Cagliari", "--no-input", *FROM_1_0_0)
    for rel in ("progetto.yaml", ".pwkit/base/progetto.yaml"):
        text = (root / rel).read_text(encoding="utf-8")
        text = text.replace('nome: "Cagliari"', 'nome: "Sud Sardegna"')
        (root / rel).write_text(text.replace('codice_uts: "318"', 'codice_uts: "111"'), "utf-8")
    state = root / ".pwkit/modello.json"
    state.write_text(state.read_text(encoding="utf-8").replace('"Cagliari"', '"Sud Sardegna"'))
    out = cli("upgrade", root, "--modello", pack)
    assert "codice_uts" not in out.output
    assert 'codice_uts: "111"' in (root / "progetto.yaml").read_text(encoding="utf-8")


# --- migrations never overwrite a file -----------------------------------------------------


def _pack_with_steps(pack: Path, folder: Path, steps: str) -> Path:
    """A copy of the 1.1.0 pack whose 1.1.0 migration starts with ``steps`` (YAML lines)."""
    copy = folder / "modello-migrazioni"
    shutil.copytree(pack, copy)
    manifest = copy / "manifest.yaml"
    anchor = '  - version: "1.1.0"\n    steps:\n'
    text = manifest.read_text(encoding="utf-8")
    assert anchor in text
    manifest.write_text(text.replace(anchor, anchor + steps), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("steps", "target"),
    [
        pytest.param(
            "      - rename_file: {old: sezioni/09-piattaforme.md, new: dati/comuni.csv}\n",
            "dati/comuni.csv",
            id="onto-comuni-csv",
        ),
        pytest.param(
            "      - rename_file: {old: sezioni/01-sintesi.md, new: sezioni/02-contesto.md}\n"
            "      - rename_file: {old: sezioni/02-contesto.md, new: sezioni/01-sintesi.md}\n",
            "sezioni/02-contesto.md",
            id="01-to-02-then-back",
        ),
        pytest.param(
            "      - rename_file: {old: sezioni/09-piattaforme.md, new: allegati/delibera.pdf}\n",
            "allegati/delibera.pdf",
            id="onto-an-annex",
        ),
        pytest.param(
            "      - rename_file: {old: sezioni/12-rischi.md, new: sezioni/12-nuova.md}\n"
            "      - rename_file: {old: sezioni/13-monitoraggio.md, new: sezioni/12-nuova.md}\n",
            "sezioni/12-nuova.md",
            id="onto-a-file-an-earlier-step-made",
        ),
    ],
)
def test_a_migration_onto_an_existing_file_is_refused_and_nothing_is_written(
    cli: Cli, example: Path, pack: Path, tmp_path: Path, steps: str, target: str
) -> None:
    (example / "allegati").mkdir()
    (example / "allegati/delibera.pdf").write_bytes(b"%PDF-1.7\n")
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", _pack_with_steps(pack, tmp_path, steps), code=2)
    said = " ".join(out.output.split())
    assert target in said and "esiste già" in said
    assert _tree(example) == snapshot
    assert not (example / ".pwkit/backup").exists()


# --- nothing read or written outside the project -------------------------------------------


def test_a_section_linked_out_of_the_project_is_refused(
    cli: Cli, example: Path, pack: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "segreto.md"
    secret.write_text("---\nservizi: []\n---\nSEGRETO\n", encoding="utf-8")
    services = example / "sezioni/06-servizi.md"
    services.unlink()
    services.symlink_to(secret)
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, code=2)
    said = " ".join(out.output.split())
    assert "sezioni/06-servizi.md" in said and "collegamento" in said
    assert _tree(example) == snapshot and services.is_symlink()
    assert secret.read_text(encoding="utf-8") == "---\nservizi: []\n---\nSEGRETO\n"


def test_a_backup_folder_linked_out_of_the_project_is_refused(
    cli: Cli, example: Path, pack: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "fuori"
    outside.mkdir()
    (example / ".pwkit/backup").symlink_to(outside)
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert ".pwkit/backup" in " ".join(out.output.split()) and "collegamento" in out.output
    assert list(outside.iterdir()) == [] and _tree(example) == snapshot


def test_a_state_file_that_is_a_fifo_is_refused_without_waiting(example: Path, pack: Path) -> None:
    import os
    import subprocess
    import sys

    state = example / ".pwkit/modello.json"
    state.unlink()
    os.mkfifo(state)
    done = subprocess.run(
        [sys.executable, "-m", "pwkit", "upgrade", str(example), "--modello", str(pack)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "non è un file normale" in " ".join(done.stderr.split())


@pytest.mark.parametrize(
    ("state", "said"),
    [
        pytest.param(
            '{"modello": "province-comuni-personale", "versione": "banana"}',
            "«banana»",
            id="version-banana",
        ),
        pytest.param(
            '{"versione": "1.0.0", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "non si legge",
            id="deep-nesting",
        ),
    ],
)
def test_a_damaged_state_file_is_a_clear_error(
    cli: Cli, example: Path, pack: Path, state: str, said: str
) -> None:
    (example / ".pwkit/modello.json").write_text(state, encoding="utf-8")
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert said in out.output and ".pwkit/modello.json" in out.output
    assert _tree(example) == snapshot


# --- failures leave nothing behind ---------------------------------------------------------


def test_a_failure_while_copying_the_backup_leaves_no_partial_backup(
    cli: Cli, example: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = _tree(example)
    copied: list[str] = []
    real = shutil.copyfile

    def full_disk(source: Any, target: Any, *args: Any, **kwargs: Any) -> Any:
        if len(copied) == 4:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        copied.append(str(target))
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", full_disk)
    out = cli("upgrade", example, "--modello", pack, code=2)
    assert "spazio su disco esaurito" in out.output and len(copied) == 4
    assert _tree(example) == snapshot
    assert not (example / ".pwkit/backup").exists()


# --- nothing to do is not an error -----------------------------------------------------------


def test_a_project_already_up_to_date_is_a_success(
    cli: Cli, example: Path, pack: Path, tmp_path: Path
) -> None:
    current = tmp_path / "alla-versione-inclusa"  # the bundled example, at the bundled version
    shutil.copytree(EXAMPLE, current, ignore=shutil.ignore_patterns("export"))
    snapshot = _tree(current)
    for extra in (["--dry-run"], []):
        out = cli("upgrade", current, *extra)
        assert "già aggiornato" in out.stdout and "Errore" not in out.output
    assert _tree(current) == snapshot
    cli("upgrade", example, "--modello", pack)
    snapshot = _tree(example)
    out = cli("upgrade", example, "--modello", pack, "--dry-run")
    assert "già aggiornato" in out.stdout
    out = cli("upgrade", example)  # the bundled template is older: nothing to do either
    assert "già aggiornato" in out.stdout
    out = cli("upgrade", example, "--modello", "province-comuni-personale@1.0.0", code=2)
    assert "più vecchia" in out.output
    assert _tree(example) == snapshot
