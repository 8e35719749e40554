"""Walking a section's data for the ids it defines and the ids it refers to."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from pwkit.base.sourcemap import Path_
from pwkit.model.common import IdDef, IdRef


@dataclass(frozen=True)
class IdUse:
    """One id in the data: where it is, whether it defines or refers, and its value."""

    data: BaseModel
    path: Path_
    marker: IdDef | IdRef
    value: str


def _marker(annotation: Any, metadata: list[Any]) -> IdDef | IdRef | None:
    """The id marker of a field, looking through ``Annotated``, ``list`` and ``| None``."""
    for item in metadata:
        if isinstance(item, IdDef | IdRef):
            return item
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, IdDef | IdRef):
            return item
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _marker(arg, [])
            if found is not None:
                return found
    return None


def walk_ids(data: BaseModel) -> Iterator[IdUse]:
    """Every id defined or referred to in ``data``, in document order."""
    yield from _walk(data, data, ())


def _walk(root: BaseModel, node: BaseModel, path: Path_) -> Iterator[IdUse]:
    for name, marker, nests in _plan(type(node)):
        if name not in node.__dict__:
            continue  # left out as not valid (``pwkit.parts``)
        value = node.__dict__[name]
        here = (*path, name)
        if marker is not None:
            if isinstance(value, str):
                yield IdUse(root, here, marker, value)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield IdUse(root, (*here, index), marker, item)
        elif not nests:
            continue
        elif isinstance(value, BaseModel):
            yield from _walk(root, value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(root, item, (*here, index))


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, IdDef | IdRef | None, bool], ...]:
    """For each field of ``model``: its id marker, and whether it can hold models."""
    return tuple(
        (name, _marker(info.annotation, info.metadata), _can_nest(info.annotation))
        for name, info in model.model_fields.items()
    )


def _can_nest(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_can_nest(arg) for arg in typing.get_args(annotation))


def natural_key(ident: str) -> tuple[str, int]:
    """Sort ids naturally: A9 before A10."""
    match = re.match(r"^([A-Z]+)(\d+)$", ident)
    return (match.group(1), int(match.group(2))) if match else (ident, -1)


def defining_models() -> dict[str, set[type[BaseModel]]]:
    """For each id kind, the section models that define ids of that kind."""
    from pwkit.model.sections import SECTION_MODELS

    kinds: dict[str, set[type[BaseModel]]] = {}

    def visit(model: type[BaseModel], section: type[BaseModel], seen: set[type[Any]]) -> None:
        if model in seen:
            return
        seen.add(model)
        for info in model.model_fields.values():
            marker = _marker(info.annotation, info.metadata)
            if isinstance(marker, IdDef):
                kinds.setdefault(marker.kind, set()).add(section)
            for inner in _models_in(info.annotation):
                visit(inner, section, seen)

    for section in SECTION_MODELS.values():
        visit(section, section, set())
    return kinds


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)
