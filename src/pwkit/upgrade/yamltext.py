"""Edits of YAML *text* at the places the parser reports: everything else stays as written.

An upgrade must not reformat a user's front matter, lose a comment or change how a value is
quoted. So keys are renamed, values replaced and blocks inserted or removed as lines of text,
using the positions of ``pwkit.yamlread``; every edit is checked by parsing the result again and
comparing it with the data the edit should give. An edit that cannot be made safely raises
``EditFailed`` and the caller reports it instead of guessing.

Paths are tuples of keys and list indices; a *shape* replaces every index with ``"*"``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pwkit.base.sourcemap import Path_
from pwkit.load.yamldata import Parsed, parse

ANY = "*"


class EditFailed(Exception):
    """An edit that would not give the expected data (flow style, odd layout…)."""


def shape(path: Path_) -> Path_:
    """The path with every list index replaced by ``"*"``."""
    return tuple(ANY if isinstance(part, int) else part for part in path)


def matches(data: Any, pattern: Path_) -> Iterator[Path_]:
    """Every concrete path in ``data`` that ``pattern`` (with ``"*"`` for any index) names."""

    def walk(node: Any, rest: Path_, done: Path_) -> Iterator[Path_]:
        if not rest:
            yield done
            return
        head, tail = rest[0], rest[1:]
        if head == ANY:
            if isinstance(node, list):
                for index, item in enumerate(node):
                    yield from walk(item, tail, (*done, index))
        elif isinstance(node, dict) and head in node:
            yield from walk(node[head], tail, (*done, head))

    yield from walk(data, pattern, ())


def get(data: Any, path: Path_) -> Any:
    """The value at ``path``."""
    for part in path:
        data = data[part]
    return data


@dataclass
class YamlText:
    """A YAML document as text, with its parse."""

    text: str
    parsed: Parsed

    @classmethod
    def of(cls, text: str) -> YamlText:
        """Parse ``text`` (empty text is an empty mapping)."""
        parsed = parse(text)
        if parsed.data is None:
            parsed.data = {}
        return cls(text, parsed)

    @property
    def data(self) -> Any:
        """The plain data."""
        return self.parsed.data

    @property
    def lines(self) -> list[str]:
        """The text's lines (without line ends)."""
        return self.text.split("\n")

    def key_shapes(self) -> set[Path_]:
        """The shape of every key of the document."""
        return {shape(path) for path in self.parsed.keys}

    # --- where things are --------------------------------------------------------------

    def block(self, path: Path_) -> tuple[int, int]:
        """First and last line (0-based, inclusive) of the key at ``path`` and its value."""
        line, column = self.parsed.keys[path]
        lines = self.lines
        is_list = isinstance(get(self.data, path), list)
        last = line
        for index in range(line + 1, len(lines)):
            text = lines[index]
            stripped = text.strip()
            if not stripped:
                continue
            indent = len(text) - len(text.lstrip(" "))
            if indent > column or (is_list and indent == column and stripped.startswith("-")):
                last = index
                continue
            break
        return line, last

    def _checked(self, text: str, expected: Any) -> YamlText:
        try:
            result = YamlText.of(text)
        except Exception as exc:  # the edited text does not parse: never keep it
            raise EditFailed(str(exc)) from exc
        if _canonical(result.data) != _canonical(expected):
            raise EditFailed("il risultato non corrisponde ai dati attesi")
        return result

    # --- edits -------------------------------------------------------------------------

    def rename_key(self, path: Path_, name: str) -> YamlText:
        """The document with the key at ``path`` renamed to ``name``."""
        old = path[-1]
        line, column = self.parsed.keys[path]
        lines = self.lines
        text = lines[line]
        for written in (str(old), f'"{old}"', f"'{old}'"):
            if text.startswith(written, column):
                lines[line] = text[:column] + name + text[column + len(written) :]
                break
        else:
            raise EditFailed(f"chiave {old} non trovata dove atteso")
        expected = copy.deepcopy(self.data)
        parent = get(expected, path[:-1])
        if name in parent:
            raise EditFailed(f"la chiave {name} c'è già")
        parent[name] = parent.pop(old)
        return self._checked("\n".join(lines), expected)

    def replace_scalar(self, path: Path_, value: str) -> YamlText:
        """The document with the text value at ``path`` replaced by ``value``."""
        old = get(self.data, path)
        if not isinstance(old, str):
            raise EditFailed("il valore non è un testo")
        line, column = self.parsed.values[path]
        lines = self.lines
        text = lines[line]
        for written, new in (
            (old, value),
            (json.dumps(old, ensure_ascii=False), json.dumps(value, ensure_ascii=False)),
            (f"'{old}'", f"'{value}'"),
        ):
            if text.startswith(written, column):
                lines[line] = text[:column] + new + text[column + len(written) :]
                break
        else:
            raise EditFailed("valore scritto su più righe o in un formato inatteso")
        expected = copy.deepcopy(self.data)
        get(expected, path[:-1])[path[-1]] = value
        return self._checked("\n".join(lines), expected)

    def remove_key(self, path: Path_) -> tuple[YamlText, list[str]]:
        """The document without the key at ``path``, and the removed lines."""
        first, last = self.block(path)
        lines = self.lines
        removed = lines[first : last + 1]
        expected = copy.deepcopy(self.data)
        del get(expected, path[:-1])[path[-1]]
        remaining = lines[:first] + lines[last + 1 :]
        return self._checked("\n".join(remaining), expected), removed

    def insert_block(
        self, parent: Path_, key: str, block: list[str], value: Any, after: str | None = None
    ) -> YamlText:
        """The document with ``key`` added to the mapping at ``parent``.

        It goes after the key ``after`` (by default, after the last key). ``block`` is the
        key's text (its first line starts with the key, at column 0 of the block, as
        ``take_block`` gives it); it is indented like the mapping's other keys.
        """
        mapping = get(self.data, parent)
        if not isinstance(mapping, dict):
            raise EditFailed("il contenitore non è una mappa")
        lines = self.lines
        if mapping:
            last_key = (*parent, after if after in mapping else list(mapping)[-1])
            _, column = self.parsed.keys[last_key]
            _, end = self.block(last_key)
            at = end + 1
        elif not parent:
            column = 0
            at = _last_content_line(lines) + 1
        else:
            raise EditFailed("mappa vuota scritta in linea")
        indent = " " * column
        new_lines = [indent + text if text.strip() else text for text in block]
        expected = copy.deepcopy(self.data)
        get(expected, parent)[key] = value
        text = "\n".join(lines[:at] + new_lines + lines[at:])
        return self._checked(text, expected)

    def take_block(self, path: Path_) -> list[str]:
        """The lines of the key at ``path`` and its value, moved to column 0."""
        first, last = self.block(path)
        _, column = self.parsed.keys[path]
        taken = self.lines[first : last + 1]
        head = taken[0][column:]
        rest = [text[column:] if text[:column].strip() == "" else text for text in taken[1:]]
        return [head, *rest]


def _last_content_line(lines: list[str]) -> int:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            return index
    return -1


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
