"""Validated data read back from plain JSON: records that renderers read like the schemas' models.

The check cache keeps a project's validated data as JSON (``pwkit.check.plain`` writes it), so
that exporting an unchanged project needs neither Pydantic nor the schemas. JSON has no dates,
exact decimals, enums, tuples or maps keyed by numbers, so those values are written tagged
(``{"$d": "2026-04-30"}``) and come back here as the same Python values; each model object comes
back as a :class:`Record` whose attributes are its fields, and which knows the names of the
model classes it was made from (:func:`is_model` answers ``isinstance`` for both).

This module imports neither Pydantic nor the schemas: only the enumerations, on demand.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from importlib import import_module
from typing import Any

#: Tags of the values JSON cannot hold (one key besides the value, or ``$m`` among fields).
MODEL, DATE, DATETIME, DECIMAL, ENUM, TUPLE, MAP = "$m", "$d", "$dt", "$n", "$e", "$t", "$k"


class Record:
    """One model object read back: its fields as attributes (``record.nome``)."""

    __slots__ = ("__dict__", "record_models")

    record_models: tuple[str, ...]
    """The names of the model classes the object was made from, most derived first."""

    def __init__(self, models: tuple[str, ...], fields: dict[str, Any]) -> None:
        self.record_models = models
        self.__dict__.update(fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self.record_models == other.record_models and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{self.record_models[0]}({fields})"


def pick_label(labels: dict[str, dict[str, str]], vocabulary: str, value: str) -> str:
    """The Italian label of ``value`` in ``vocabulary``; a value without one as it is written."""
    found = labels.get(vocabulary, {}).get(value)
    return found if found is not None else value.replace("_", " ")


class ManifestRecord(Record):
    """A template manifest read back; its ``labels`` already include pwkit's own pack's."""

    __slots__ = ()

    def label(self, vocabulary: str, value: str) -> str:
        """Italian label of an enum value for documents (as ``TemplateManifest.label``)."""
        labels: dict[str, dict[str, str]] = self.__dict__["labels"]
        return pick_label(labels, vocabulary, value)


#: Records of models whose methods renderers call.
_RECORD_TYPES: dict[str, type[Record]] = {"TemplateManifest": ManifestRecord}


def model_names(value: object) -> tuple[str, ...]:
    """The model classes ``value`` is an instance of, by name (a model or a record)."""
    if isinstance(value, Record):
        return value.record_models
    return tuple(cls.__name__ for cls in type(value).__mro__)


def is_model(value: object, name: str) -> bool:
    """``isinstance(value, <the model class called name>)``, for models and records alike."""
    return name in model_names(value)


def loads(text: str | bytes) -> Any:
    """Plain JSON written by ``pwkit.check.plain`` → the values it was written from."""
    return json.loads(text, object_hook=_decode)


def _decode(obj: dict[str, Any]) -> Any:
    if MODEL in obj:
        models = tuple(obj.pop(MODEL))
        return _RECORD_TYPES.get(models[0], Record)(models, obj)
    if len(obj) != 1:
        return obj
    ((tag, value),) = obj.items()
    if tag == DATE:
        return dt.date.fromisoformat(value)
    if tag == DATETIME:
        return dt.datetime.fromisoformat(value)
    if tag == DECIMAL:
        return Decimal(value)
    if tag == TUPLE:
        return tuple(value)
    if tag == MAP:
        return dict(value)
    if tag == ENUM:
        return _enum(*value)
    return obj


def _enum(where: str, value: str) -> Any:
    return _enum_class(where)(value)


@cache
def _enum_class(where: str) -> Any:
    module, _, name = where.partition(":")
    return getattr(import_module(module), name)
