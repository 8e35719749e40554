"""``pwkit upgrade`` killed at any point: after the next command, before or fully upgraded.

Each case runs ``pwkit upgrade`` in its own process on its own copy of the example, lets it
pause at one point of its work (the ``PWKIT_UPGRADE_PAUSE`` test hook of
``pwkit.upgrade.apply``, inert unless that variable is set), sends it a signal there, then runs
one more ``pwkit`` command on the project. The project must then be byte for byte what it was
before the upgrade, or what an uninterrupted upgrade makes of it: never anything in between,
no temporary file, no partial backup.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, run_cli
from tests.e2e.test_hostile import snapshot
from tests.upgrade.pack import make_pack

PAUSE = "PWKIT_UPGRADE_PAUSE"
KILL, TERM = signal.SIGKILL, signal.SIGTERM


@dataclass(frozen=True)
class Kill:
    """Where ``upgrade`` is stopped, with which signal, and the command run next."""

    point: str
    """``<step>:<n>``: the n-th time (from 0) the upgrade reaches that step."""
    signal: signal.Signals
    then: str
    upgraded: bool = False
    """The upgrade was complete when stopped: the project must be fully upgraded."""

    @property
    def name(self) -> str:
        return f"{self.signal.name}-at-{self.point.replace(':', '-')}-then-{self.then}"

    @property
    def journal_left(self) -> bool:
        """Only an uncatchable signal, between the journal and its removal, leaves it."""
        return self.signal is KILL and not self.upgraded


KILLS = [
    # While the backup is being copied: no project file changed yet.
    Kill("copia:3", TERM, "check"),
    Kill("copia:3", KILL, "status"),
    # Backup complete, no project file changed yet.
    Kill("scrittura:0", KILL, "check"),
    # A new file written under its temporary name, not yet renamed into place.
    Kill("temporaneo:2", TERM, "status"),
    Kill("temporaneo:2", KILL, "export"),
    # Halfway through the project's files (progetto.yaml and sections already changed).
    Kill("scrittura:25", TERM, "status"),
    Kill("scrittura:25", KILL, "upgrade"),
    # Every file written; the journal not yet removed.
    Kill("fine:0", TERM, "check"),
    Kill("fine:0", KILL, "report"),
    # The journal removed: the upgrade is complete.
    Kill("fatto:0", TERM, "status", upgraded=True),
    Kill("fatto:0", KILL, "status", upgraded=True),
]


@dataclass
class Stopped:
    """A killed upgrade: its project, exit status and standard error."""

    root: Path
    returncode: int
    stderr: str


def _normal(state: dict[str, str]) -> dict[str, str]:
    """A snapshot with the backup's timestamp folder named ``*`` (it differs between runs)."""
    prefix = ".pwkit/backup/"
    normal: dict[str, str] = {}
    for rel, value in state.items():
        if rel.startswith(prefix):
            rest = rel[len(prefix) :].split("/", 1)
            rel = prefix + "/".join(["*", *rest[1:]])
        normal[rel] = value
    return normal


def _copy(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("export"))
    return target


def _stop(kill: Kill, root: Path, pack: Path) -> Stopped:
    """Run ``upgrade``, wait until it pauses at ``kill.point``, send the signal."""
    env = {**os.environ, PAUSE: kill.point, "PWKIT_NO_CACHE": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "pwkit", "upgrade", str(root), "--modello", str(pack)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stderr is not None
        said = []
        for line in process.stderr:
            said.append(line)
            if line.strip() == f"pwkit-pausa {kill.point}":
                process.send_signal(kill.signal)
                break
        else:
            process.kill()
            pytest.fail(f"the upgrade never paused at {kill.point}: {''.join(said)}")
        _, rest = process.communicate(timeout=60)
        return Stopped(root, process.returncode, "".join(said) + rest)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pack(tmp_path_factory.mktemp("modello") / "province-comuni-personale-1.1.0")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory, pack: Path) -> dict[str, dict[str, str]]:
    """The snapshots of the example before and after an uninterrupted upgrade."""
    folder = tmp_path_factory.mktemp("stati")
    before = _normal(snapshot(_copy(folder / "prima")))
    after = _copy(folder / "dopo")
    run_cli("upgrade", after, "--modello", pack)
    return {"before": before, "after": _normal(snapshot(after))}


@pytest.fixture(scope="module")
def stopped(tmp_path_factory: pytest.TempPathFactory, pack: Path) -> Iterator[dict[str, Stopped]]:
    """Every case of ``KILLS``, run a few at a time."""
    folder = tmp_path_factory.mktemp("interrotti")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            kill.name: pool.submit(_stop, kill, _copy(folder / kill.name / "progetto"), pack)
            for kill in KILLS
        }
        yield {name: future.result() for name, future in futures.items()}


def _next_command(kill: Kill, root: Path, pack: Path) -> str:
    """Run ``kill.then`` on the project; what it said."""
    outside = root.parent / "uscita"
    outside.mkdir(exist_ok=True)
    args: dict[str, tuple[str | Path, ...]] = {
        "check": ("check", root),
        "status": ("status", root),
        "export": ("export", root, "-o", outside / "pw.docx"),
        "report": ("report", root),
        "upgrade": ("upgrade", root, "--modello", pack, "--dry-run"),
    }
    code = 1 if kill.upgraded and kill.then in ("check", "export") else 0
    out = run_cli(*args[kill.then], code=code)
    return " ".join(out.output.split())


@pytest.mark.parametrize("kill", [pytest.param(k, id=k.name) for k in KILLS])
def test_a_stopped_upgrade_leaves_the_project_as_before_or_fully_upgraded(
    kill: Kill, stopped: dict[str, Stopped], states: dict[str, dict[str, str]], pack: Path
) -> None:
    result = stopped[kill.name]
    if kill.signal is not KILL and not kill.upgraded:
        assert result.returncode == 130, result.stderr  # rolled back, like Ctrl-C
        assert "Interrotto" in result.stderr, result.stderr
    said = _next_command(kill, result.root, pack)
    assert ("interrotto" in said) == kill.journal_left, said
    expected = states["after" if kill.upgraded else "before"]
    assert _normal(snapshot(result.root)) == expected  # no journal left: nothing more to undo


CATCHABLE = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT]


@pytest.mark.parametrize("number", [pytest.param(n, id=n.name) for n in CATCHABLE])
def test_a_catchable_signal_undoes_the_upgrade_like_ctrl_c(
    number: signal.Signals, tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pwkit.upgrade import apply as upgrade_apply

    root = _copy(tmp_path / "progetto")
    before = snapshot(root)
    reached: list[str] = []

    def pause(step: str) -> None:  # the signal arrives while the tenth file is written
        reached.append(step)
        if reached.count("temporaneo") == 10 and step == "temporaneo":
            signal.raise_signal(number)

    # A handler of the test's own: should the upgrade not catch the signal, the test fails
    # here instead of the signal ending the test run.
    stray: list[int] = []

    def stray_signal(got: int, frame: object) -> None:
        stray.append(got)

    previous = {n: signal.signal(n, stray_signal) for n in CATCHABLE}
    try:
        monkeypatch.setattr(upgrade_apply, "_pause", pause)
        out = run_cli("upgrade", root, "--modello", pack, code=130)
        after = [signal.getsignal(n) for n in CATCHABLE]
    finally:
        for n, handler in previous.items():
            signal.signal(n, handler)
    assert "Interrotto" in out.output and stray == []
    assert snapshot(root) == before
    assert all(handler is stray_signal for handler in after)  # the handlers before are back


def test_a_command_run_while_an_upgrade_works_refuses_instead_of_undoing_it(
    tmp_path: Path, pack: Path, states: dict[str, dict[str, str]]
) -> None:
    root = _copy(tmp_path / "progetto")
    env = {**os.environ, PAUSE: "scrittura:5", "PWKIT_NO_CACHE": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "pwkit", "upgrade", str(root), "--modello", str(pack)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("pwkit-pausa"):
                break
        out = run_cli("status", root, code=2)
        assert "è in corso" in " ".join(out.output.split())
        assert (root / ".pwkit/aggiornamento-in-corso.json").is_file()
        process.kill()
        process.communicate(timeout=60)
    out = run_cli("status", root)
    assert "interrotto a metà" in " ".join(out.output.split())
    assert _normal(snapshot(root)) == states["before"]


def test_a_journal_cut_off_while_written_is_removed(
    tmp_path: Path, states: dict[str, dict[str, str]]
) -> None:
    root = _copy(tmp_path / "progetto")
    (root / ".pwkit/aggiornamento-in-corso.json.tmp").write_text('{"formato": 1, "co')
    out = run_cli("check", root)
    assert "interrotto" not in out.output  # nothing had changed yet
    assert _normal(snapshot(root)) == states["before"]


@pytest.mark.parametrize(
    "journal",
    [
        pytest.param('{"formato": 1, "co', id="cut-off"),
        pytest.param(
            '{"formato": 1, "da": "1.0.0", "a": "1.1.0", "copia": ".pwkit/backup/x", '
            '"file": {"../fuori.md": false}, "cartelle": []}',
            id="file-outside-the-project",
        ),
        pytest.param(
            '{"formato": 1, "da": "1.0.0", "a": "1.1.0", "copia": "/etc", '
            '"file": {}, "cartelle": []}',
            id="backup-outside-the-project",
        ),
    ],
)
def test_a_damaged_journal_is_reported_and_nothing_is_touched(tmp_path: Path, journal: str) -> None:
    root = _copy(tmp_path / "progetto")
    (tmp_path / "fuori.md").write_text("non toccare")
    (root / ".pwkit/aggiornamento-in-corso.json").write_text(journal)
    before = snapshot(tmp_path)
    out = run_cli("check", root, code=2)
    assert "danneggiato" in out.output and ".pwkit/backup" in out.output
    assert snapshot(tmp_path) == before
