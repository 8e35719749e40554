"""File-system safety: atomic writes, no silent overwrite, paths confined to the project."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from pwkit.base.errors import OutputExistsError, PwkitError


def refuse_overwrite(path: Path, *, force: bool, new_folder: bool = False) -> None:
    """Raise unless ``path`` can be written: its folder exists and it is free (or ``force``).

    With ``new_folder`` the folder of ``path`` may be missing, because the command makes it
    (``export/`` in the project, the folder of ``schema``); the folder around it may not. A
    user's ``-o`` never creates folders: a typo in a path must not become a new folder tree.
    """
    if path.is_dir():
        raise PwkitError(
            f"{path} è una cartella, non un file.",
            path=path,
            hint="Indica con -o il percorso di un file .docx.",
        )
    made = path.parent if new_folder else None
    for parent in path.parents:
        if os.path.lexists(parent):
            if not parent.is_dir():
                raise PwkitError(
                    f"{parent} è un file, non una cartella: {path} non si può scrivere lì.",
                    path=parent,
                    hint="Indica con -o un percorso in una cartella esistente.",
                )
            break
        if parent != made:
            raise PwkitError(
                f"La cartella {parent} non esiste: {path} non è stato scritto.",
                path=parent,
                hint="Controlla il percorso dato con -o, oppure crea prima la cartella; "
                "togli -o per scrivere nella cartella export/ del progetto.",
            )
    if os.path.lexists(path) and not force:
        raise _exists(path)


def _exists(path: Path) -> OutputExistsError:
    """The refusal to replace ``path`` (a dangling link is an existing entry too)."""
    what = f"Il file {path} esiste già"
    if path.is_symlink() and not path.exists():
        what = f"{path} esiste già (è un collegamento a {path.readlink()}, che non esiste)"
    return OutputExistsError(
        f"{what} e non è stato toccato.",
        path=path,
        hint="Usa --force per sostituirlo, oppure indica un altro file con -o.",
    )


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place.

    For pwkit's own files (the cache, the files ``upgrade`` merges): whatever is at ``path``
    is replaced. An interruption or failure leaves ``path`` as it was, no temporary file
    behind and no folder that was created for it.
    """
    _write_beside(path, write, _replace(path))


def write_output(path: Path, write: Callable[[Path], None], *, force: bool) -> None:
    """Write a user's output file whole: ``write(tmp)``, then give it its name exclusively.

    Without ``force`` the name is taken with ``os.link``, which fails atomically if anything
    (a file, a folder, a dangling link) has that name, even one created a moment ago by
    another pwkit: no check-then-rename race, so of simultaneous writers exactly one wins.
    With ``force`` the file replaces what is there (a link is replaced, never followed).
    Failures leave what :func:`atomic_write` leaves: nothing.
    """
    _write_beside(path, write, _replace(path) if force else _publish(path))


def _replace(path: Path) -> Callable[[Path], None]:
    def replace(tmp: Path) -> None:
        tmp.replace(path)

    return replace


def _publish(path: Path) -> Callable[[Path], None]:
    def publish(tmp: Path) -> None:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise _exists(path) from None
        except OSError:
            _reserve_and_replace(tmp, path)  # no hard links here (FAT, some network shares)
            return
        tmp.unlink()

    return publish


def _reserve_and_replace(tmp: Path, path: Path) -> None:
    """Take the name with an exclusive create, then move the written file over it."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise _exists(path) from None
    try:
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _write_beside(
    path: Path, write: Callable[[Path], None], publish: Callable[[Path], None]
) -> None:
    """``write`` a temporary file in ``path``'s folder (made if missing), then ``publish`` it."""
    import tempfile  # only a command that writes needs it

    made = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        tmp.chmod(_default_mode())
        publish(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            for folder in made:  # innermost first; only if still empty
                folder.rmdir()
        raise


def _default_mode() -> int:
    """The mode a new file gets from the umask (``mkstemp`` would leave 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` resolved, or ``None`` if it leaves ``root`` (``..``, absolute, links).

    A symlink loop cannot be resolved anywhere: ``None`` too.
    """
    try:
        candidate = (root / relative).resolve()
        candidate.relative_to(root.resolve())
    except (ValueError, RuntimeError, OSError):
        return None
    return candidate


def link_on_path(root: Path, relative: str) -> Path | None:
    """The first symbolic link met going down from ``root`` to ``root / relative``, if any."""
    path = root
    for part in PurePosixPath(relative).parts:
        path = path / part
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return path
        except (FileNotFoundError, NotADirectoryError):
            return None
    return None


def flush_to_disk(path: Path) -> None:
    """Make a file's bytes, or a folder's list of names, survive a power cut (``fsync``).

    Where a folder cannot be flushed (Windows, some file systems), its renames are left to the
    system.
    """
    folder = path.is_dir()
    try:
        fd = os.open(path, os.O_RDONLY if folder else os.O_RDWR)
    except OSError:
        if folder:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not folder:
            raise
    finally:
        os.close(fd)


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, in Italian («non esiste.»…); ``None`` if it can.

    The sentence completes «Il file «x» …». Only ``stat`` is used: a FIFO is never opened
    (opening it would wait for a writer forever).
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "non esiste."
    except OSError:
        return "non si può leggere: controlla i permessi del file e della sua cartella."
    return mode_problem(mode)


def mode_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` cannot be read as a file: a folder, a FIFO, a device."""
    if stat.S_ISDIR(mode):
        return "è una cartella, non un file."
    if not stat.S_ISREG(mode):
        return "non è un file normale (è una coda, un dispositivo o un socket): non viene letto."
    return None


class ResolvedFile(NamedTuple):
    """A file ``progetto.yaml`` names: where it is inside the project, or why it cannot be used."""

    written: str
    """The path as written in ``progetto.yaml``."""
    path: Path | None
    """Where it is, inside the project; ``None`` when it leads outside (``..``, absolute, links)."""
    problem: str | None = None
    """Why it cannot be read as a file (completes «Il file «x» …»); ``None`` when it can."""

    @classmethod
    def resolve(cls, root: Path, written: str) -> ResolvedFile:
        """Confine ``written`` to ``root`` and say whether it is a regular file there."""
        path = inside(root, written)
        return cls(written, path, None if path is None else file_problem(path))

    @property
    def usable(self) -> bool:
        """A regular file inside the project."""
        return self.path is not None and self.problem is None


#: The resolved files by the path as written in ``progetto.yaml``.
ResolvedFiles = Mapping[str, ResolvedFile]
