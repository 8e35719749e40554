"""The outline of a section's prose: relative heading levels, markers placing generated tables."""

from __future__ import annotations

import re

#: ``<!-- tabella: costi -->``: the table ``costi`` of the section's data goes here.
_TABLE_MARKER = re.compile(r"<!--\s*tabella\s*:\s*(.*?)\s*-->", re.IGNORECASE | re.DOTALL)

#: The deepest Word heading a section's prose reaches (the chapter is level 1).
DEEPEST = 4


class Outline:
    """Turns Markdown heading levels into Word levels, one section at a time.

    Levels are relative: the first level used under the chapter becomes level 2, a deeper
    heading one level more than the heading it follows, whatever number of ``#`` it has.
    So ``###`` straight under the chapter is a 2 (no «9.1.1» without a 9.1), and ``####``
    after ``##`` is a 3 (the skipped level is a finding of ``check``, PW107).
    """

    def __init__(self) -> None:
        self._open: list[int] = []

    def level(self, markdown: int) -> int:
        """The Word level of the next heading, whose Markdown level is ``markdown`` (1–6)."""
        while self._open and self._open[-1] >= markdown:
            self._open.pop()
        self._open.append(markdown)
        return min(len(self._open) + 1, DEEPEST)


def skipped(levels: list[int]) -> list[int]:
    """Indexes of the headings (Markdown ``levels``, in order) deeper than the one before by 2+."""
    return [index for index in range(1, len(levels)) if levels[index] > levels[index - 1] + 1]


def table_markers(html: str) -> list[str]:
    """The table names of the markers in a block of raw HTML (lower case, as written)."""
    return [name.strip().lower() for name in _TABLE_MARKER.findall(html)]
