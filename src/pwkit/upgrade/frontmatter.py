"""A section file's parts as an upgrade splits and joins them: front matter, body, conflicts."""

from __future__ import annotations

from dataclasses import dataclass

#: The line that opens and closes the front matter.
FENCE = "---"

#: The lines of a conflict ``pwkit upgrade`` leaves: the project's text, then the template's.
CONFLICT_START = "<<<<<<< progetto"
CONFLICT_MIDDLE = "======="
CONFLICT_END = ">>>>>>> modello"


@dataclass(frozen=True)
class Split:
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
