"""The calendar is data of an edition: status and check follow the project's edition."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from pwkit.check.status import AFTER_DEADLINE, CLOSED, OPEN, programme_moment
from pwkit.pack.manifest import Edition, Phase
from pwkit.pack.registry import bundled_pack
from tests.conftest import edit, line_of, run_cli

EDITION = Edition(
    id="2025-2026",
    deadline=dt.date(2026, 4, 30),
    phases=[
        Phase(
            number=3,
            name="Accompagnamento e Project Work",
            start=dt.date(2026, 2, 3),
            end=dt.date(2026, 4, 30),
        ),
        Phase(
            number=4,
            name="Restituzione esiti dei progetti",
            start=dt.date(2026, 5, 1),
            end=dt.date(2026, 5, 31),
        ),
    ],
)


def test_the_moment_of_an_edition_on_a_fixed_day() -> None:
    before = programme_moment(EDITION, dt.date(2026, 4, 30))
    assert before.state == OPEN and before.phase is not None and before.phase.number == 3
    restitution = programme_moment(EDITION, dt.date(2026, 5, 1))
    assert restitution.state == AFTER_DEADLINE and restitution.running
    assert restitution.phase is not None and restitution.phase.number == 4
    closed = programme_moment(EDITION, dt.date(2026, 6, 1))
    assert closed.state == CLOSED and closed.phase is None


def test_a_new_project_records_its_edition(fresh: Path) -> None:
    assert 'edizione: "2025-2026"' in (fresh / "progetto.yaml").read_text(encoding="utf-8")


def test_status_after_the_deadline_says_the_phase_not_negative_days(fresh: Path) -> None:
    text = run_cli("status", fresh, "--oggi", "2026-05-02").stdout
    last = text.strip().splitlines()[-1]
    assert "fase 4 «Restituzione esiti dei progetti»" in last
    assert "passata da" not in text and "giorni" not in last
    data = json.loads(run_cli("status", fresh, "--oggi", "2026-05-02", "-f", "json").stdout)
    assert data["days_left"] is None
    assert data["programma"]["stato"] == "dopo_scadenza"
    assert data["programma"]["fase"]["numero"] == 4


def test_status_of_a_brand_new_project_after_the_edition_closed(fresh: Path) -> None:
    text = run_cli("status", fresh, "--oggi", "2026-12-07").stdout
    last = text.strip().splitlines()[-1]
    assert "L'edizione 2025-2026 del programma è chiusa" in last
    assert "passata da" not in text and "giorni" not in last
    data = json.loads(run_cli("status", fresh, "--oggi", "2026-12-07", "-f", "json").stdout)
    assert data["days_left"] is None and data["programma"]["stato"] == "chiusa"


def test_status_before_the_deadline_counts_the_days_and_names_the_phase(fresh: Path) -> None:
    text = run_cli("status", fresh, "--oggi", "2026-03-01").stdout
    assert "Mancano 60 giorni" in text and "fase 3 «Accompagnamento e Project Work»" in text


def _pack_with_next_edition(tmp_path: Path) -> Path:
    pack = tmp_path / "modello-edizioni"
    shutil.copytree(bundled_pack(), pack)
    edit(
        pack / "manifest.yaml",
        "  phases:\n",
        "  editions:\n"
        '    - id: "2026-2027"\n'
        "      deadline: 2027-04-30\n"
        "      phases:\n"
        '        - {number: 3, name: "Project Work", start: 2027-02-01, end: 2027-04-30}\n'
        '        - {number: 4, name: "Restituzione", start: 2027-05-01, end: 2027-05-31}\n'
        "  phases:\n",
    )
    return pack


def test_a_project_of_a_later_edition_follows_its_calendar(tmp_path: Path) -> None:
    project = tmp_path / "pw"
    pack = _pack_with_next_edition(tmp_path)
    run_cli("init", project, "--provincia", "MB", "--no-input", "--modello", pack)
    edit(project / "progetto.yaml", 'edizione: "2025-2026"', 'edizione: "2026-2027"')
    text = run_cli("status", project, "--oggi", "2027-03-01").stdout
    assert "Mancano 60 giorni alla scadenza del programma (30/04/2027)" in text
    edit(project / "progetto.yaml", "stato: bozza", "stato: consegnato")
    edit(project / "progetto.yaml", "data_redazione: ", "data_redazione: 2027-03-01  # ")
    out = run_cli("check", project, "-f", "json", code=1)
    assert "PW306" not in {d["code"] for d in json.loads(out.stdout)["diagnostics"]}


def test_an_unknown_edition_is_a_wrong_value_and_the_current_calendar_is_used(
    fresh: Path,
) -> None:
    edit(fresh / "progetto.yaml", 'edizione: "2025-2026"', 'edizione: "2030-2031"')
    out = run_cli("check", fresh, "-f", "json", code=1)
    found = [d for d in json.loads(out.stdout)["diagnostics"] if d["code"] == "PW006"]
    [unknown] = [d for d in found if "2030-2031" in d["message"]]
    assert unknown["file"] == "progetto.yaml"
    assert unknown["line"] == line_of(fresh / "progetto.yaml", "^edizione:")
    assert "2025-2026" in unknown["message"]
    text = run_cli("status", fresh, "--oggi", "2026-03-01").stdout
    assert "Mancano 60 giorni" in text
