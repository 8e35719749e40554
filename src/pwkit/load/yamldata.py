"""YAML text → plain data and the position of every key and value, from the parser's events.

The events come from libyaml (PyYAML's C parser; its Python parser where libyaml is missing),
and pwkit builds the data itself, in one pass:

- plain scalars are resolved by the YAML 1.2 core schema (``yes`` is text, ``010`` is 10);
  dates stay text, because the schemas read them and an impossible date must become a finding
  at its place, not a parser exception;
- what project files never need is refused before anything is built: anchors and aliases
  («billion laughs»), tags other than the standard ones (``!!python/...``), more than one
  document, ``%`` directives, nesting deeper than ``MAX_DEPTH``;
- a repeated key is reported at its second occurrence;
- where a value is a number out of range (an integer beyond ``MAX_INT``, infinity, NaN) is
  recorded, for the schema check to report the first one.

It is about thirty times faster than a round-trip load, which is what keeps ``pwkit check``
instant. Positions are 0-based (line, column) within ``text``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from pwkit.base.sourcemap import Path_, Position

#: Nesting deeper than this is a mistake (the data of a project work has few levels).
MAX_DEPTH = 50
#: Integers beyond this are typing mistakes (and break number formatting in Word).
MAX_INT = 10**15

#: The tags a project file may carry: the standard YAML types, nothing that builds objects.
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema).
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_MAY_RESOLVE = frozenset("~nNtTfF+-.0123456789")
"""First characters of every non-text plain scalar: any other is text (the common case)."""

#: YAML 1.1 parsers (libyaml) break lines at NEL, LS and PS; YAML 1.2 and pwkit's line
#: numbers do not. They are swapped for private-use stand-ins while parsing.
_BREAKS = str.maketrans({"\x85": "\ue085", "\u2028": "\ue028", "\u2029": "\ue029"})
_UNBREAKS = str.maketrans({"\ue085": "\x85", "\ue028": "\u2028", "\ue029": "\u2029"})


class YamlProblem(Exception):
    """YAML pwkit does not read: ``kind`` says why, ``position`` where (0-based)."""

    def __init__(self, kind: str, position: Position, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.position = position
        self.detail = detail


class Parsed:
    """Plain data (dict, list, str, int, float, bool, None) and where each part is."""

    __slots__ = ("data", "keys", "out_of_range", "texts", "values")

    def __init__(self, data: Any) -> None:
        self.data = data
        self.keys: dict[Path_, Position] = {}
        self.values: dict[Path_, Position] = {}
        self.texts: dict[Path_, str] = {}
        """The text of plain values read as floats: ``37.500`` is 37.5, and was typed «37.500»."""
        self.out_of_range: list[Path_] = []
        """Where values (not keys) are numbers out of range, in the order of the text."""


def resolve(text: str) -> Any:
    """The value of a plain scalar by the YAML 1.2 core schema."""
    if text and text[0] not in _MAY_RESOLVE:
        return text
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _OCT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def _tagged(tag: str, text: str, position: Position) -> Any:
    """A scalar with an explicit standard tag (``!!str 12``, ``!!int "3"``)."""
    kind = tag.rsplit(":", 1)[-1]
    if kind in ("str", "timestamp"):
        return text
    value = resolve(text)
    expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[kind]
    if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if type(value) is not expected:
        raise YamlProblem("tag-value", position, f"!!{kind} {text}")
    return value


def _events(text: str) -> Any:
    """The parser over ``text``: libyaml's when available."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml
        from yaml.loader import SafeLoader

        return SafeLoader(text)
    return CParser(text)


def _freeze(value: Any) -> Any:
    """A collection used as a key (``? [a, b]``), made hashable."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    return value


class _Frame:
    """A mapping or sequence being built, with the key waiting for its value."""

    __slots__ = ("as_key", "container", "in_key", "key", "key_at", "path")

    def __init__(
        self, container: Any, path: Path_, *, as_key: bool = False, in_key: bool = False
    ) -> None:
        self.container = container
        self.path = path
        self.as_key = as_key
        self.in_key = as_key or in_key
        """Whether this collection is (part of) a key: what it holds is no value of the data."""
        self.key: Any = _Frame  # no key yet
        self.key_at: Position = (0, 0)


def _out_of_range(number: float) -> bool:
    """Whether an int or float read from YAML is infinite, NaN or an integer beyond MAX_INT."""
    if type(number) is float:
        return not math.isfinite(number)
    return not -MAX_INT <= number <= MAX_INT


def _awaits_key(stack: list[_Frame]) -> bool:
    """Whether the next scalar is a mapping's key (rather than a value or a list item)."""
    return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _Frame


def parse(text: str) -> Parsed:
    """Build ``text`` into plain data; ``YamlProblem`` or the parser's error if it cannot."""
    swapped = "\x85" in text or "\u2028" in text or "\u2029" in text
    parser = _events(text.translate(_BREAKS) if swapped else text)
    result = Parsed(None)
    stack: list[_Frame] = []
    documents = 0

    def place(value: Any, at: Position) -> Path_:
        """Put a finished value (or a new container) where it belongs; its path."""
        if not stack:
            result.data = value
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            result.values[path] = at
            return path
        if frame.key is _Frame:
            frame.key, frame.key_at = _freeze(value), at
            return frame.path
        key, frame.key = frame.key, _Frame
        if key in frame.container:
            raise YamlProblem("duplicate-key", frame.key_at, str(key))
        path = (*frame.path, key)
        frame.container[key] = value
        result.keys[path] = frame.key_at
        result.values[path] = at
        return path

    while parser.check_event():
        event = parser.get_event()
        kind = type(event).__name__
        mark = event.start_mark
        at = (mark.line, mark.column)
        if kind == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise YamlProblem("documents", at)
            if getattr(event, "version", None) or getattr(event, "tags", None):
                raise YamlProblem("directive", at)
            continue
        if kind == "AliasEvent" or getattr(event, "anchor", None) is not None:
            raise YamlProblem("anchor", at)
        tag = getattr(event, "tag", None)
        if kind == "ScalarEvent":
            text = event.value.translate(_UNBREAKS) if swapped else event.value
            value: Any = text
            if tag is None and not event.style:
                value = resolve(text)
            elif tag not in (None, "!"):
                if tag not in STANDARD_TAGS or tag.endswith(("seq", "map")):
                    raise YamlProblem("tag", at, tag)
                value = _tagged(tag, text, at)
            number = type(value)
            if (number is float or number is int) and not _awaits_key(stack):
                path = place(value, at)
                if number is float:
                    result.texts[path] = text
                if _out_of_range(value) and not (stack and stack[-1].in_key):
                    result.out_of_range.append(path)
            else:
                place(value, at)
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            wanted = "map" if kind == "MappingStartEvent" else "seq"
            if tag is not None and tag != f"tag:yaml.org,2002:{wanted}":
                raise YamlProblem("tag", at, tag)
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem("depth", at)
            container: Any = {} if wanted == "map" else []
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is _Frame:
                # A collection used as a key (``? [a, b]``): built apart, frozen when it ends.
                frame = _Frame(container, ("?",), as_key=True)
                frame.key_at = at
                stack.append(frame)
            else:
                in_key = parent is not None and parent.in_key
                stack.append(_Frame(container, place(container, at), in_key=in_key))
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            done = stack.pop()
            if done.as_key:
                place(done.container, done.key_at)
    return result


def compose(text: str) -> Any:
    """The parser's tree of nodes of ``text`` (``None`` if it holds no value).

    Each node has its style and its start and end marks (offsets in ``text``, lines and
    columns as ``parse`` counts them): what an editor of the text needs. Call it on text
    ``parse`` reads: it refuses nothing.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text.translate(_BREAKS), Loader=loader)


def walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) of plain data, depth first, each container before what it holds."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))
