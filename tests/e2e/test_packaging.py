"""The template pack and the ISTAT list are found by a wheel install and an editable install."""

from __future__ import annotations

import csv
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

#: The ISTAT data and the name tables pwkit reads at run time.
DATA_FILES = (
    "istat-comuni.csv",
    "istat-sardegna-2026-ricodifica.csv",
    "istat-fusioni-2026.csv",
    "province-alias.json",
    "denominazioni.json",
    "README.md",
)


def _venv(tmp_path: Path) -> Path:
    """A fresh venv that sees this environment's dependencies but not its pwkit."""
    env = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    site = next((env / "lib").glob("python3*/site-packages"))
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return env


def _init_in(env: Path, tmp_path: Path) -> tuple[str, Path]:
    target = tmp_path / "prova-mb"
    where = subprocess.run(
        [
            str(env / "bin" / "python"),
            "-c",
            "import pwkit.pack.registry as t; print(t.templates_root())",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        [str(env / "bin" / "pwkit"), "init", str(target), "--provincia", "MB", "--no-input"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    return where, target


def _assert_initialised(target: Path) -> None:
    assert len(list((target / "sezioni").glob("*.md"))) == 16
    with (target / "dati" / "comuni.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 55


def _assert_rules_explained(env: Path, tmp_path: Path) -> None:
    """The installed pwkit reads its rule catalogue from the wheel."""
    shown = subprocess.run(
        [str(env / "bin" / "pwkit"), "rules", "PW401"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "PW401/istat-code (errore)" in shown and "Sbagliato" in shown, shown


def test_wheel_install_carries_templates_and_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("pwkit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"pwkit/data/{name}" for name in DATA_FILES} <= names, sorted(names)
    assert "pwkit/render/docx/styles.xml" in names  # the Word styles are data too
    assert "pwkit/pack/catalogue.yaml" in names, sorted(names)
    env = _venv(tmp_path)
    subprocess.run(
        [
            str(env / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    where, target = _init_in(env, tmp_path)
    assert where.startswith(str(env)) and where.endswith("_templates"), where
    _assert_initialised(target)
    _assert_rules_explained(env, tmp_path)


def test_editable_install_finds_the_repository_templates(tmp_path: Path) -> None:
    env = _venv(tmp_path)
    subprocess.run(
        [
            str(env / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-e",
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    where, target = _init_in(env, tmp_path)
    assert Path(where) == REPO / "templates"
    _assert_initialised(target)
