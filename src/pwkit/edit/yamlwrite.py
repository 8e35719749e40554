"""YAML text for values the editor writes, in the style project files are written in.

Texts are plain when YAML reads them back as the same text, quoted otherwise; short lists of
codes are flow lists (``[S1, S2]``), other lists and objects are blocks; a text of several
lines is a literal block. Nothing here is trusted: the editor parses what it wrote and
compares it with the data it meant (``pwkit.edit.yamledit``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pwkit.load.typoquotes import OPENERS
from pwkit.load.yamldata import resolve

#: Characters that make a text start as something other than a plain text.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`") | frozenset(OPENERS)
_FLOW_INDICATORS = frozenset(",[]{}")
#: Characters a plain text never holds: line breaks (also YAML 1.1's), tabs, controls, BOM.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
#: Characters JSON leaves as they are but YAML parsers read as line breaks or a BOM.
_ESCAPED = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
#: A code written without quotes in a flow list: ids and enumeration values.
_CODE = re.compile(r"[A-Za-z0-9_]+")
#: Flow lists longer than this are written as blocks.
FLOW_WIDTH = 80


@dataclass(frozen=True)
class Layout:
    """How a file indents: a mapping inside a mapping, a list under its key."""

    indent: int = 2
    offset: int = 2
    """Columns from a key to the dashes of its list (0: the dashes under the key)."""
    width: int = 90
    """Longest line of a folded text."""


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` written without quotes reads back as the same text."""
    if not text or text != text.strip() or _NOT_PLAIN.search(text):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(char in _FLOW_INDICATORS for char in text):
        return False
    value = resolve(text)
    return isinstance(value, str) and value == text


def double_quoted(text: str) -> str:
    """``text`` between double quotes, with JSON's escapes (which YAML reads too)."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in _ESCAPED.items():
        quoted = quoted.replace(char, escape)
    return quoted


def single_quoted(text: str) -> str | None:
    """``text`` between single quotes, if it can be (one line, no control characters)."""
    if _NOT_PLAIN.search(text):
        return None
    return "'" + text.replace("'", "''") + "'"


def scalar(value: Any, *, flow: bool = False, style: str | None = None, safe: bool = False) -> str:
    """One line of YAML for a scalar; ``style`` is how the value it replaces was quoted.

    ``safe`` writes every text between double quotes.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if not isinstance(value, str):
        raise TypeError(f"not a YAML scalar: {type(value).__name__}")
    if safe or style == '"':
        return double_quoted(value)
    if style == "'":
        quoted = single_quoted(value)
        if quoted is not None:
            return quoted
    if plain_ok(value, flow=flow):
        return value
    return double_quoted(value)


def key_text(key: Any) -> str:
    """A mapping key as YAML writes it."""
    if isinstance(key, str):
        return key if plain_ok(key, flow=True) else double_quoted(key)
    return scalar(key, flow=True)


def literal(text: str, column: int) -> list[str] | None:
    """A text of several lines as a literal block: its ``|`` header, then its lines.

    ``None`` for a text a literal block cannot hold as it is (leading spaces, lines of
    spaces only, several line ends at its end, control characters).
    """
    if "\n" not in text or text.endswith("\n\n") or text[:1] in (" ", "\t"):
        return None
    body = text.removesuffix("\n")
    lines = body.split("\n")
    if any(line and not line.strip() for line in lines) or _NOT_PLAIN.search(
        body.replace("\n", "")
    ):
        return None
    header = "|" if text.endswith("\n") else "|-"
    return [header, *(" " * column + line if line else "" for line in lines)]


def folded(
    text: str, column: int, width: int, previous: list[str] | None = None
) -> list[str] | None:
    """A text of one paragraph as a folded block (``>-``), its words wrapped at ``width``.

    ``previous`` are the lines of the block it replaces: the first and last ones the new
    text still begins and ends with are kept as they were, so an edit rewraps only its lines.
    """
    if not text or text != text.strip() or "  " in text or _NOT_PLAIN.search(text):
        return None
    words = text.split(" ")
    old = [line.strip().split(" ") for line in previous or [] if line.strip()]
    head: list[str] = []
    while old and len(old[0]) <= len(words) and words[: len(old[0])] == old[0]:
        head.append(" ".join(old[0]))
        words = words[len(old.pop(0)) :]
    tail: list[str] = []
    while old and words and len(old[-1]) <= len(words) and words[-len(old[-1]) :] == old[-1]:
        tail.insert(0, " ".join(old[-1]))
        words = words[: -len(old.pop())]
    lines = [*head, *_wrap(words, width - column), *tail]
    return [">-", *(" " * column + line for line in lines)]


def _wrap(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current] if current else lines


def flow(value: Any, *, safe: bool = False) -> str:
    """Any value on one line, in flow style."""
    if isinstance(value, dict):
        inner = ", ".join(f"{key_text(k)}: {flow(v, safe=safe)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item, safe=safe) for item in value) + "]"
    return scalar(value, flow=True, safe=safe)


def codes_list(value: list[Any]) -> str | None:
    """``[S1, S2]`` for a short list of codes; ``None`` for any other list."""
    if not all(isinstance(item, str) and _CODE.fullmatch(item) for item in value):
        return None
    text = flow(value)
    return text if len(text) <= FLOW_WIDTH and text != "[]" else None


def entry(key: Any, value: Any, column: int, layout: Layout, *, safe: bool = False) -> list[str]:
    """The lines of ``key: value`` in a block mapping whose keys are at ``column``."""
    head = " " * column + key_text(key) + ":"
    inner = column + layout.indent
    if isinstance(value, dict) and value:
        lines = [head]
        for name, item in value.items():
            lines += entry(name, item, inner, layout, safe=safe)
        return lines
    if isinstance(value, list) and value:
        codes = None if safe else codes_list(value)
        if codes is not None:
            return [f"{head} {codes}"]
        lines = [head]
        for item in value:
            lines += item_lines(item, column + layout.offset, layout, safe=safe)
        return lines
    if value is None:
        return [head]
    if isinstance(value, str) and "\n" in value and not safe:
        block = literal(value, inner)
        if block is not None:
            return [f"{head} {block[0]}", *block[1:]]
    return [f"{head} {flow(value, safe=safe)}"]


def item_lines(value: Any, dash: int, layout: Layout, *, safe: bool = False) -> list[str]:
    """The lines of one item of a block list whose dashes are at column ``dash``."""
    content = dash + 2
    if isinstance(value, dict) and value:
        lines: list[str] = []
        for name, inner in value.items():
            lines += entry(name, inner, content, layout, safe=safe)
        lines[0] = " " * dash + "- " + lines[0][content:]
        return lines
    if isinstance(value, list) and value:
        lines = []
        for inner in value:
            lines += item_lines(inner, content, layout, safe=safe)
        lines[0] = " " * dash + "- " + lines[0][content:]
        return lines
    if isinstance(value, str) and "\n" in value and not safe:
        block = literal(value, content)
        if block is not None:
            return [" " * dash + "- " + block[0], *block[1:]]
    return [" " * dash + "- " + flow(value, safe=safe)]
