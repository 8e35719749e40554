"""Saving a project file from the editor: never over a change made meanwhile, always undoable.

A save names the digest (sha256) of the bytes the page was made from. If the file on disk
has other bytes now (edited meanwhile in a text editor), the save is refused with
:class:`ConflictError`, which says what changed; nothing is written. Otherwise the bytes on
disk are kept in ``.pwkit/annulla/<file>`` (the previous version: ``undo`` puts it back)
and the new bytes replace the file atomically: an interruption leaves the old file whole.
"""

from __future__ import annotations

import difflib
import hashlib
import stat
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.base.fsutil import atomic_write, inside

#: Where the previous version of each saved file is kept, inside the project.
UNDO_DIR = ".pwkit/annulla"
#: Beside a kept version: the digest of what the save wrote (undo refuses to lose a later change).
_WRITTEN = ".sha256"
#: Lines of the difference a conflict shows at most.
_MAX_DIFF_LINES = 40


class ConflictError(PwkitError):
    """The file changed on disk since the page was made: the save is refused."""

    def __init__(
        self, file: str, key: str | None, expected: str, current: str, changes: list[str]
    ) -> None:
        super().__init__(
            f"Il file {file} è stato modificato da un altro programma dopo l'apertura della "
            "pagina: le modifiche della pagina non sono state salvate.",
            hint="Ricarica la pagina per vedere il file com'è ora, poi ripeti le modifiche.",
        )
        self.file = file
        self.key = key
        """The section whose page to reload (``None``: the Comuni grid)."""
        self.expected_sha256 = expected
        self.current_sha256 = current
        self.changes = changes
        """The lines changed on disk (``-`` as the page had them, ``+`` as they are now);
        empty when the page's version is no longer known."""


def sha256_of(data: bytes) -> str:
    """The hex sha256 of some bytes, as forms carry it."""
    return hashlib.sha256(data).hexdigest()


def project_path(root: Path, rel: str) -> Path:
    """The file ``rel`` inside the project (a name that leaves it is refused)."""
    path = inside(root, rel)
    if path is None:
        raise PwkitError(
            f"Il file «{rel}» è fuori dalla cartella del progetto: non viene toccato.",
            hint="Indica un file dentro la cartella del progetto.",
        )
    return path


def read_bytes(root: Path, rel: str) -> bytes:
    """The bytes of a project file (an Italian error if it cannot be read)."""
    try:
        return project_path(root, rel).read_bytes()
    except OSError as exc:
        raise PwkitError(
            f"Non riesco a leggere {rel}: {exc.strerror or exc}.",
            hint="Controlla che il file esista e non sia aperto in modo esclusivo da un altro "
            "programma.",
        ) from None


def changes(before: bytes | None, now: bytes) -> list[str]:
    """The lines that differ from ``before`` to ``now`` (``-`` old, ``+`` new)."""
    if before is None:
        return []
    old = before.decode("utf-8", "replace").splitlines()
    new = now.decode("utf-8", "replace").splitlines()
    diff = difflib.unified_diff(old, new, lineterm="", n=0)
    lines = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return lines[:_MAX_DIFF_LINES]


def save_file(
    root: Path,
    rel: str,
    new: bytes,
    expected_sha256: str,
    *,
    key: str | None,
    seen: bytes | None = None,
) -> bytes:
    """Write ``new`` to ``rel`` if it still holds the bytes of ``expected_sha256``.

    ``seen`` are the bytes the page was made from, if known: a conflict shows how the file
    changed since. Returns the bytes the file had (kept for ``undo``). A save that changes
    nothing writes nothing.
    """
    path = project_path(root, rel)
    current = read_bytes(root, rel)
    if sha256_of(current) != expected_sha256:
        raise ConflictError(rel, key, expected_sha256, sha256_of(current), changes(seen, current))
    if new == current:
        return current
    _write(project_path(root, f"{UNDO_DIR}/{rel}"), current)
    _write(project_path(root, f"{UNDO_DIR}/{rel}{_WRITTEN}"), sha256_of(new).encode())
    _write(path, new, mode=path.stat().st_mode)
    return current


def undo_file(root: Path, rel: str, *, key: str | None) -> bytes:
    """Put back the previous version of ``rel`` kept by the last save; returns its bytes.

    Refused with :class:`ConflictError` if the file changed since that save (undoing would
    lose the change).
    """
    kept = project_path(root, f"{UNDO_DIR}/{rel}")
    written = project_path(root, f"{UNDO_DIR}/{rel}{_WRITTEN}")
    try:
        previous = kept.read_bytes()
        saved = written.read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        raise PwkitError(
            f"Non c'è una versione precedente di {rel} da ripristinare.",
            hint="Si può annullare solo l'ultimo salvataggio fatto dal browser.",
        ) from None
    current = read_bytes(root, rel)
    if sha256_of(current) != saved:
        raise ConflictError(rel, key, saved, sha256_of(current), [])
    path = project_path(root, rel)
    _write(path, previous, mode=path.stat().st_mode)
    kept.unlink()
    written.unlink()
    return previous


def _write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    try:
        atomic_write(path, write)
        if mode is not None:
            path.chmod(stat.S_IMODE(mode))
    except OSError as exc:
        raise PwkitError(
            f"Non riesco a scrivere {path.name}: {exc.strerror or exc}.",
            hint="Controlla di poter scrivere nella cartella del progetto e che il file non sia "
            "aperto in modo esclusivo da un altro programma.",
        ) from None
