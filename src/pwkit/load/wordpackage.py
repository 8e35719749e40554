"""A Word .docx given by the user (the reference document), read as untrusted input.

A .docx is a zip: a few KB on disk can expand to gigabytes, its index can declare sizes
that its data does not have, and its XML can hold anything. Every zip pwkit reads goes
through ``read_docx``, which reads the file once, within the limits below, and checks that it
holds a Word document before anything parses it. ``check`` (PW013) and ``export`` give the
same answer because they call the same function.

The limits, in one place:

- ``MAX_PART_BYTES`` (50 MB) per part once decompressed. A reference document matters for
  its styles: its ``styles.xml`` is well under 1 MB even in large corporate templates; the
  biggest legitimate parts are pictures and embedded fonts (a full CJK font is about 20 MB).
- ``MAX_TOTAL_BYTES`` (200 MB) for the file and for all its parts once decompressed: python-docx
  keeps every part in memory and parses the XML ones (several times their size), so this keeps
  an export well under a gigabyte while accepting a template full of pictures.
- ``MAX_PARTS`` (5,000) parts: Word writes a few dozen, a few hundred with many pictures.
  They are counted before the zip's index is parsed (each entry costs memory).

Both the sizes the zip's index declares and the bytes actually decompressed are counted: a
part whose data does not match what the index says is reported as damaged.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pwkit.base.fsutil import mode_problem
from pwkit.base.italian import number
from pwkit.load.wordparts import (
    HINT_FIX,
    RESAVE,
    Contents,
    PackageProblem,
    XmlPart,
    check_structure,
    damaged,
    not_a_docx,
)

if TYPE_CHECKING:
    import zipfile

MB = 1024 * 1024
MAX_PART_BYTES = 50 * MB
MAX_TOTAL_BYTES = 200 * MB
MAX_PARTS = 5_000

_CHUNK = 64 * 1024
#: How each entry of a zip's index (central directory) starts.
_DIRECTORY_ENTRY = b"PK\x01\x02"


def size_text(size: int) -> str:
    """A size as an Italian reads it: «800 KB», «50 MB», «60,5 MB», «3,5 GB»."""
    if size >= 1024 * MB:
        return f"{size / 1024 / MB:.1f} GB".replace(".", ",")
    if size >= MB:
        whole = size % MB == 0
        return f"{size // MB} MB" if whole else f"{size / MB:.1f} MB".replace(".", ",")
    return f"{-(-size // 1024)} KB"


def _limits() -> str:
    return f"{size_text(MAX_PART_BYTES)} per parte, {size_text(MAX_TOTAL_BYTES)} in tutto"


def _too_big(what: str) -> PackageProblem:
    return PackageProblem(
        f"è troppo grande: {what} (il massimo è {_limits()}).",
        "Un documento di riferimento serve solo per gli stili: usa un documento Word con poche "
        f"pagine, senza immagini pesanti, {HINT_FIX}.",
    )


# -- sizes -------------------------------------------------------------------------------


@dataclass
class Budget:
    """Decompressed bytes allowed: per part and in total; ``used`` so far."""

    part: int = field(default_factory=lambda: MAX_PART_BYTES)
    total: int = field(default_factory=lambda: MAX_TOTAL_BYTES)
    used: int = 0

    def spend(self, name: str, size: int, added: int) -> None:
        """Count ``added`` bytes of part ``name``, which has ``size`` bytes so far."""
        self.used += added
        if size > self.part:
            raise _too_big(
                f"la parte «{name}» occupa più di {size_text(self.part)} una volta decompressa"
            )
        if self.used > self.total:
            raise _too_big(f"una volta decompresso occupa più di {size_text(self.total)}")


def read_part(
    stream: IO[bytes], name: str, budget: Budget, feed: Callable[[bytes], object] | None = None
) -> int:
    """Read a part to its end, counting its bytes against ``budget``; how many there were.

    ``feed`` receives each chunk (to parse or keep it) once it has been counted.
    """
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        budget.spend(name, size, len(chunk))
        if feed is not None:
            feed(chunk)
    return size


# -- reading -----------------------------------------------------------------------------


def read_docx(path: Path) -> bytes:
    """The bytes of the .docx at ``path``, checked: within the limits, a Word document inside.

    Raises ``PackageProblem`` (what is wrong, in Italian) or ``OSError``. A FIFO or a device
    is never opened for reading in a way that could block.
    """
    raw = _read_file(path)
    check_docx(raw, path)
    return raw


def _read_file(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        problem = mode_problem(info.st_mode)
        if problem is not None:
            raise PackageProblem(problem, f"Indica un file .docx, {HINT_FIX}.")
        if info.st_size > MAX_TOTAL_BYTES:
            raise _too_big(f"il file occupa {size_text(info.st_size)}")
        raw = handle.read(MAX_TOTAL_BYTES + 1)
    if len(raw) > MAX_TOTAL_BYTES:
        raise _too_big(f"il file occupa più di {size_text(MAX_TOTAL_BYTES)}")
    return raw


def check_docx(raw: bytes, path: Path) -> None:
    """Raise ``PackageProblem`` unless ``raw`` is a .docx within the limits (see the module)."""
    import zipfile

    entries = raw.count(_DIRECTORY_ENTRY)
    if entries > MAX_PARTS:
        raise _too_many(entries)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        raise not_a_docx(path) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise _too_many(len(members))
        names = {member.filename for member in members}
        if not {"[Content_Types].xml", "_rels/.rels"} <= names:  # an OPC package has both
            raise not_a_docx(path)
        _check_declared(members)
        contents = Contents()
        actual = Budget()
        for member in members:
            _read_member(archive, member, actual, contents)
    check_structure(contents, path)


def _check_declared(members: list[zipfile.ZipInfo]) -> None:
    """The sizes the zip's index declares, before anything is decompressed."""
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            raise _too_big(
                f"la parte «{member.filename}» occupa {size_text(member.file_size)} una volta "
                "decompressa"
            )
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise _too_big(f"una volta decompresso occupa {size_text(total)}")


def _too_many(count: int) -> PackageProblem:
    return PackageProblem(
        f"contiene troppe parti ({number(count)}; il massimo è {number(MAX_PARTS)}).",
        f"{RESAVE}, {HINT_FIX}.",
    )


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: Budget, contents: Contents
) -> None:
    import zipfile
    import zlib

    name = member.filename
    contents.names.add(name)
    xml = XmlPart(name, contents) if name.lower().endswith((".xml", ".rels")) else None
    try:
        with archive.open(member) as stream:
            read_part(stream, name, budget, None if xml is None else xml.feed)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise damaged(
            f"la parte «{name}» non corrisponde a quanto dichiarato nell'indice del file."
        ) from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise damaged(f"la parte «{name}» è compressa o cifrata in modo non leggibile.") from exc
    if xml is not None:
        xml.close()
