"""A project's figures kept as plain JSON with its check, so an unchanged project is not read again.

The figures depend only on what the check reads (the project's files and pwkit itself), so
they are kept under the check cache's own key (``pwkit.check.cache.check_key``). The folder's
label is not kept: it is how this report names the project, given again each time. Values are
written and read back by the figures' declared types, strictly; anything else is a miss.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pwkit.report.figures import ProjectFigures

#: The cache entry's kind; a new shape of the figures needs a new one.
KIND = "report-figures-1"
_LABEL = "folder"


class _Mismatch(ValueError):
    """A value that is not of the declared type."""


def load_figures(root: Path, key: str, label: str) -> ProjectFigures | None:
    """The figures kept for ``root`` with ``key``, named ``label``; ``None`` on any miss."""
    from pwkit.check.cache import load_kept

    stored = load_kept(root, key, KIND)
    if not isinstance(stored, dict):
        return None
    try:
        return decode(stored, label)
    except (_Mismatch, KeyError, TypeError, ValueError, InvalidOperation):
        return None


def store_figures(root: Path, key: str, figures: ProjectFigures) -> None:
    """Keep ``figures`` for ``root`` with ``key``, if they read back exactly (silently)."""
    from pwkit.check.cache import store_kept

    try:
        plain = encode(figures)
        if repr(decode(plain, figures.folder)) != repr(figures):
            return
    except (_Mismatch, KeyError, TypeError, ValueError, InvalidOperation):
        return
    store_kept(root, key, KIND, plain)


def encode(figures: ProjectFigures) -> dict[str, Any]:
    """The figures as plain JSON values, the label left out."""
    hints = _hints(ProjectFigures)
    return {
        name: _encode(getattr(figures, name), hint)
        for name, hint in hints.items()
        if name != _LABEL
    }


def decode(plain: dict[str, Any], label: str) -> ProjectFigures:
    """The figures from :func:`encode`'s values, named ``label``."""
    hints = _hints(ProjectFigures)
    if set(plain) != set(hints) - {_LABEL}:
        raise _Mismatch("other fields")
    values = {name: _decoder(hint)(plain[name]) for name, hint in hints.items() if name != _LABEL}
    return ProjectFigures(folder=label, **values)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(kind: type) -> dict[str, Any]:
    """The declared type of each field of the dataclass ``kind``, in order."""
    if kind not in _HINTS:
        names = [f.name for f in dataclasses.fields(kind)]
        hints = typing.get_type_hints(kind)
        _HINTS[kind] = {name: hints[name] for name in names}
    return _HINTS[kind]


def _encode(value: Any, hint: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType:
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _encode(value, inner)
    if origin is tuple:
        if type(value) is not tuple:
            raise _Mismatch(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return [_encode(item, args[0]) for item in value]
        if len(args) != len(value):
            raise _Mismatch(hint)
        return [_encode(item, arg) for item, arg in zip(value, args, strict=True)]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if type(value) is not hint:
            raise _Mismatch(hint)
        return [_encode(getattr(value, name), h) for name, h in _hints(hint).items()]
    if type(value) is not hint:
        raise _Mismatch(hint)
    if hint is Decimal or hint is dt.date:
        return str(value) if hint is Decimal else value.isoformat()
    if hint in (str, int):
        return value
    raise _Mismatch(hint)


_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """The function that reads back a value of type ``hint`` (made once per type)."""
    if hint not in _DECODERS:
        _DECODERS[hint] = _make_decoder(hint)
    return _DECODERS[hint]


def _make_decoder(hint: Any) -> Callable[[Any], Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType:
        (inner,) = [a for a in args if a is not type(None)]
        some = _decoder(inner)
        optional = type(None) in args
        return lambda value: None if value is None and optional else some(value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda value: tuple(item(v) for v in _list(value, hint))
        items = [_decoder(arg) for arg in args]
        return lambda value: tuple(
            read(v) for v, read in zip(_list(value, hint, len(items)), items, strict=True)
        )
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        kind = hint
        fields = [_decoder(h) for h in _hints(kind).values()]
        return lambda value: kind(
            *(read(v) for v, read in zip(_list(value, kind, len(fields)), fields, strict=True))
        )
    if hint is Decimal or hint is dt.date:
        parse = Decimal if hint is Decimal else dt.date.fromisoformat
        return lambda value: parse(_exact(value, str))
    if hint in (str, int):
        return lambda value: _exact(value, hint)
    raise _Mismatch(hint)


def _list(value: Any, hint: Any, length: int | None = None) -> list[Any]:
    """``value`` if it is a list (of ``length`` items, if given)."""
    if type(value) is not list or (length is not None and len(value) != length):
        raise _Mismatch(hint)
    return value


def _exact(value: Any, kind: type) -> Any:
    """``value`` if it is exactly of type ``kind`` (a ``bool`` is not an ``int``)."""
    if type(value) is not kind:
        raise _Mismatch(kind)
    return value
