"""What the schemas say about a place in the data: its type, numbers, allowed values, ids.

The one reading of the Pydantic models' annotations (``Annotated``, ``X | None``, lists,
nested models, the markers ``IdDef``, ``IdRef`` and ``Small``): validation, the rules and the
renderers ask here rather than walking the annotations themselves.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from pwkit.base.sourcemap import Path_
from pwkit.model.common import IdDef, IdRef, Small

#: Which id markers ``id_kinds`` collects: those that define ids, or those that refer to them.
IdMarker = Literal["IdDef", "IdRef"]
#: The Python types of numeric fields.
NUMERIC = (int, float, Decimal)


def unwrap(tp: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the meaningful type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def field_at(model: type[BaseModel], path: Path_) -> tuple[Any, list[Any]]:
    """The annotation found at ``path`` in ``model`` as written, and its field's metadata.

    ``(None, [])`` if the path leaves the model.
    """
    tp: Any = model
    metadata: list[Any] = []
    for part in path:
        tp, metadata = unwrap(tp), []
        if typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        elif isinstance(part, int) and typing.get_origin(tp) is list:
            tp = typing.get_args(tp)[0]
        elif isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part)
            if info is None:
                return None, []
            tp, metadata = info.annotation, list(info.metadata)
        else:
            return None, []
    return tp, metadata


def type_at(model: type[BaseModel], path: Path_) -> Any:
    """The schema type found at ``path`` in ``model`` (``None`` if the path leaves it)."""
    return unwrap(field_at(model, path)[0])


def metadata_of(tp: Any) -> Iterator[Any]:
    """The ``Annotated`` metadata of ``tp``, through ``X | None``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            yield from tp.__metadata__
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            for member in typing.get_args(tp):
                yield from metadata_of(member)
            return
        else:
            return


def kinds_at(model: type[BaseModel], path: Path_) -> list[Any]:
    """The types a value at ``path`` may have: the members of a union, each unwrapped."""
    tp = type_at(model, path)
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    return [unwrap(member) for member in (typing.get_args(tp) if union else (tp,))]


def wants_text(model: type[BaseModel], path: Path_) -> bool:
    """Whether the schema wants a text at ``path`` (and no number)."""
    kinds = kinds_at(model, path)
    return str in kinds and not any(kind in NUMERIC for kind in kinds)


def choices(model: type[BaseModel], path: Path_) -> list[str]:
    """The allowed values at ``path``, if the schema has an enumeration there."""
    tp = type_at(model, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [str(m.value) for m in tp]
    return []


def field_names(model: type[BaseModel], path: Path_) -> Iterator[str]:
    """The keys the schema accepts in the object at ``path``."""
    tp = type_at(model, path)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield from tp.model_fields


class NumberField(NamedTuple):
    """What a numeric field of the schemas holds.

    ``type`` is int, float or Decimal; ``takes_text`` is true for ``Numero | Testo``;
    ``small`` for quantities far below a thousand (``Small``: FTE, hours per person).
    """

    type: type
    takes_text: bool
    small: bool


def number_field(model: type[BaseModel], path: Path_) -> NumberField | None:
    """The numeric field at ``path`` of ``model``; ``None`` where the schema wants no number."""
    annotation, metadata = field_at(model, path)
    kinds = kinds_at(model, path)
    numbers = [kind for kind in kinds if kind in NUMERIC]
    if not numbers:
        return None
    markers = [*metadata, *metadata_of(annotation)]
    return NumberField(numbers[0], str in kinds, any(isinstance(m, Small) for m in markers))


# --- ids ----------------------------------------------------------------------------------


def id_marker(annotation: Any, metadata: Iterable[Any] = ()) -> IdDef | IdRef | None:
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
            found = id_marker(arg)
            if found is not None:
                return found
    return None


def models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models an annotation can hold (itself, list items, union members), outermost first."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from models_in(arg)


class IdField(NamedTuple):
    """A field of a model, as the id walk sees it: its id marker, whether it holds models."""

    name: str
    marker: IdDef | IdRef | None
    nests: bool


@cache
def id_fields(model: type[BaseModel]) -> tuple[IdField, ...]:
    """Every field of ``model``, with its id marker and whether it can hold models."""
    return tuple(
        IdField(
            name,
            id_marker(info.annotation, info.metadata),
            next(models_in(info.annotation), None) is not None,
        )
        for name, info in model.model_fields.items()
    )


class IdUse(NamedTuple):
    """One id in the data: where it is, whether it defines or refers, and its value.

    ``holder`` is the object whose field holds the id (the item an ``IdDef`` names): the
    one ``path`` leads to inside ``data``: comparing it adds nothing to comparing the rest.
    """

    data: BaseModel
    path: Path_
    marker: IdDef | IdRef
    value: str
    holder: BaseModel


def walk_ids(data: BaseModel) -> Iterator[IdUse]:
    """Every id defined or referred to in ``data``, in document order.

    A field left out as not valid (``pwkit.validate.parts``) is skipped.
    """
    yield from _walk_ids(data, data, ())


def _walk_ids(root: BaseModel, node: BaseModel, path: Path_) -> Iterator[IdUse]:
    for spec in id_fields(type(node)):
        if spec.name not in node.__dict__:
            continue  # left out as not valid
        value = node.__dict__[spec.name]
        here = (*path, spec.name)
        if spec.marker is not None:
            if isinstance(value, str):
                yield IdUse(root, here, spec.marker, value, node)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield IdUse(root, (*here, index), spec.marker, item, node)
        elif not spec.nests:
            continue
        elif isinstance(value, BaseModel):
            yield from _walk_ids(root, value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk_ids(root, item, (*here, index))


def defining_models() -> dict[str, set[type[BaseModel]]]:
    """For each id kind, the section models that define ids of that kind."""
    from pwkit.model.sections import SECTION_MODELS

    kinds: dict[str, set[type[BaseModel]]] = {}

    def visit(model: type[BaseModel], section: type[BaseModel], seen: set[type[Any]]) -> None:
        if model in seen:
            return
        seen.add(model)
        for info in model.model_fields.values():
            marker = id_marker(info.annotation, info.metadata)
            if isinstance(marker, IdDef):
                kinds.setdefault(marker.kind, set()).add(section)
            for inner in models_in(info.annotation):
                visit(inner, section, seen)

    for section in SECTION_MODELS.values():
        visit(section, section, set())
    return kinds


@cache
def id_kinds(tp: Any, marker: IdMarker) -> frozenset[str]:
    """The kinds of id that data of type ``tp`` can define (``"IdDef"``) or name (``"IdRef"``).

    Every level counts: the fields of a model, of the models it holds, and so on.
    """
    found: set[str] = set()
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for info in tp.model_fields.values():
            found |= _marked(info.metadata, marker)
            inner: Any = info.annotation
            found |= id_kinds(inner, marker)
        return frozenset(found)
    found |= _marked(getattr(tp, "__metadata__", ()), marker)
    for arg in typing.get_args(tp):
        if isinstance(arg, type) or typing.get_origin(arg) is not None:
            found |= id_kinds(arg, marker)
    return frozenset(found)


def _marked(metadata: Iterable[Any], marker: IdMarker) -> set[str]:
    found: set[str] = set()
    for item in metadata:
        if isinstance(item, IdDef) and marker == "IdDef":
            found.add(item.kind)
        elif isinstance(item, IdRef) and marker == "IdRef":
            found |= set(item.kinds)
    return found


def natural_key(ident: str) -> tuple[str, int]:
    """Sort ids naturally: A9 before A10."""
    match = re.match(r"^([A-Z]+)(\d+)$", ident)
    return (match.group(1), int(match.group(2))) if match else (ident, -1)


def display_names(datas: Iterable[BaseModel | None]) -> dict[str, str]:
    """The display name of every id the valid ``datas`` define («RU1» → «Coordinatore»).

    An entity's name is its first text field among ``NAME_FIELDS``; the first definition of
    an id wins.
    """
    from pwkit.model.common import IdDef

    names: dict[str, str] = {}
    for data in datas:
        if data is None:
            continue
        for use in walk_ids(data):
            if isinstance(use.marker, IdDef) and (name := _display_name(use.holder)):
                names.setdefault(use.value, name)
    return names


#: The field that names an entity, in order of preference (a service has «nome» and
#: «descrizione»: its name is «nome»; a risk has only «descrizione»).
NAME_FIELDS = ("nome", "ruolo", "tema", "descrizione")


def _display_name(holder: object) -> str | None:
    for name in NAME_FIELDS:
        value = getattr(holder, name, None)
        if isinstance(value, str):
            return value
    return None
