from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pwkit import VERSION_LINE, __version__
from tests.conftest import EXAMPLE, edit, run_cli


def test_version() -> None:
    from pwkit import __version__

    said = run_cli("--version").stdout.strip()
    assert said.startswith(f"pwkit {__version__} ")
    assert "ISTAT" in said and "21 febbraio 2026" in said


def test_version_of_the_console_script_says_the_istat_situation() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pwkit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith(f"pwkit {__version__} ") and "21 febbraio 2026" in out.stdout


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pwkit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("pwkit ")


def test_help_is_italian() -> None:
    out = run_cli("--help")
    assert "Crea un nuovo Project Work" in out.stdout
    assert "Controlla il Project Work" in out.stdout


def test_check_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    out = run_cli("check", tmp_path, code=2)
    assert "Nessun Project Work" in out.stderr and "progetto.yaml" in out.stderr


def test_check_finds_the_root_from_a_subfolder(example: Path) -> None:
    run_cli("check", example / "sezioni")


def test_check_json_is_valid_and_documented(example: Path) -> None:
    edit(example / "sezioni" / "06-servizi.md", "priorita: 1", "priorita: alta")
    out = run_cli("check", example, "--format", "json", code=1)
    data = json.loads(out.stdout)
    assert set(data) == {"outcome", "exit_code", "error", "notices", "diagnostics", "summary"}
    assert data["notices"] == []
    finding = data["diagnostics"][0]
    assert set(finding) == {
        *("code", "slug", "severity", "message", "hint", "file", "line", "column"),
        "occurrences",
    }
    assert finding["code"] == "PW006" and finding["slug"] == "bad-value"
    assert finding["file"] == "sezioni/06-servizi.md" and finding["severity"] == "errore"
    assert data["summary"]["errors"] >= 1


def test_text_report_shows_location_code_and_hint(example: Path) -> None:
    line = edit(example / "sezioni" / "06-servizi.md", "priorita: 1", "priorita: alta")
    out = run_cli("check", example, code=1)
    assert f"sezioni/06-servizi.md:{line}:" in out.stdout
    assert "PW006" in out.stdout and "→" in out.stdout
    assert "errore" in out.stdout


def test_a_finding_at_line_100_prints_its_number_not_a_picture(example: Path) -> None:
    section = example / "sezioni" / "06-servizi.md"
    line = edit(section, "priorita: 1", "priorita: alta")
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("---\n", "---\n" + "# nota\n" * (100 - line), 1), "utf-8")
    out = run_cli("check", example, code=1)
    assert "sezioni/06-servizi.md:100:" in out.stdout


def test_ignore_and_strict(example: Path) -> None:
    edit(example / "sezioni" / "06-servizi.md", "priorita: 1", "priorita: alta")
    run_cli("check", example, "--ignore", "PW006,PW206")
    (example / "sezioni" / "99-appunti.md").write_text("note", encoding="utf-8")
    run_cli("check", example, "--ignore", "pw006")
    run_cli("check", example, "--ignore", "PW006", "--strict", code=1)


def test_bad_yaml_is_a_finding_and_the_check_goes_on(example: Path) -> None:
    edit(example / "sezioni" / "08-governance.md", "durata_anni:", "durata_anni: : x\nvecchia:")
    edit(example / "sezioni" / "12-rischi.md", "probabilita:", "probabilita: tanta\n    x:")
    out = run_cli("check", example, "--format", "json", code=1)
    codes = {(d["code"], d["file"]) for d in json.loads(out.stdout)["diagnostics"]}
    assert ("PW003", "sezioni/08-governance.md") in codes
    assert ("PW006", "sezioni/12-rischi.md") in codes


def test_missing_section_file_is_pw001(example: Path) -> None:
    (example / "sezioni" / "09-piattaforme.md").unlink()
    out = run_cli("check", example, "--format", "json", code=1)
    found = [d for d in json.loads(out.stdout)["diagnostics"] if d["code"] == "PW001"]
    assert found == [
        {
            "code": "PW001",
            "slug": "missing-file",
            "severity": "errore",
            "message": "Il file sezioni/09-piattaforme.md non esiste.",
            "hint": found[0]["hint"],
            "file": "sezioni/09-piattaforme.md",
            "line": None,
            "column": None,
            "occurrences": [{"file": "sezioni/09-piattaforme.md", "line": None, "column": None}],
        }
    ]


def test_export_refuses_errors_and_writes_nothing(example: Path, tmp_path: Path) -> None:
    edit(example / "sezioni" / "06-servizi.md", "priorita: 1", "priorita: alta")
    target = tmp_path / "out.docx"
    out = run_cli("export", example, "-o", target, code=1)
    assert "Esportazione annullata" in out.stderr
    assert not target.exists()


def test_export_never_overwrites_without_force(example: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"versione precedente")
    out = run_cli("export", example, "-o", target, code=2)
    assert "--force" in out.stderr
    assert target.read_bytes() == b"versione precedente"
    run_cli("export", example, "-o", target, "--force")
    assert target.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_default_path(example: Path) -> None:
    out = run_cli("export", example)
    target = example / "export" / "PW-VD-v1.0.docx"
    assert target.is_file() and str(target) in out.stdout


def test_export_to_a_directory_is_refused(example: Path, tmp_path: Path) -> None:
    out = run_cli("export", example, "-o", tmp_path, code=2)
    assert "cartella" in out.stderr


def test_unknown_template_is_exit_2(example: Path) -> None:
    edit(example / "progetto.yaml", "province-comuni-personale@1.1.0", "altro-modello@1.0.0")
    out = run_cli("check", example, code=2)
    assert "altro-modello" in out.stderr


def test_newer_template_is_exit_2_and_older_is_pw011(example: Path) -> None:
    edit(example / "progetto.yaml", "@1.1.0", "@9.0.0")
    assert "Aggiorna pwkit" in run_cli("check", example, code=2).stderr
    edit(example / "progetto.yaml", "@9.0.0", "@0.9.0")
    out = run_cli("check", example)
    assert "PW011" in out.stdout and "pwkit upgrade" in out.stdout


def test_internal_error_is_exit_3_with_a_log(
    example: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pwkit.check.pipeline

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("guasto interno")

    monkeypatch.setattr(pwkit.check.pipeline, "check_project", boom)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    out = run_cli("check", example, code=3)
    assert "Errore interno di pwkit" in out.stderr
    [log] = list(tmp_path.glob("pwkit-errore-*.log"))
    assert "guasto interno" in log.read_text(encoding="utf-8")
    assert "RuntimeError" not in out.output


#: Modules only some commands need; the start-up and the help must not load them.
HEAVY = (
    "docx",
    "jinja2",
    "ruamel",
    "yaml",
    "pydantic",
    "markdown_it",
    "babel",
    "lxml",
    "starlette",
    "uvicorn",
    "multipart",
    "python_multipart",
)

_WHAT_WAS_LOADED = """
import sys
sys.argv = ["pwkit", *sys.argv[1:]]
from pwkit.__main__ import start as run
try:
    run()
except SystemExit:
    pass
heavy = {heavy!r}
loaded = sorted(m for m in heavy if m in sys.modules)
sys.stderr.write("LOADED=" + ",".join(loaded) + ";RICH=" + str("rich" in sys.modules) + "\\n")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        [],
        ["check", "--help"],
        ["export", "--help"],
        ["init", "--help"],
        ["rules", "--help"],
        ["report", "--help"],
        ["upgrade", "--help"],
        ["apri", "--help"],
        ["comando-che-non-esiste"],
    ],
    ids=lambda args: " ".join(args) or "(nessun argomento)",
)
def test_start_up_and_help_load_no_heavy_module(args: list[str]) -> None:
    """What a process really imported, inspected in that process after the command ran."""
    out = subprocess.run(
        [sys.executable, "-c", _WHAT_WAS_LOADED.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(EXAMPLE.parents[1] / "src")},
    )
    report = out.stderr.strip().splitlines()[-1]
    assert report.startswith("LOADED=;"), report
    if args == ["--version"]:
        assert out.stdout == f"{VERSION_LINE}\n"
        assert report.endswith("RICH=False"), "--version needs neither typer nor rich"


def test_check_loads_what_it_needs_and_not_the_word_stack(example: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _WHAT_WAS_LOADED.format(heavy=HEAVY), "check", str(example)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(EXAMPLE.parents[1] / "src")},
    )
    loaded = out.stderr.strip().splitlines()[-1].split(";")[0].removeprefix("LOADED=").split(",")
    assert {"pydantic", "yaml", "markdown_it"} <= set(loaded)
    assert not {"docx", "lxml", "jinja2", "ruamel"} & set(loaded), loaded


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "--bogus"], "L'opzione --bogus non esiste"),
        (["chek"], "Forse intendevi 'check'"),
        (["check", "--format", "xml"], "valori possibili: text, json"),
        (["check", "--sezione", "x"], "serve un numero intero"),
    ],
)
def test_usage_errors_are_italian_with_exit_2(args: list[str], expected: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pwkit", *args], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2
    assert expected in out.stderr and "Traceback" not in out.stderr
    assert "Error: " not in out.stderr and "Usage" not in out.stderr


def test_help_has_no_english_frame() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pwkit", "check", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("Uso: pwkit check [OPZIONI]")
    assert "Mostra questo aiuto ed esce." in out.stdout
    for english in ("Usage", "Options", "Show this message", "default:"):
        assert english not in out.stdout


def test_exported_file_has_ordinary_permissions(example: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    run_cli("export", example, "-o", target)
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


# --- where the output goes: missing folders, links, concurrent writers (#15) ---------------


def test_output_in_a_missing_folder_is_refused_and_nothing_is_created(
    example: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "manca"
    out = run_cli("export", example, "-o", missing / "dentro" / "pw.docx", code=2)
    said = " ".join(out.stderr.split())
    assert f"La cartella {missing / 'dentro'} non esiste" in said
    assert "togli -o" in said
    assert not missing.exists()
    out = run_cli("report", EXAMPLE, "-o", missing / "r.csv", code=2)
    assert "non esiste" in out.stderr and not missing.exists()
    out = run_cli("schema", "-o", missing / "schemi", code=2)
    assert "non esiste" in out.stderr and not missing.exists()
    assert not (example / "export").exists()


def test_output_that_is_a_dangling_link_is_an_existing_entry(example: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "altrove" / "vuoto.docx"
    link = tmp_path / "pw.docx"
    link.symlink_to(elsewhere)
    out = run_cli("export", example, "-o", link, code=2)
    assert "esiste già" in out.stderr
    assert link.is_symlink() and link.readlink() == elsewhere
    run_cli("export", example, "-o", link, "--force")
    assert not link.is_symlink() and link.read_bytes().startswith(b"PK")
    assert not (tmp_path / "altrove").exists()


def test_simultaneous_exports_to_one_new_file_have_exactly_one_winner(
    tmp_path: Path,
) -> None:
    import shutil

    from docx import Document

    target = tmp_path / "consegna.docx"
    titles, commands = {}, []
    for number in range(6):
        root = tmp_path / f"p{number}"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
        titles[number] = f"Progetto concorrente numero {number}"
        edit(root / "progetto.yaml", 'titolo: "Valdoria Casa', f'titolo: "{titles[number]}')
        commands.append([sys.executable, "-m", "pwkit", "export", str(root), "-o", str(target)])
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    outcomes = [(p.wait(timeout=300), *p.communicate()) for p in processes]
    codes = [code for code, _, _ in outcomes]
    assert sorted(codes) == [0, 2, 2, 2, 2, 2], outcomes
    for code, _, stderr in outcomes:
        assert "Traceback" not in stderr
        if code == 2:
            assert "esiste già" in stderr, stderr
    winner = codes.index(0)
    title = Document(str(target)).core_properties.title
    assert title.startswith(titles[winner]), (title, winner)
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["consegna.docx"]


def test_output_named_in_the_projects_own_export_folder_makes_it(example: Path) -> None:
    target = example / "export" / "per-la-giunta.docx"
    run_cli("export", example, "-o", target)
    assert [p.name for p in target.parent.iterdir()] == ["per-la-giunta.docx"]


# --- the names of drafts (#15) --------------------------------------------------------------


def test_a_draft_has_its_own_default_name(example: Path) -> None:
    section = example / "sezioni" / "06-servizi.md"
    edit(section, "priorita: 1", "priorita: alta")
    out = run_cli("export", example, "--bozza")
    draft = example / "export" / "PW-VD-v1.0-bozza.docx"
    assert draft.is_file() and str(draft) in " ".join(out.stdout.split())
    edit(section, "priorita: alta", "priorita: 1")
    run_cli("export", example)
    assert sorted(p.name for p in (example / "export").iterdir()) == [
        "PW-VD-v1.0-bozza.docx",
        "PW-VD-v1.0.docx",
    ]


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("  email: chiara.bellandi@", "  email: chiara.bellandi-", "PW-VD-v1.0-bozza.docx"),
        ("  sigla: VD", "  sigla: vd?", "PW-Valdoria-v1.0-bozza.docx"),
        ('versione: "1.0"', "versione: [1]", "PW-VD-bozza.docx"),
    ],
    ids=["cover-invalid", "sigla-invalid", "versione-invalid"],
)
def test_a_draft_with_a_broken_cover_is_still_named_after_the_province(
    example: Path, old: str, new: str, name: str
) -> None:
    edit(example / "progetto.yaml", old, new)
    run_cli("export", example, "--bozza")
    assert [p.name for p in (example / "export").iterdir()] == [name]


def test_the_default_name_never_leaves_the_export_folder(example: Path) -> None:
    edit(example / "progetto.yaml", 'versione: "1.0"', 'versione: "1/../../../fuori"')
    before = sorted(p.name for p in example.parent.iterdir())
    run_cli("export", example)
    assert sorted(p.name for p in example.parent.iterdir()) == before
    [written] = (example / "export").iterdir()
    assert written.is_file() and written.name.startswith("PW-VD-v1-")


def test_export_help_says_how_drafts_are_named() -> None:
    said = " ".join(run_cli("export", "--help").stdout.split())
    assert "-bozza.docx" in said


# --- --format json: every outcome is JSON on standard output --------------------------------


def _envelope(stdout: str, outcome: str, exit_code: int) -> dict[str, object]:
    data = json.loads(stdout)
    assert (data["outcome"], data["exit_code"]) == (outcome, exit_code), data
    return data


def test_json_check_of_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    out = run_cli("check", tmp_path / "manca", "--format", "json", code=2)
    data = _envelope(out.stdout, "usage_error", 2)
    error = data["error"]
    assert isinstance(error, dict) and "non esiste" in error["message"]
    assert set(error) == {"message", "hint", "file", "line"}
    assert data["diagnostics"] == [] and data["summary"] is None


def _interrupted_upgrade(root: Path) -> Path:
    """A journal left by an upgrade killed after it wrote a new section: what it wrote."""
    written = root / "sezioni/09-strumenti-digitali.md"
    written.write_text("---\n---\nscritto dall'aggiornamento\n", encoding="utf-8")
    backup = ".pwkit/backup/20260501-120000"
    (root / backup).mkdir(parents=True)
    journal = {
        "formato": 1,
        "da": "1.0.0",
        "a": "1.1.0",
        "copia": backup,
        "file": {"sezioni/09-strumenti-digitali.md": False},
        "cartelle": [".pwkit/backup", backup],
    }
    (root / ".pwkit/aggiornamento-in-corso.json").write_text(json.dumps(journal), "utf-8")
    return written


@pytest.mark.parametrize("command", ["check", "status"])
def test_json_says_an_interrupted_upgrade_was_undone_first(example: Path, command: str) -> None:
    written = _interrupted_upgrade(example)
    out = run_cli(command, example, "--format", "json")
    data = _envelope(out.stdout, "ok", 0)
    [notice] = data["notices"]  # type: ignore[misc]
    assert "interrotto a metà" in notice and "1.0.0 → 1.1.0" in notice
    assert not written.exists()
    if command == "check":
        assert data["diagnostics"] == []


def test_json_error_keeps_the_notice_of_an_undone_upgrade(example: Path) -> None:
    _interrupted_upgrade(example)
    out = run_cli("check", example, "-f", "json", "--sezione", "99", code=2)
    data = _envelope(out.stdout, "usage_error", 2)
    [notice] = data["notices"]  # type: ignore[misc]
    assert "interrotto a metà" in notice


def test_json_status_of_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    empty = tmp_path / "vuota"
    empty.mkdir()
    out = run_cli("status", empty, "-f", "json", code=2)
    data = _envelope(out.stdout, "usage_error", 2)
    assert isinstance(data["error"], dict) and data["error"]["hint"]


def test_json_of_a_wrong_option_value_found_by_pwkit(example: Path) -> None:
    out = run_cli("check", example, "-f", "json", "--sezione", "99", code=2)
    data = _envelope(out.stdout, "usage_error", 2)
    assert isinstance(data["error"], dict) and "Le sezioni sono numerate" in data["error"]["hint"]


def test_json_of_success_keeps_its_keys_and_adds_the_outcome(example: Path) -> None:
    data = _envelope(run_cli("check", example, "-f", "json").stdout, "ok", 0)
    assert data["error"] is None and data["diagnostics"] == []
    assert data["summary"] == {
        "errors": 0,
        "warnings": 0,
        "sections_complete": 16,
        "sections_total": 16,
    }
    edit(example / "sezioni" / "06-servizi.md", "kpi: [K1, K2]", "kpi: [K1, K99]")
    data = _envelope(run_cli("check", example, "-f", "json", code=1).stdout, "document_errors", 1)
    assert len(data["diagnostics"]) == 1  # type: ignore[arg-type]
    status = _envelope(run_cli("status", example, "-f", "json").stdout, "ok", 0)
    assert {"sections", "completion", "deadline", "days_left"} <= set(status)


def test_json_of_an_internal_error(
    example: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    import pwkit.check.pipeline

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("guasto interno")

    monkeypatch.setattr(pwkit.check.pipeline, "check_project", boom)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = run_cli("check", example, "--no-cache", "-f", "json", code=3)
    data = _envelope(out.stdout, "internal_error", 3)
    error = data["error"]
    assert isinstance(error, dict) and "Errore interno" in error["message"]
    [log] = tmp_path.glob("pwkit-errore-*.log")
    assert error["log"] == str(log)


def test_json_of_an_interruption(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pwkit.check.pipeline

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pwkit.check.pipeline, "check_project", interrupted)
    out = run_cli("status", example, "--format", "json", code=130)
    _envelope(out.stdout, "interrupted", 130)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-f", "json", "--bogus"],
        ["check", "--format=json", "--sezione", "x"],
        ["status", "--bogus", "-fjson"],
    ],
    ids=lambda args: " ".join(args),
)
def test_json_of_a_mistake_in_the_command_line(args: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pwkit", *args], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    data = _envelope(out.stdout, "usage_error", 2)
    assert isinstance(data["error"], dict) and data["error"]["message"]
    assert "--help" in data["error"]["hint"]
