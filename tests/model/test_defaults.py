"""Defaults of the schemas: an optional list left out of a file is an empty list."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from pydantic import BaseModel

import pwkit.model
import pwkit.pack
from pwkit.model.analisi import ObiettivoSpecifico


def _schemas() -> Iterator[type[BaseModel]]:
    """Every Pydantic model of pwkit's schemas and of the template manifest."""
    for package in (pwkit.model, pwkit.pack):
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            importlib.import_module(info.name)
    pending: list[type[BaseModel]] = [BaseModel]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("pwkit."):
            yield model


def test_a_list_left_out_is_a_new_empty_list() -> None:
    data = {"id": "OS1", "descrizione": "Concorsi unici per i Comuni."}
    first = ObiettivoSpecifico.model_validate(data)
    second = ObiettivoSpecifico.model_validate(data)
    assert first.kpi == [] and first.kpi is not second.kpi


def test_defaults_are_made_by_functions_whose_signature_is_cheap_to_read() -> None:
    """Building a validator reads each default factory's signature: a builtin's is parsed."""
    builtins = [
        f"{model.__name__}.{name}"
        for model in _schemas()
        for name, info in model.model_fields.items()
        if isinstance(info.default_factory, type)
    ]
    assert builtins == []
