"""The project files an upgrade reads and writes: regular files inside the project, no links.

``pwkit check`` refuses a link that leaves the project (PW010); an upgrade, which also writes
and copies, follows no link at all: a link anywhere on a path it reads or writes (a section,
``.pwkit/backup``, ``.pwkit`` itself) stops it before anything is read or written, and so does
a folder, a pipe or a device where a file should be. Files are opened without following links
and without waiting on a pipe.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.base.fsutil import link_on_path

_HINT_LINK = (
    "Al posto del collegamento metti una copia del file (o della cartella) dentro il progetto, "
    "poi ripeti pwkit upgrade."
)


def is_file(root: Path, rel: str) -> bool:
    """Whether ``rel`` is a regular file of the project (``False``: nothing there).

    A link on the way, or a folder, pipe or device at ``rel``, is a :class:`PwkitError`.
    """
    _refuse_links(root, rel)
    try:
        mode = os.lstat(root / rel).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    if stat.S_ISDIR(mode):
        raise PwkitError(
            f"{rel} è una cartella, ma l'aggiornamento deve scrivere lì un file.",
            path=rel,
            hint="Sposta o rinomina la cartella, poi ripeti pwkit upgrade.",
        )
    if not stat.S_ISREG(mode):
        raise _special(rel)
    return True


def is_folder_or_absent(root: Path, rel: str) -> None:
    """Refuse ``rel`` unless it is a real folder of the project or does not exist."""
    _refuse_links(root, rel)
    try:
        mode = os.lstat(root / rel).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISDIR(mode):
        raise PwkitError(
            f"{rel} dovrebbe essere una cartella, ma è un file.",
            path=rel,
            hint="Spostalo o rinominalo, poi ripeti pwkit upgrade.",
        )


def read_bytes(root: Path, rel: str, limit: int) -> bytes:
    """The bytes of the regular file ``rel`` (at most ``limit``), read without following links."""
    if not is_file(root, rel):
        raise FileNotFoundError(2, "No such file or directory", str(root / rel))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(root / rel, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced since it was looked at
            raise _special(rel)
        if info.st_size > limit:
            raise PwkitError(
                f"{rel} è troppo grande ({info.st_size / 1024 / 1024:.1f} MB; il massimo è "
                f"{limit / 1024 / 1024:.0f} MB): l'aggiornamento non lo legge.",
                path=rel,
                hint="Controlla di aver salvato il file giusto (pwkit check lo segnala), poi "
                "ripeti pwkit upgrade.",
            )
        return handle.read(limit + 1)


def read_text(root: Path, rel: str) -> str:
    """A project file's text (any line end made LF), read without following links."""
    from pwkit.load.text import MAX_FILE_BYTES

    raw = read_bytes(root, rel, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PwkitError(
            f"{rel} non è un testo UTF-8: l'aggiornamento non può unirlo.",
            path=root / rel,
            hint="Risalvalo in UTF-8 (pwkit check indica dove), poi ripeti pwkit upgrade.",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def files_under(root: Path, folder: str) -> list[str]:
    """Project-relative names of the regular files under ``folder`` (none if it is missing)."""
    is_folder_or_absent(root, folder)
    found: list[str] = []
    for top, dirs, names in os.walk(root / folder):
        for name in sorted(dirs + names):
            path = Path(top, name)
            rel = path.relative_to(root).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                raise _link(rel, path)
            if name in names:
                if not stat.S_ISREG(mode):
                    raise _special(rel)
                found.append(rel)
    return sorted(found)


def _refuse_links(root: Path, rel: str) -> None:
    link = link_on_path(root, rel)
    if link is not None:
        raise _link(link.relative_to(root).as_posix(), link)


def _link(rel: str, path: Path) -> PwkitError:
    try:
        target = f" a {path.readlink()}"
    except OSError:
        target = ""
    return PwkitError(
        f"{rel} è un collegamento (symlink){target}: pwkit upgrade non segue i collegamenti, "
        "per non leggere né scrivere nulla fuori dal progetto. Nessun file è cambiato.",
        path=rel,
        hint=_HINT_LINK,
    )


def _special(rel: str) -> PwkitError:
    return PwkitError(
        f"{rel} non è un file normale (è una coda, un dispositivo o simili): l'aggiornamento "
        "non lo legge. Nessun file è cambiato.",
        path=rel,
        hint="Al suo posto deve esserci un file: ripristinalo da una copia del progetto, poi "
        "ripeti pwkit upgrade.",
    )
