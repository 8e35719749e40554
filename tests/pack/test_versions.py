"""Template 1.1.0 beside 1.0.0: a project pinned to 1.0.0 is checked with 1.0.0 and upgrades."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pwkit.load.frontmatter import split_front_matter
from pwkit.load.yamldata import parse
from pwkit.pack.registry import bundled_pack, older_versions
from pwkit.validate.manifest import load_manifest
from tests.conftest import REPO, edit, run_cli

VALDORIA_1_0 = REPO / "tests" / "data" / "valdoria-1.0.0"
#: The keys template 1.1.0 adds to the data of the sections, by file.
NEW_KEYS = {
    "sezioni/04-buone-pratiche.md": "fonte_data",
    "sezioni/06-servizi.md": "trattamento_dati",
    "sezioni/07-organizzazione.md": "capacita_assunzionale",
}


@pytest.fixture
def valdoria_1_0(tmp_path: Path) -> Path:
    target = tmp_path / "valdoria"
    shutil.copytree(VALDORIA_1_0, target)
    return target


def _codes(project: Path, *extra: str, code: int = 0) -> list[str]:
    out = run_cli("check", project, "-f", "json", *extra, code=code)
    return [d["code"] for d in json.loads(out.stdout)["diagnostics"]]


def test_both_versions_are_bundled() -> None:
    assert load_manifest(bundled_pack()).version == "1.1.0"
    assert older_versions() == ["1.0.0"]
    assert load_manifest(bundled_pack(version="1.0.0")).version == "1.0.0"


def test_init_with_1_0_0_pins_it_and_checks_with_it(tmp_path: Path) -> None:
    project = tmp_path / "pw"
    run_cli(
        "init",
        project,
        "--provincia",
        "MB",
        "--no-input",
        "--modello",
        "province-comuni-personale@1.0.0",
    )
    text = (project / "progetto.yaml").read_text(encoding="utf-8")
    assert "modello: province-comuni-personale@1.0.0" in text and "edizione" not in text
    services = (project / "sezioni" / "06-servizi.md").read_text(encoding="utf-8")
    assert "trattamento_dati" not in services
    out = run_cli("check", project, "-f", "json", code=1)
    [old] = [d for d in json.loads(out.stdout)["diagnostics"] if d["code"] == "PW011"]
    assert "resta controllato con la 1.0.0" in old["message"]
    # and it upgrades: the template's new keys come in, nothing but placeholders to fill
    assert "1.0.0 → 1.1.0" in run_cli("upgrade", project).stdout
    text = (project / "progetto.yaml").read_text(encoding="utf-8")
    assert "@1.1.0" in text and 'edizione: "2025-2026"' in text
    out = run_cli("check", project, "-f", "json", code=1)
    codes = {d["code"] for d in json.loads(out.stdout)["diagnostics"]}
    assert codes <= {"PW101", "PW103", "PW105"}, codes


def test_init_refuses_a_version_pwkit_does_not_ship(tmp_path: Path) -> None:
    out = run_cli(
        "init",
        tmp_path / "pw",
        "--no-input",
        "--modello",
        "province-comuni-personale@0.5.0",
        code=2,
    )
    assert "non include il modello" in out.stderr
    assert not (tmp_path / "pw").exists()


def test_a_complete_1_0_0_project_checks_clean_under_1_0_0(valdoria_1_0: Path) -> None:
    assert _codes(valdoria_1_0) == ["PW011"]
    # a key of 1.1.0 is unknown to the 1.0.0 schema the project is checked with
    edit(
        valdoria_1_0 / "sezioni" / "06-servizi.md",
        "    kpi: [K1, K2]\n",
        "    kpi: [K1, K2]\n    misure_anticorruzione: [Rotazione dei commissari]\n",
    )
    assert "PW005" in _codes(valdoria_1_0, code=1)


def test_a_1_0_0_project_upgrades_to_1_1_0_with_only_the_new_fields_to_fill(
    valdoria_1_0: Path,
) -> None:
    before = {
        rel: parse(split_front_matter((valdoria_1_0 / rel).read_text("utf-8")).front or "").data
        for rel in NEW_KEYS
    }
    out = run_cli("upgrade", valdoria_1_0)
    assert "1.0.0 → 1.1.0" in out.stdout
    text = (valdoria_1_0 / "progetto.yaml").read_text(encoding="utf-8")
    assert "modello: province-comuni-personale@1.1.0" in text
    for rel, key in NEW_KEYS.items():
        now = (valdoria_1_0 / rel).read_text(encoding="utf-8")
        assert f"{key}:" in now and "DA COMPILARE" in now
        data = parse(split_front_matter(now).front or "").data
        for name, value in before[rel].items():
            assert data[name] == value or isinstance(value, list), (rel, name)
    out = run_cli("check", valdoria_1_0, "-f", "json", code=1)
    found = json.loads(out.stdout)["diagnostics"]
    assert {d["code"] for d in found} <= {"PW101", "PW105", "PW006"}
    assert {d["file"] for d in found} <= set(NEW_KEYS)
