"""``apply_upgrade``: doing what a plan says, so that the project ends upgraded or as it was.

The order: the journal, flushed to disk (see ``journal``); a copy of every existing file the
plan touches in ``.pwkit/backup/<data-ora>/``, each flushed to disk; the project's files
written (each through a temporary file, flushed, then renamed), moved and deleted; the journal
removed, last. A failure, Ctrl-C, SIGTERM, SIGHUP or SIGQUIT on the way puts every file back
and removes the backup; SIGKILL or a power cut leave the journal, and the next pwkit command
on the project puts every file back.

Test hook: with the environment variable ``PWKIT_UPGRADE_PAUSE=<step>:<n>``, the n-th time
(from 0) the upgrade reaches ``<step>`` it writes ``pwkit-pausa <step>:<n>`` on standard error
and waits a minute, so that a test can stop it exactly there
(``tests/upgrade/test_interrupted.py``). The steps: ``giornale`` (before the journal),
``copia`` (before a backup copy), ``scrittura`` (before a project file is written),
``temporaneo`` (a file complete under its temporary name, not yet renamed), ``fine`` (all
written, the journal still there), ``fatto`` (the journal removed). Without the variable —
always, outside the tests — the hook does nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from pwkit.base.errors import PwkitError, os_failure
from pwkit.base.fsutil import atomic_write, flush_to_disk
from pwkit.base.projectdir import STATE_DIR
from pwkit.upgrade.files import is_file
from pwkit.upgrade.journal import BACKUP_DIR, Journal, OpenJournal, copy_durably, roll_back
from pwkit.upgrade.plan import UpgradePlan

PAUSE_ENV = "PWKIT_UPGRADE_PAUSE"
_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None
_pauses: dict[str, int] = {}


def apply_upgrade(plan: UpgradePlan, *, now: dt.datetime | None = None) -> Path:
    """Do what ``plan`` says; every touched file is first copied to the returned backup."""
    root = plan.root
    backup = _backup_folder(root, now)
    journal = Journal(
        backup=backup,
        files={rel: is_file(root, rel) for rel in plan.touched},
        folders=_new_folders(root, [backup, *(_parent(rel) for rel in plan.touched)]),
        source=plan.old_version,
        target=plan.manifest.version,
    )
    _pauses.clear()
    opened: OpenJournal | None = None
    with _Signals() as signals:
        try:
            _pause("giornale")
            opened = OpenJournal(root, journal)
            _copy_to_backup(root, journal)
            _change(root, plan)
            _pause("fine")
            signals.defer()  # removing the journal completes the upgrade: nothing stops it now
            opened.remove()
        except BaseException as exc:
            if opened is not None:
                signals.defer()  # a second Ctrl-C must not cut the undoing short
                _undo(root, journal, opened, exc)
            raise
    _pause("fatto")
    return root / backup


def _backup_folder(root: Path, now: dt.datetime | None) -> str:
    """``.pwkit/backup/<data-ora>``; two upgrades in the same second keep both backups."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    backup, copies = f"{BACKUP_DIR}/{stamp}", 1
    while os.path.lexists(root / backup):
        copies += 1
        backup = f"{BACKUP_DIR}/{stamp}-{copies}"
    return backup


def _parent(rel: str) -> str:
    return rel.rpartition("/")[0]


def _new_folders(root: Path, folders: list[str]) -> list[str]:
    """Which of ``folders`` (project-relative), or of the folders above them, do not exist."""
    missing: set[str] = set()
    for folder in folders:
        parts = folder.split("/") if folder else []
        for depth in range(1, len(parts) + 1):
            above = "/".join(parts[:depth])
            if not os.path.lexists(root / above):
                missing.add(above)
    return sorted(missing)


def _copy_to_backup(root: Path, journal: Journal) -> None:
    """Every existing touched file into the backup, flushed to disk before any change."""
    backup = root / journal.backup
    folders = {backup, backup.parent, root / STATE_DIR}
    for rel, existed in journal.files.items():
        if existed:
            _pause("copia")
            copy_durably(root / rel, backup / rel)
            folders.add((backup / rel).parent)
    for folder in sorted(folders, reverse=True):
        if folder.is_dir():
            flush_to_disk(folder)


def _change(root: Path, plan: UpgradePlan) -> None:
    """Write, move and delete the project's files as the plan says."""
    for rel, text in plan.writes.items():
        if rel in plan.moves:
            continue
        _pause("scrittura")
        _write(root / rel, text)
    for rel, destination in plan.moves.items():
        _pause("scrittura")
        _write(root / destination, plan.writes[rel])
        (root / rel).unlink(missing_ok=True)
    for rel in plan.deletes:
        (root / rel).unlink(missing_ok=True)
    for folder in sorted({(root / rel).parent for rel in plan.touched}, reverse=True):
        if folder.is_dir():
            flush_to_disk(folder)


def _write(path: Path, text: str) -> None:
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        flush_to_disk(tmp)
        _pause("temporaneo")

    atomic_write(path, write)


def _undo(root: Path, journal: Journal, opened: OpenJournal, cause: BaseException) -> None:
    """Put the project back after ``cause``; if even that fails, the journal stays for later."""
    try:
        roll_back(root, journal)
        opened.remove()
    except BaseException as failure:
        opened.release()
        reason = os_failure(failure).message if isinstance(failure, OSError) else str(failure)
        raise PwkitError(
            f"L'aggiornamento si è fermato e non ho potuto rimettere tutti i file com'erano "
            f"({reason.rstrip('.')}). Le copie dei file sono in {journal.backup}/.",
            hint="Il prossimo comando pwkit su questo progetto riproverà a rimetterli a posto: "
            "se serve, prima libera spazio sul disco.",
        ) from cause


def _pause(step: str) -> None:
    """The test hook (see the module's docstring): nothing unless ``PWKIT_UPGRADE_PAUSE``."""
    wanted = os.environ.get(PAUSE_ENV)
    if not wanted:
        return
    count = _pauses[step] = _pauses.get(step, -1) + 1
    if wanted == f"{step}:{count}":
        sys.stderr.write(f"pwkit-pausa {wanted}\n")
        sys.stderr.flush()
        time.sleep(60)


class _Signals:
    """While an upgrade applies, SIGTERM, SIGHUP and SIGQUIT interrupt it as Ctrl-C does.

    The first signal raises ``KeyboardInterrupt``, so that the upgrade is undone and the
    command ends with exit code 130. After :meth:`defer` (while the journal is removed, or
    while undoing), a signal waits until the previous handlers are back, then goes to them.
    """

    _NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGBREAK")

    def __init__(self) -> None:
        self._previous: dict[int, _Handler] = {}
        self._deferred: list[int] = []
        self._deferring = False
        self._raised = False

    def __enter__(self) -> _Signals:
        if threading.current_thread() is not threading.main_thread():
            return self  # only the main thread may set handlers (and receives signals)
        for name in self._NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def defer(self) -> None:
        """From now on, hold signals until the end."""
        self._deferring = True

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self._deferring:
            self._deferred.append(number)
        elif not self._raised:
            self._raised = True
            raise KeyboardInterrupt

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in self._deferred:
            signal.raise_signal(number)
