"""Placeholders a draft leaves visible: ``[[DA COMPILARE: …]]`` in prose, ``DA COMPILARE`` values.

Prose and tables share them: each writes its text and, in a draft, highlights the
placeholders in yellow (``oxml.run_element``) as a reviewer would mark text still to write.
"""

from __future__ import annotations

import re

_PLACEHOLDER_START = re.compile(r"\[\[\s*DA COMPILARE")
_PLACEHOLDER_END = "]]"
#: A data value left as in the template (``DA COMPILARE: …``).
DATA_PLACEHOLDER = "DA COMPILARE"


def split_placeholders(text: str, inside: bool) -> tuple[list[tuple[str, bool]], bool]:
    """Pieces of ``text``, each with whether it is inside a ``[[DA COMPILARE: …]]``.

    ``inside`` is the state at the start of the text and the second value the state at its
    end: a placeholder may span several runs (across a line break or bold text).
    """
    pieces: list[tuple[str, bool]] = []
    position = 0
    while position < len(text):
        if inside:
            end = text.find(_PLACEHOLDER_END, position)
            if end < 0:
                pieces.append((text[position:], True))
                break
            end += len(_PLACEHOLDER_END)
            pieces.append((text[position:end], True))
            position, inside = end, False
        else:
            match = _PLACEHOLDER_START.search(text, position)
            if match is None:
                pieces.append((text[position:], False))
                break
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            position, inside = match.start(), True
    return pieces, inside


def is_data_placeholder(text: str) -> bool:
    """A table value still as the template left it."""
    return text.strip().startswith(DATA_PLACEHOLDER)
