"""The journal of an upgrade: what it is about to change, so that any interruption is undone.

Before changing anything, ``pwkit upgrade`` writes ``.pwkit/aggiornamento-in-corso.json``,
flushed to disk with its folder, naming the backup folder, every file the upgrade writes, moves
or deletes (and whether it existed) and every folder it creates. It then copies each existing
file into the backup, changes the project, and removes the journal: that removal is the last
step, so a journal on disk always means "not finished".

An upgrade that fails or is interrupted by a signal it can catch undoes its work at once
(:func:`roll_back`). One stopped by what cannot be caught (SIGKILL, a power cut) leaves the
journal behind, and the next pwkit command that opens the project puts the project back as it
was before doing anything else (:func:`recover_interrupted`).

The undo is always possible because project files change only after every backup copy is
complete and on disk, and the backup is removed only after every file is back: a file with a
copy in the backup is put back from it (the copy is moved, so that undoing needs no free
space), a file without one was never touched or is already back. While it
runs, the upgrade holds a lock on the journal, so a pwkit command started meanwhile on the
same project says that an upgrade is running instead of undoing it (where locks are not
available, on Windows, it would undo it: the project is still never left half-upgraded).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pwkit.base.errors import PwkitError
from pwkit.base.fsutil import flush_to_disk, link_on_path
from pwkit.base.projectdir import STATE_DIR, UPGRADE_JOURNAL, UPGRADE_JOURNAL_DRAFT

JOURNAL = UPGRADE_JOURNAL
BACKUP_DIR = f"{STATE_DIR}/backup"
_WRITING = UPGRADE_JOURNAL_DRAFT
"""The journal while it is being written: without the journal itself, nothing changed yet."""
_FORMAT = 1
_MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Journal:
    """What an upgrade is about to change in a project."""

    backup: str
    """The backup folder (project-relative), ``.pwkit/backup/<data-ora>``."""
    files: dict[str, bool]
    """Every file the upgrade writes, moves or deletes → whether it existed before."""
    folders: list[str]
    """The folders the upgrade creates (removed again when it is undone)."""
    source: str
    target: str

    def to_json(self) -> str:
        """The journal as it is stored."""
        return json.dumps(
            {
                "formato": _FORMAT,
                "da": self.source,
                "a": self.target,
                "copia": self.backup,
                "file": self.files,
                "cartelle": self.folders,
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def parse(cls, root: Path, raw: bytes) -> Journal:
        """A stored journal; anything unexpected in it (it is a file in the project) refused."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged() from None
        if not isinstance(data, dict) or data.get("formato") != _FORMAT:
            raise _damaged()
        backup, files, folders = data.get("copia"), data.get("file"), data.get("cartelle")
        source, target = data.get("da"), data.get("a")
        if not (
            isinstance(backup, str)
            and _confined(root, backup)
            and PurePosixPath(backup).parent == PurePosixPath(BACKUP_DIR)
            and isinstance(files, dict)
            and all(_confined(root, k) and isinstance(v, bool) for k, v in files.items())
            and isinstance(folders, list)
            and all(isinstance(f, str) and _confined(root, f) for f in folders)
            and isinstance(source, str)
            and isinstance(target, str)
        ):
            raise _damaged()
        return cls(backup, files, folders, source, target)


class OpenJournal:
    """The journal of the running upgrade, on disk and locked until :meth:`remove`."""

    def __init__(self, root: Path, journal: Journal) -> None:
        """Write ``journal`` into ``root`` durably and lock it (before any other change)."""
        self.root = root
        writing = root / _WRITING
        try:
            fd = os.open(writing, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            raise _busy() from None
        placed = False
        try:
            if not _lock(fd):
                raise _busy()
            data = journal.to_json().encode("utf-8")
            while data:
                data = data[os.write(fd, data) :]
            os.fsync(fd)
            if sys.platform == "win32":  # an open file cannot be renamed there
                os.close(fd)
                fd = -1
                writing.replace(root / JOURNAL)
                placed = True
                fd = os.open(root / JOURNAL, os.O_RDWR)
            else:
                writing.replace(root / JOURNAL)  # the lock follows the file
                placed = True
            flush_to_disk(root / STATE_DIR)
        except BaseException:
            if fd >= 0:
                os.close(fd)
            with contextlib.suppress(OSError):  # nothing else has changed yet
                (root / JOURNAL if placed else writing).unlink()
            raise
        self._fd = fd

    def remove(self) -> None:
        """Remove the journal (the last step of an upgrade, or of undoing one)."""
        _remove_locked(self.root, self._fd)

    def release(self) -> None:
        """Leave the journal on disk (for the next command to undo the upgrade); unlock it."""
        os.close(self._fd)


def recover_interrupted(root: Path) -> str | None:
    """Undo an upgrade of ``root`` that was stopped midway; what the user should be told.

    Called by every command that works on a project, before anything else. ``None`` (at the
    cost of two ``lstat``) when no upgrade was interrupted.
    """
    journal_path, writing = root / JOURNAL, root / _WRITING
    if not os.path.lexists(journal_path):
        if os.path.lexists(writing):
            _remove_stale(writing)
        return None
    if link_on_path(root, JOURNAL) is not None or not journal_path.is_file():
        raise _damaged()
    fd = os.open(journal_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not _lock(fd):
            raise _busy()
        raw = os.read(fd, _MAX_BYTES)
        journal = Journal.parse(root, raw)
        restored, removed = roll_back(root, journal)
        writing.unlink(missing_ok=True)
    except BaseException:
        os.close(fd)
        raise
    _remove_locked(root, fd)
    what = f"l'aggiornamento del modello ({journal.source} → {journal.target}) era stato interrotto"
    if not restored and not removed:
        return (
            f"{what} prima di cambiare i file: ho tolto la sua copia incompleta; il progetto è "
            "com'era. Per aggiornarlo ripeti pwkit upgrade."
        )
    return (
        f"{what} a metà: ho rimesso il progetto com'era prima ({restored} file ripresi dalla "
        f"copia, {removed} file nuovi tolti). Per aggiornarlo ripeti pwkit upgrade."
    )


def roll_back(root: Path, journal: Journal) -> tuple[int, int]:
    """Put every file back as it was, then remove the backup: (files put back, removed).

    It writes no new data, so that it works on the full disk that may have stopped the
    upgrade: the files the upgrade created go first, then each backup copy is moved back
    into place (a copy moved back is a file already restored, if this is ever repeated).
    """
    _remove_temporaries(root, journal.files)
    backup = root / journal.backup
    restored = removed = 0
    for rel, existed in sorted(journal.files.items()):
        path = root / rel
        if not existed and os.path.lexists(path) and not path.is_dir():
            path.unlink()
            removed += 1
    for rel, existed in sorted(journal.files.items()):
        copy, path = backup / rel, root / rel
        if existed and _is_regular(copy) and not _same_bytes(copy, path):
            _move_back(copy, path)
            restored += 1
    for folder in sorted({(root / rel).parent for rel in journal.files}):
        if folder.is_dir():
            flush_to_disk(folder)
    if _is_folder(backup):
        import shutil

        shutil.rmtree(backup)
        flush_to_disk(backup.parent)
    for created in sorted(journal.folders, key=lambda f: f.count("/"), reverse=True):
        with contextlib.suppress(OSError):  # still holds something: not ours to remove
            (root / created).rmdir()
    return restored, removed


def _move_back(copy: Path, path: Path) -> None:
    """Move a backup copy (already on disk) over ``path``; copy it where it cannot move."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        copy.replace(path)
    except OSError:  # another file system (a backup folder mounted elsewhere)
        copy_durably(copy, path)


def copy_durably(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` (bytes, mode and times), flushed to disk, atomically."""
    import shutil
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        shutil.copy2(source, tmp)
        flush_to_disk(tmp)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _remove_temporaries(root: Path, files: dict[str, Any]) -> None:
    """The temporary files of writes that were cut off (``.<name>.<8 characters>.tmp``)."""
    by_folder: dict[Path, set[str]] = {}
    for rel in files:
        path = root / rel
        by_folder.setdefault(path.parent, set()).add(path.name)
    for folder, names in by_folder.items():
        if not _is_folder(folder):
            continue
        pattern = re.compile(
            r"\.(" + "|".join(re.escape(n) for n in sorted(names)) + r")\.[a-z0-9_]{8}\.tmp"
        )
        for entry in folder.iterdir():
            if pattern.fullmatch(entry.name) and _is_regular(entry):
                entry.unlink()


def _remove_stale(writing: Path) -> None:
    """A journal being written with no journal yet: stale unless its upgrade is running."""
    fd = os.open(writing, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not _lock(fd):
            raise _busy()
    except BaseException:
        os.close(fd)
        raise
    _remove_locked(writing.parent.parent, fd, writing)


def _remove_locked(root: Path, fd: int, path: Path | None = None) -> None:
    """Remove the locked journal (or ``path``) and release the lock."""
    path = path or root / JOURNAL
    if sys.platform == "win32":  # an open file cannot be removed there
        os.close(fd)
        path.unlink(missing_ok=True)
    else:
        path.unlink(missing_ok=True)
        os.close(fd)
    flush_to_disk(path.parent)


def _lock(fd: int) -> bool:
    """Take the journal's lock without waiting (released when the process ends, even killed)."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # no locks on this file system (some network shares): go without
        return True
    return True


def _confined(root: Path, rel: str) -> bool:
    """A plain project-relative path, with no link on the way (a journal could be edited)."""
    parts = rel.split("/")
    return (
        bool(rel)
        and "\\" not in rel
        and "\0" not in rel
        and not any(part in ("", ".", "..") for part in parts)
        and not PurePosixPath(rel).is_absolute()
        and ":" not in parts[0]
        and link_on_path(root, rel) is None
    )


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _same_bytes(copy: Path, path: Path) -> bool:
    if not _is_regular(path):
        return False
    if os.lstat(copy).st_size != os.lstat(path).st_size:
        return False
    return copy.read_bytes() == path.read_bytes()


def _busy() -> PwkitError:
    return PwkitError(
        "Un aggiornamento del modello (pwkit upgrade) è in corso su questo progetto.",
        path=JOURNAL,
        hint="Aspetta che finisca, poi ripeti il comando.",
    )


def _damaged() -> PwkitError:
    return PwkitError(
        f"Un aggiornamento del modello si è interrotto, ma il suo giornale ({JOURNAL}) è "
        "danneggiato: pwkit non può rimettere da solo il progetto com'era.",
        path=JOURNAL,
        hint=f"Riprendi i file dalla copia più recente in {BACKUP_DIR}/ (ha la stessa struttura "
        f"del progetto), poi cancella {JOURNAL} e ripeti il comando.",
    )
