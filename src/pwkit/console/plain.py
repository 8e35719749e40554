"""Lines written as they are, where rich would write exactly them: to a file or a pipe.

On a terminal rich draws (colours, bold). Written to a file or a pipe, it writes the text of
its markup and nothing else, and loading it costs more than the rest of a cached
``pwkit check``: there, lines rich would leave as they are are written here. Any sign of a
terminal (the stream is one, or ``FORCE_COLOR`` / ``TTY_COMPATIBLE`` make rich take it for
one), a text rich would change, or a character the stream cannot encode leave it to rich.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

#: What rich changes in the text it prints (tabs expanded, control codes dropped), and the
#: backslash, which its markup does not always give back as written.
_CHANGED = frozenset("\t\r\x07\x08\x0b\x0c\\")
#: Environment variables with which rich may take any output for a terminal.
_TERMINAL_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE")


def write_lines(lines: list[str], *, stderr: bool = False) -> bool:
    """Write ``lines`` to standard output (or error) if rich would write just them; whether so.

    A reader that went away ends pwkit with exit code 1 and nothing more, as rich does.
    """
    stream = sys.stderr if stderr else sys.stdout
    if stream is None or not _not_a_terminal(stream) or not as_written(lines):
        return False
    text = "".join(f"{line}\n" for line in lines)
    try:
        text.encode(stream.encoding or "utf-8", stream.errors or "strict")
    except (UnicodeError, LookupError):
        return False  # rich tells the user how to set the encoding
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        raise SystemExit(1) from None
    return True


def as_written(lines: list[str]) -> bool:
    """Whether rich prints each of ``lines`` as it is (outside a terminal).

    Not so for the characters in ``_CHANGED``, nor (past the output's width) for spaces at
    the end of a line.
    """
    for line in lines:
        if not _CHANGED.isdisjoint(line):
            return False
        if any(part != part.rstrip() for part in line.split("\n")):
            return False
    return True


def _not_a_terminal(stream: TextIO) -> bool:
    """Whether rich would see ``stream`` as no terminal (and not in Jupyter, IDLE, Windows)."""
    if sys.platform == "win32" or "IPython" in sys.modules or "idlelib" in sys.modules:
        return False
    if any(name in os.environ for name in _TERMINAL_ENV):
        return False
    if getattr(stream, "rich_proxied_file", None) is not None:
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return False
