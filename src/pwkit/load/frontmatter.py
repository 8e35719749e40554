"""A section file's parts: the front matter between ``---`` lines, the body, conflict markers.

The one place that knows how a section file is laid out: the loader reads it, ``pwkit upgrade``
splits and joins it and writes conflict markers that ``pwkit check`` then finds (PW012).
"""

from __future__ import annotations

from typing import NamedTuple

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding

#: The line that opens and closes the front matter.
FENCE = "---"

#: The lines of a conflict ``pwkit upgrade`` leaves: the project's text, then the template's.
CONFLICT_START = "<<<<<<< progetto"
CONFLICT_MIDDLE = "======="
CONFLICT_END = ">>>>>>> modello"
#: How a conflict's first and last lines begin (whatever label follows).
_START_PREFIX, _END_PREFIX = CONFLICT_START[:7], CONFLICT_END[:7]


class Split(NamedTuple):
    """A section file split at its front matter.

    ``front`` is the YAML text between the ``---`` lines (``None`` if the file does not start
    with one, or never closes it: then ``body`` is the whole text); ``body_line`` is the
    1-based line of the file where ``body`` starts.
    """

    front: str | None
    body: str
    body_line: int = 1
    unclosed: bool = False
    """The file opens a front matter and never closes it."""


def split_front_matter(text: str) -> Split:
    """Split ``text`` into front matter and body (see :class:`Split`)."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return Split(None, text)
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return Split("\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2)
    return Split(None, text, unclosed=True)


def join_front_matter(front: str | None, body: str) -> str:
    """A section file from its front matter (``None``: none) and body."""
    if front is None:
        return body
    return f"{FENCE}\n{front}\n{FENCE}\n{body}" if front else f"{FENCE}\n{FENCE}\n{body}"


def conflict_block(ours: list[str], theirs: list[str], version: str) -> list[str]:
    """The lines of a conflict between the project's lines and the template's ``version``."""
    return [CONFLICT_START, *ours, CONFLICT_MIDDLE, *theirs, f"{CONFLICT_END} {version}"]


def find_conflicts(text: str, first_line: int = 1) -> list[tuple[int, int | None]]:
    """(first, last) line of each conflict in ``text``; ``last`` is ``None`` if never closed.

    ``first_line`` is the file line of the first line of ``text``.
    """
    found: list[tuple[int, int | None]] = []
    start: int | None = None
    for index, line in enumerate(text.split("\n")):
        number = first_line + index
        if line.startswith(_START_PREFIX):
            start = number
        elif line.startswith(_END_PREFIX) and start is not None:
            found.append((start, number))
            start = None
    if start is not None:
        found.append((start, None))
    return found


def conflict_markers(rel: str, text: str, first_line: int = 1) -> list[Diagnostic]:
    """PW012 for each block of conflict markers ``pwkit upgrade`` left in ``text``."""
    return [_conflict(rel, start, end) for start, end in find_conflicts(text, first_line)]


def _conflict(rel: str, start: int, end: int | None) -> Diagnostic:
    lines = f"righe {start}–{end}" if end is not None else f"dalla riga {start}"
    return finding(
        "PW012",
        f"Conflitto non risolto tra il testo del progetto e quello del modello ({lines}).",
        f"Tieni il testo giusto (o unisci le due versioni) e cancella le righe «{CONFLICT_START}», "
        f"«{CONFLICT_MIDDLE}» e «{CONFLICT_END} …».",
        Location(rel, start, 1),
    )
