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

import functools
import re
from typing import Any, NamedTuple

from pwkit.load.yamldata import Parsed, parse, walk

#: Typographic quotes that open and close a value, as Word, Italian and German keyboards type.
OPENERS = "“”„‘’‚"
CLOSERS = "”“’‘"
GUILLEMETS = ("«", "»")


@functools.cache
def _wrapped_value() -> re.Pattern[str]:
    """A block value (after ``key:`` or ``- ``) in quotes, not both straight, and its comment.

    Compiled when first needed (typographic quotes, a syntax error): not by every check.
    """
    return re.compile(
        r"(?P<head>[ ]*(?:-[ ]+)*(?:[^\s\"'#\[\]{}" + OPENERS + r"«»][^#]*?:[ ]+)?)"
        r"(?P<open>[" + OPENERS + r"\"'«])(?P<body>.*?)(?P<close>[" + CLOSERS + r"\"'»])"
        r"(?P<tail>[ \t]+#.*|[ \t]*)"
    )


class Wrapped(NamedTuple):
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
    match = _wrapped_value().fullmatch(lines[line])
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


#: Values in typographic quotes read as quoted, at most, in one YAML text (each costs a parse).
MAX_REQUOTED = 50


def parse_requoting(text: str, requoted: list[Wrapped]) -> Parsed:
    """Parse ``text``, reading values in typographic quotes as quoted (as ``straighten`` does).

    A value is requoted only where YAML cannot read it as typed: the line of a syntax error,
    a key or a value cut short that begins with a typographic quote. ``requoted`` receives
    them; the parser's errors propagate.
    """
    from yaml import MarkedYAMLError

    while True:
        try:
            parsed = parse(text)
        except MarkedYAMLError as exc:
            marks = (exc.problem_mark, exc.context_mark)
            found = [w for m in marks if m and (w := wrapped(text, m.line)) is not None]
            found = found or _closed_typographically(text, exc.problem_mark)
            fixed = straighten(text, found[0]) if found else None
            if fixed is None or len(requoted) >= MAX_REQUOTED:
                raise
        else:
            found = _misread_openings(text, parsed)
            fixed = straighten(text, found[0]) if found else None
            if fixed is None or len(requoted) >= MAX_REQUOTED:
                return parsed
        requoted.append(found[0])
        text = fixed


def _closed_typographically(text: str, mark: Any) -> list[Wrapped]:
    """A value opened by a straight quote and closed by a typographic one, up to ``mark``.

    Word retyped only the closing quote: YAML reads the value on to the next straight quote,
    lines later, and stumbles there; the line to mend is the one where the value began.
    """
    last = mark.line if mark is not None else text.count("\n")
    for line, content in enumerate(text.split("\n", last + 1)[: last + 1]):
        end = content.rstrip()[-1:]
        if not end or (end not in CLOSERS and "#" not in content):
            continue  # a quick look first: most lines are not closed by a typographic quote
        found = wrapped(content, 0)
        if found is not None and found.open in "\"'" and found.close in CLOSERS:
            return [found._replace(line=line)]
    return []


def _misread_openings(text: str, parsed: Parsed) -> list[Wrapped]:
    """Values in typographic quotes that YAML read as something else.

    ``- “Selezioni: concorsi”`` became a key, ``titolo: “Progetto #1”`` a text cut at ``#``.
    """
    if not any(quote in text for quote in OPENERS):
        return []
    starts = [at for path, at in parsed.keys.items() if _opens(path[-1])]
    # A whole text that is one value has no position of its own (nothing to requote).
    starts += [parsed.values[p] for p, value in walk(parsed.data) if _opens(value) and p]
    found = ((wrapped(text, line), column) for line, column in sorted(starts))
    return [w for w, column in found if w is not None and w.column == column]


def _opens(value: Any) -> bool:
    """A text that begins with a typographic quote and does not end with one."""
    return isinstance(value, str) and value[:1] in OPENERS and value[-1:] not in CLOSERS
