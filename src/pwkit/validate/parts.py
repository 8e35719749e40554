"""The valid parts of data that does not validate as a whole, and what was left out of it.

A section with an invalid value still takes part in the rules with what is valid: every list
item and key that validates is kept, the invalid ones are left out (``rules.md``, «Broken
sections»). The partial model is built without a second parse: each key is validated on its
own by the model's own validator (so constraints and types are exactly the schema's), a list
item by item, a nested object key by key. A key that is left out is absent from the model:
reading it raises ``LeftOutField``, so a rule that needs it is not applied rather than
reporting a consequence of what was left out.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from pwkit.base.diagnostics import Diagnostic, Severity
from pwkit.base.sourcemap import Path_, SourceMap
from pwkit.load.yamldata import walk
from pwkit.model.introspect import id_kinds, type_at
from pwkit.model.project import NOTHING_LEFT_OUT, LeftOut
from pwkit.validate.rawdata import value_at

#: Words that look like an id (S1, RU12, OS3…): what a left-out value may define or name.
_ID_WORD = re.compile(r"\b(?:OS|RA|RU|OG|ST|FO|S|P|F|A|M|R|K)\d+\b")


def valid_parts(
    model: type[BaseModel], data: dict[Any, Any], bad: Iterable[Path_] = ()
) -> tuple[BaseModel, LeftOut]:
    """The parts of ``data`` that validate against ``model``, and what was left out.

    ``bad`` are the paths of values that validate but were reported as errors (a placeholder,
    a character Word cannot hold…): they are left out too.
    """
    left_out: list[Path_] = []
    built = _build(model, data, (), frozenset(bad), left_out)
    return built, summarise(model, data, left_out)


def bad_values(source: SourceMap, data: Any, findings: Iterable[Diagnostic]) -> set[Path_]:
    """Paths of the single values of ``data`` at which ``findings`` report an error."""
    where = {
        (d.location.line, d.location.column)
        for d in findings
        if d.severity is Severity.ERROR and d.location.file == source.file
    }
    return {
        path
        for path, position in source.values.items()
        if position in where and not isinstance(value_at(data, path), dict | list)
    }


def _tainted(path: Path_, bad: frozenset[Path_]) -> bool:
    size = len(path)
    return any(b[:size] == path for b in bad)


def _assign(model: type[BaseModel], instance: BaseModel, name: str, value: Any) -> bool:
    """Validate ``value`` for the field ``name`` and store it in ``instance`` if valid."""
    try:
        model.__pydantic_validator__.validate_assignment(instance, name, value)
    except ValidationError:
        return False
    return True


def _build(
    model: type[BaseModel],
    data: dict[Any, Any],
    path: Path_,
    bad: frozenset[Path_],
    left_out: list[Path_],
) -> BaseModel:
    """``model`` from the valid keys of ``data``; invalid ones are recorded in ``left_out``."""
    model.model_rebuild()
    instance = model.model_construct()
    left_out.extend((*path, key) for key in data if key not in model.model_fields)
    for name, info in model.model_fields.items():
        here = (*path, name)
        if name not in data:
            if info.is_required():
                left_out.append(here)
            continue
        value = data[name]
        if not _tainted(here, bad) and _assign(model, instance, name, value):
            continue
        inner = type_at(model, (name,))
        if isinstance(inner, type) and issubclass(inner, BaseModel) and isinstance(value, dict):
            # Validation replaces ``__dict__``: it is read again after each assignment.
            instance.__dict__[name] = _build(inner, value, here, bad, left_out)
        elif typing.get_origin(inner) is list and isinstance(value, list):
            items = _valid_items(model, instance, name, value, here, bad, left_out)
            instance.__dict__[name] = items
        else:
            instance.__dict__.pop(name, None)
            left_out.append(here)
    return instance


def _valid_items(
    model: type[BaseModel],
    instance: BaseModel,
    name: str,
    items: list[Any],
    path: Path_,
    bad: frozenset[Path_],
    left_out: list[Path_],
) -> list[Any]:
    """The items of a list field that validate on their own (each as a list of one)."""
    kept = []
    for index, item in enumerate(items):
        here = (*path, index)
        if not _tainted(here, bad) and _assign(model, instance, name, [item]):
            kept.append(getattr(instance, name)[0])
        else:
            left_out.append(here)
    return kept


# --- what was left out --------------------------------------------------------------------


def summarise(model: type[BaseModel] | None, data: Any, paths: Sequence[Path_]) -> LeftOut:
    """The record of ``paths`` left out of ``data``: the ids they define or mention."""
    if not paths:
        return NOTHING_LEFT_OUT
    defines: set[str] = set()
    mentions: set[str] = set()
    unknown: set[str] = set()
    unknown_references: set[str] = set()
    for path in paths:
        raw = value_at(data, path)
        found = {_word(ident) for ident in _ids_defined(raw)}
        defines |= found
        mentions |= {m for text in _strings(raw) for m in _ID_WORD.findall(text)}
        if model is None:
            continue
        # A list item's type is read from its list, which keeps the item's id markers.
        holder = path[:-1] if path and isinstance(path[-1], int) else path
        tp = type_at(model, holder) or str
        unknown |= {k for k in id_kinds(tp, "IdDef") if not any(_kind(d) == k for d in found)}
        if not _readable(tp, path, raw):
            unknown_references |= id_kinds(tp, "IdRef")
    return LeftOut(
        tuple(paths),
        frozenset(defines),
        frozenset(mentions),
        frozenset(unknown),
        frozenset(unknown_references),
    )


def _readable(tp: Any, path: Path_, raw: Any) -> bool:
    """Whether the id-like words of ``raw`` are what it refers to.

    So is an item that names itself (``id``) or a single text; not a whole list or object
    left out, nor an item without a readable ``id``.
    """
    if path and isinstance(path[-1], int):
        return isinstance(raw, str) or (isinstance(raw, dict) and isinstance(raw.get("id"), str))
    return isinstance(raw, str) and typing.get_origin(tp) is not list


def _strings(data: Any) -> Iterator[str]:
    return (value for _, value in walk(data) if isinstance(value, str))


def _ids_defined(data: Any) -> Iterator[str]:
    """The ``id`` of every object in raw data (items define their id under this key)."""
    for _, value in walk(data):
        ident = value.get("id") if isinstance(value, dict) else None
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            yield str(ident)


def _word(ident: str) -> str:
    return ident.strip()


def _kind(ident: str) -> str:
    return ident.rstrip("0123456789")
