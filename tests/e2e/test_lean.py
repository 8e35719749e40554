"""A lean process: schemas built on first use, rich only to draw, nothing torn down at exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, edit, imported_by

SRC = str(EXAMPLE.parents[1] / "src")

#: Runs pwkit as its console script does; ``TEARDOWN`` is written if Python's exit ran.
_AS_SCRIPT = """
import atexit, os, sys
atexit.register(lambda: os.write(2, b"TEARDOWN\\n"))
sys.argv = ["pwkit", *sys.argv[1:]]
from pwkit.__main__ import run
sys.exit(run())
"""


def _pwkit(*args: str | Path, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _AS_SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC, "TMPDIR": str(tmp), **env},
    )


def test_no_schema_builds_its_validator_at_import() -> None:
    script = """
import importlib, pkgutil, pwkit
from pydantic import BaseModel
for info in pkgutil.walk_packages(pwkit.__path__, "pwkit."):
    if ".model." in info.name or ".pack." in info.name or ".upgrade." in info.name:
        importlib.import_module(info.name)
def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)
built = sorted({c.__qualname__ for c in subclasses(BaseModel)
                if c.__module__.startswith("pwkit") and c.__pydantic_complete__})
print(",".join(built))
"""
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert out.stdout.strip() == "", f"built at import: {out.stdout}"


#: A command line run as ``pwkit`` runs it, its exit code ignored (the lines after it report).
_RUN = """
import sys
sys.argv = ["pwkit", *sys.argv[1:]]
from pwkit.__main__ import start
try:
    start()
except SystemExit:
    pass
"""

_RICH_LOADED = (
    _RUN
    + """sys.stderr.write("RICH=" + str("rich" in sys.modules) + "\\n")
"""
)


@pytest.mark.parametrize("command", ["check", "status"])
def test_json_output_draws_nothing_and_loads_no_rich(example: Path, command: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _RICH_LOADED, command, str(example), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert json.loads(out.stdout)["exit_code"] == 0
    assert out.stderr.strip().splitlines()[-1] == "RICH=False", out.stderr


def test_a_finished_command_exits_without_teardown_and_keeps_its_exit_code(
    example: Path, tmp_path: Path
) -> None:
    (example / "sezioni" / "01-sintesi.md").write_text("---\n: [\n---\n", encoding="utf-8")
    done = _pwkit("check", example, "--format", "json", tmp=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "TEARDOWN" not in done.stderr
    assert json.loads(done.stdout)["exit_code"] == 1


def test_an_export_exits_early_with_its_file_whole(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "pw.docx"
    done = _pwkit("export", example, "-o", target, tmp=out, PWKIT_NO_LIBREOFFICE="1")
    assert done.returncode == 0, done.stderr
    assert "TEARDOWN" not in done.stderr
    with zipfile.ZipFile(target) as package:
        assert package.testzip() is None
        assert b"<w:body>" in package.read("word/document.xml")
    assert [p.name for p in out.iterdir()] == ["pw.docx"]


def test_usage_errors_and_crashes_keep_their_codes_and_log(example: Path, tmp_path: Path) -> None:
    usage = _pwkit("check", "--bogus", tmp=tmp_path)
    assert usage.returncode == 2
    assert "L'opzione --bogus non esiste" in usage.stderr
    crash = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pwkit.check.pipeline as p\n"
            "def boom(*a, **k):\n    raise RuntimeError('guasto interno')\n"
            "p.check_project = boom\n" + _AS_SCRIPT,
            "check",
            str(example),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC, "TMPDIR": str(tmp_path)},
    )
    assert crash.returncode == 3, crash.stderr
    assert "Errore interno di pwkit" in crash.stderr
    [log] = tmp_path.glob("pwkit-errore-*.log")
    assert "guasto interno" in log.read_text(encoding="utf-8")


def test_output_to_a_closed_pipe_is_no_traceback(example: Path, tmp_path: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    done = subprocess.run(
        [sys.executable, "-c", _AS_SCRIPT, "check", str(example), "--format", "json"],
        stdout=writer,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    os.close(writer)
    assert "Traceback" not in done.stderr


# --- check without typer: its plain command lines are read without the command-line framework

_TYPER_LOADED = """
import sys
sys.argv = ["pwkit", *sys.argv[1:]]
from pwkit.__main__ import start
try:
    start()
except SystemExit as done:
    sys.stderr.write(f"EXIT={done.code}\\n")
sys.stderr.write("TYPER=" + str("typer" in sys.modules) + "\\n")
"""

#: The same command line read by typer, always (``pwkit.cli`` as ``pwkit`` was before).
_THROUGH_TYPER = """
import sys
sys.argv = ["pwkit", *sys.argv[1:]]
from pwkit.cli import main
try:
    main()
except SystemExit as done:
    sys.stderr.write(f"EXIT={done.code}\\n")
"""

PLAIN_CHECKS = [
    [],
    ["--no-cache"],
    ["--format", "json"],
    ["-f", "json", "--strict"],
    ["--format=json", "--no-cache"],
    ["--strict", "--format", "text"],
    ["--sezione", "3", "--ignore", "PW104,orphan"],
    ["--ignore=PW104", "--sezione=11", "-f", "json"],
]


@pytest.mark.parametrize("args", PLAIN_CHECKS, ids=lambda args: " ".join(args) or "-")
def test_a_plain_check_loads_no_typer(example: Path, args: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _TYPER_LOADED, "check", str(example), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert out.stderr.strip().splitlines()[-2:] == ["EXIT=0", "TYPER=False"], out.stderr


def _run(
    script: str, args: list[str], cwd: Path, *, libreoffice: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "TMPDIR": str(cwd), "PWKIT_NO_LIBREOFFICE": "1"}
    if libreoffice:
        del env["PWKIT_NO_LIBREOFFICE"]
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )


def _both_ways(args: list[str], cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    return [_run(script, args, cwd) for script in (_TYPER_LOADED, _THROUGH_TYPER)]


def _broken(example: Path) -> Path:
    """The example with a finding of each severity and a file that does not parse."""
    piano = example / "sezioni" / "11-piano.md"
    piano.write_text(piano.read_text(encoding="utf-8") + "\n<<<<<<< HEAD\n", encoding="utf-8")
    (example / "sezioni" / "01-sintesi.md").write_text("---\n: [\n---\n", encoding="utf-8")
    return example


@pytest.mark.parametrize(
    "args",
    [
        *PLAIN_CHECKS,
        ["--strict"],
        ["--ignore", "PW999"],
        ["--format", "json", "--ignore", "PW999"],
        ["--sezione", "99"],
        ["--sezione", "99", "-f", "json"],
        ["--sezione", "x"],
        ["--format", "xml"],
        ["--bogus"],
        ["--format"],
        ["--", "--strict"],
        ["-fjson"],
        ["--strict", "--strict"],
        ["--help"],
    ],
    ids=lambda args: " ".join(args) or "-",
)
def test_a_check_says_the_same_with_or_without_typer(
    example: Path, tmp_path: Path, args: list[str]
) -> None:
    _says_the_same(["check", str(_broken(example)), *args], tmp_path)


@pytest.mark.parametrize("args", [[], ["-f", "json", "--no-cache"], ["--sezione", "3"]])
def test_a_check_of_a_clean_or_missing_project_says_the_same_with_or_without_typer(
    example: Path, tmp_path: Path, args: list[str]
) -> None:
    for where in (example, tmp_path / "assente"):
        _says_the_same(["check", str(where), *args], tmp_path)


def _says_the_same(args: list[str], tmp_path: Path) -> None:
    plain, typer = _both_ways(args, tmp_path)
    said = plain.stderr.removesuffix("\n").rsplit("\n", 1)[0] + "\n"
    assert (plain.stdout, said) == (typer.stdout, typer.stderr)


# --- export without typer: its plain command lines too

PLAIN_EXPORTS = [
    [],
    ["--bozza"],
    ["-o", "documento.docx"],
    ["--output=documento.docx", "--bozza", "--force"],
]


@pytest.mark.parametrize("args", PLAIN_EXPORTS, ids=lambda args: " ".join(args) or "-")
def test_a_plain_export_to_a_pipe_loads_neither_typer_nor_rich_nor_python_docx(
    example: Path, tmp_path: Path, args: list[str]
) -> None:
    loaded = _loaded_by("export", example, *args, cwd=tmp_path)
    assert "pwkit.render.docx.package" in loaded
    assert not {"typer", "rich", "docx"} & loaded
    assert list(tmp_path.glob("*.docx")) or list((example / "export").glob("*.docx"))


@pytest.mark.parametrize(
    "args",
    [
        *PLAIN_EXPORTS,
        ["-o", "documento.pdf"],
        ["-o", "cartella-assente/documento.docx"],
        ["--pdf"],  # LibreOffice turned off: refused, nothing written
        ["--pdf", "--bogus"],
        ["-o"],
        ["-o=documento.docx"],
        ["--force", "--force"],
        ["--help"],
    ],
    ids=lambda args: " ".join(args) or "-",
)
def test_an_export_says_the_same_with_or_without_typer(
    example: Path, tmp_path: Path, args: list[str]
) -> None:
    _exports_the_same(["export", str(example), *args], example, tmp_path)


@pytest.mark.parametrize("args", [[], ["--bozza"], ["-o", "documento.docx"]])
def test_an_export_refused_or_in_the_way_says_the_same_with_or_without_typer(
    example: Path, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "documento.docx").write_bytes(b"del referente")
    (example / "export").mkdir()
    (example / "export" / "PW-VD-v1.0-bozza.docx").write_bytes(b"del referente")
    _exports_the_same(["export", str(_broken(example)), *args], example, tmp_path)
    _exports_the_same(["export", str(tmp_path / "assente"), *args], example, tmp_path)


@pytest.mark.libreoffice
def test_an_export_to_pdf_says_the_same_with_or_without_typer(
    example: Path, tmp_path: Path
) -> None:
    args = ["export", str(example), "-o", "documento.docx", "--pdf"]
    written = _exports_the_same(args, example, tmp_path, libreoffice=True)
    assert sorted(path.name for path in written) == ["documento.docx", "documento.pdf"]


def _exports_the_same(
    args: list[str], example: Path, tmp_path: Path, *, libreoffice: bool = False
) -> dict[Path, object]:
    """Both ways say the same, exit the same and write the same files (each from scratch).

    What both wrote (each run's files are removed before the next).
    """
    before = _files(example, tmp_path)
    runs, written = [], []
    for script in (_TYPER_LOADED, _THROUGH_TYPER):
        runs.append(_run(script, args, tmp_path, libreoffice=libreoffice))
        now = _files(example, tmp_path)
        written.append({path: now[path] for path in set(now) - set(before)})
        for path in written[-1]:
            path.unlink()
    plain, typer = runs
    said = plain.stderr.removesuffix("\n").rsplit("\n", 1)[0] + "\n"
    assert (plain.stdout, said) == (typer.stdout, typer.stderr)
    assert written[0] == written[1], "the same files, part by part"
    assert _files(example, tmp_path) == before, "nothing a user had is touched"
    return written[0]


def _files(*folders: Path) -> dict[Path, object]:
    """The documents in ``folders``: a package's parts (not its zip dates), a PDF's pages as
    text (not its creation date), else the bytes."""
    return {
        path: _parts(path) if zipfile.is_zipfile(path) else _pdf_text(path)
        for folder in folders
        for path in folder.rglob("*")
        if path.suffix in {".docx", ".pdf"}
    }


def _pdf_text(path: Path) -> object:
    if not path.read_bytes().startswith(b"%PDF"):
        return path.read_bytes()
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _parts(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def test_a_check_reads_only_its_own_provincia_of_the_istat_list(fresh: Path) -> None:
    from pwkit.check import pipeline
    from pwkit.load import istat

    comuni = fresh / "dati" / "comuni.csv"
    with comuni.open("a", encoding="utf-8") as table:
        table.write("999999,Comune che non esiste,1000,10,si,1,\n")
    istat.provinces.cache_clear()
    report = pipeline.check_project(fresh).report
    assert "PW401" in {d.code for d in report.diagnostics}
    assert istat.provinces.cache_info().currsize == 0


def test_an_export_reads_only_its_own_provincia_of_the_istat_list(
    example: Path, tmp_path: Path
) -> None:
    from pwkit.api import export_document
    from pwkit.load import istat

    edit(example / "progetto.yaml", "  sigla: VD\n", "  sigla: VD\n  codice_uts: '272'\n")
    istat.provinces.cache_clear()
    export_document(example, output=tmp_path / "bozza.docx", draft=True)
    assert istat.provinces.cache_info().currsize == 0
    assert "Città metropolitana di Valdoria" in _document_text(tmp_path / "bozza.docx")


def _document_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode()


_LOADED = (
    _RUN
    + """sys.stderr.write("LOADED=" + ",".join(sorted(sys.modules)) + "\\n")
"""
)


def _loaded_by(*args: str | Path, cwd: Path | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _LOADED, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": SRC, "PWKIT_NO_LIBREOFFICE": "1"},
    )
    return set(out.stderr.strip().splitlines()[-1].removeprefix("LOADED=").split(","))


def test_a_check_loads_only_what_it_uses(example: Path) -> None:
    cold = _loaded_by("check", example, "--no-cache")
    assert {"pydantic", "yaml", "markdown_it"} <= cold
    assert not {"typer", "pwkit.pack.catalogue", "difflib", "packaging"} & cold
    assert not {"pwkit.init.answers", "pwkit.upgrade.journal"} & cold
    _loaded_by("check", example)
    cached = _loaded_by("check", example)
    assert not {"typer", "pydantic", "yaml", "shutil", "tempfile", "difflib"} & cached


#: The classes of pwkit's loaded modules that are dataclasses, once the command has run.
_DATACLASSES = (
    _RUN
    + """import dataclasses
made = sorted(
    f"{name}.{value.__qualname__}"
    for name, module in list(sys.modules.items())
    if name.startswith("pwkit")
    for value in vars(module).values()
    if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)
)
sys.stderr.write("DATACLASSES=" + ",".join(made) + "\\n")
"""
)


def test_a_check_creates_no_dataclass_of_its_own(example: Path) -> None:
    # Creating a dataclass compiles its methods (about half a millisecond each): the records
    # of a check are named tuples or plain classes.
    out = subprocess.run(
        [sys.executable, "-c", _DATACLASSES, "check", str(example), "--no-cache"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": SRC, "PWKIT_NO_LIBREOFFICE": "1"},
    )
    made = out.stderr.strip().splitlines()[-1].removeprefix("DATACLASSES=")
    assert made == "", made


def test_a_check_written_to_a_file_or_a_pipe_loads_no_rich(example: Path) -> None:
    assert "rich" not in _loaded_by("check", example, "--no-cache")
    assert "rich" not in _loaded_by("check", example)
    sezione = example / "sezioni" / "01-sintesi.md"
    sezione.write_text("---\n: [\n---\n", encoding="utf-8")
    assert "rich" not in _loaded_by("check", example, "--strict")


@pytest.mark.parametrize("variable", ["FORCE_COLOR", "TTY_COMPATIBLE"])
def test_a_check_for_a_terminal_is_still_drawn(example: Path, variable: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _AS_SCRIPT, "check", str(example)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC, variable: "1"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("\x1b[") and "sezioni complete 16/16" in out.stdout


def test_version_loads_nothing_but_pwkit_s_own_entry() -> None:
    version = imported_by(
        "-c", "import sys; sys.argv = ['pwkit', '--version']; import pwkit.__main__ as m; m.run()"
    )
    assert version - imported_by("-c", "pass") == {"pwkit", "pwkit.__main__", "gc"}
