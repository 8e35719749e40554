"""The check of each file, remembered by its bytes: what a long-lived editor checks again.

``pwkit apri`` checks the project after every save. What one file's own check gives (its
reading, parsing and validation findings, its source map, its data and prose) depends only
on that file's bytes and on the template's spec of it, so a file whose bytes are the same as
at the last check is not read, parsed or validated again; the cross-section rules, the
Comuni CSV and the files ``progetto.yaml`` names are always checked again, on the data of
every file. A file is recognised by a digest of its bytes, never by its size or time: an
editor that restores both is caught too.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.fsutil import inside
from pwkit.load.text import MAX_FILE_BYTES

T = TypeVar("T")


class _Entry(NamedTuple):
    digest: bytes
    spec: Any
    value: Any
    findings: tuple[Diagnostic, ...]


class CheckMemo:
    """What each file's own check gave, by file, with the digest of the bytes it was made from.

    Not thread-safe: one editor session holds one and checks under its own lock.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def recall(
        self,
        root: Path,
        rel: str,
        spec: Any,
        findings: list[Diagnostic],
        compute: Callable[[list[Diagnostic]], T],
    ) -> T:
        """``compute(findings)`` for ``rel``, or what it gave last time for the same bytes.

        ``spec`` is what else the result depends on (compared with ``==``). The findings the
        file's check made are appended to ``findings`` either way.
        """
        digest = _digest(root, rel)
        entry = self._entries.get(rel)
        if (
            digest is not None
            and entry is not None
            and (entry.digest, entry.spec) == (digest, spec)
        ):
            findings.extend(entry.findings)
            value: T = entry.value
            return value
        own: list[Diagnostic] = []
        value = compute(own)
        findings.extend(own)
        if digest is None:
            self._entries.pop(rel, None)
        else:
            self._entries[rel] = _Entry(digest, spec, value, tuple(own))
        return value

    def forget(self) -> None:
        """Check every file again next time."""
        self._entries.clear()


def _digest(root: Path, rel: str) -> bytes | None:
    """The digest of a regular file inside the project; ``None`` for anything else.

    Links leaving the project, folders, devices and files too large are left to the check,
    every time: their findings do not depend on bytes alone.
    """
    path = inside(root, rel)
    if path is None:
        return None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "blake2b").digest()
    except OSError:
        return None
