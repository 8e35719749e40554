"""File-system safety: atomic writes, no silent overwrite, paths confined to the project."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from pwkit.errors import OutputExistsError, PwkitError


def refuse_overwrite(path: Path, *, force: bool) -> None:
    """Raise unless ``path`` is free or ``force`` allows replacing it."""
    if path.is_dir():
        raise PwkitError(
            f"{path} è una cartella, non un file.",
            path=path,
            hint="Indica con -o il percorso di un file .docx.",
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise PwkitError(
                    f"{parent} è un file, non una cartella: {path} non si può scrivere lì.",
                    path=parent,
                    hint="Indica con -o un percorso in una cartella esistente o nuova.",
                )
            break
    if path.exists() and not force:
        raise OutputExistsError(
            f"Il file {path} esiste già e non è stato toccato.",
            path=path,
            hint="Usa --force per sostituirlo, oppure indica un altro file con -o.",
        )


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place.

    An interruption or failure leaves ``path`` as it was, no temporary file behind and no
    folder that was created for it.
    """
    made = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        tmp.chmod(_default_mode())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            if tmp is not None:
                tmp.unlink()
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
