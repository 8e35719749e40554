"""Values typed between typographic quotes (“…”, ‘…’, «…») where YAML wants straight ones.

Word and many editors turn ``"`` into ``“`` or ``”`` while one types. YAML does not know those
characters as quotes: ``titolo: “Funzionaria: ufficio concorsi”`` is a syntax error (the
``: `` inside is no longer protected), ``- “Selezioni: concorsi”`` silently becomes a mapping
and ``titolo: “Progetto #1”`` loses what follows ``#``. Here such a line is recognised and its
two quotes are replaced by straight ones, one character for one character, so that every
position in the file stays where the user sees it; the straight quote is chosen so that the
text between the quotes is read exactly as typed (``"`` unless the text holds ``"`` or a
backslash, then ``'``). A text that needs escaping either way is not replaced: its error
says what to write. Guillemets «…» are text for an Italian, so they are never replaced either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Typographic quotes that open and close a value, as Word, Italian and German keyboards type.
OPENERS = "“”„‘’‚"
CLOSERS = "”“’‘"
GUILLEMETS = ("«", "»")

#: A block value (after ``key:`` or ``- ``) wrapped in quotes, one of them at least not
#: straight, with an optional comment after it.
_WRAPPED = re.compile(
    r"(?P<head>[ ]*(?:-[ ]+)*(?:[^\s\"'#\[\]{}" + OPENERS + r"«»][^#]*?:[ ]+)?)"
    r"(?P<open>[" + OPENERS + r"\"'«])(?P<body>.*?)(?P<close>[" + CLOSERS + r"\"'»])"
    r"(?P<tail>[ \t]+#.*|[ \t]*)"
)


@dataclass(frozen=True)
class Wrapped:
    """A line whose value is between quotes that are not (both) straight."""

    line: int  # 0-based
    column: int  # 0-based, of the opening quote
    head: str  # what comes before the value: indentation, «- », «key: »
    open: str
    body: str
    close: str
    tail: str

    @property
    def guillemets(self) -> bool:
        """«…»: quotes that are part of an Italian text."""
        return (self.open, self.close) == GUILLEMETS

    def straight(self) -> str | None:
        """The straight quote that reads ``body`` exactly, or ``None`` if none can."""
        if '"' not in self.body and "\\" not in self.body:
            return '"'
        return "'" if "'" not in self.body else None

    def as_written(self, content: str) -> str:
        """The line as it should be written, ``content`` between the right straight quotes."""
        if '"' not in content and "\\" not in content:
            quoted = f'"{content}"'
        else:
            quoted = "'" + content.replace("'", "''") + "'"
        return f"{self.head.strip()} {quoted}".strip()


def wrapped(text: str, line: int) -> Wrapped | None:
    """The value on ``line`` (0-based) of ``text`` if typographic quotes wrap it."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    match = _WRAPPED.fullmatch(lines[line])
    if match is None:
        return None
    found = Wrapped(
        line, match.start("open"), *match.group("head", "open", "body", "close", "tail")
    )
    typographic = found.open in OPENERS or found.close in CLOSERS or found.guillemets
    if not typographic or (found.open in GUILLEMETS) != (found.close in GUILLEMETS):
        return None
    return found


def straighten(text: str, found: Wrapped) -> str | None:
    """``text`` with the quotes of ``found`` made straight (same length), or ``None``."""
    quote = found.straight()
    if found.guillemets or quote is None:
        return None
    lines = text.split("\n")
    lines[found.line] = f"{found.head}{quote}{found.body}{quote}{found.tail}"
    return "\n".join(lines)
