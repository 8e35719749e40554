"""The form of a section, made from its schema: one field per key, with the values on disk.

Every field shows the value as the file holds it, even when it is not valid (a number typed
as text, a date that is no date): the user sees what to fix. A field's ``name`` is its path
in the data written as a form names it (``servizi[0].avvio``, ``tariffe[1].volumi.2027``).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.sourcemap import Path_
from pwkit.model.common import IdDef, IdRef
from pwkit.model.introspect import id_marker, unwrap

Kind = Literal[
    "text",
    "textarea",
    "number",
    "integer",
    "money",
    "date",
    "choice",
    "choices",
    "yesno",
    "ref",
    "refs",
    "list",
    "group",
]
#: What a form shows for yes and no, and what it posts.
YES_NO = (("true", "Sì"), ("false", "No"))
#: The index a list's template row has in its names, replaced by the row's index when added.
NEW_ROW = "__i__"
#: Texts longer than this are edited in a text area.
_SHORT = 80
_ACRONYMS = {
    "id": "Identificativo",
    "fte": "FTE",
    "sla": "SLA",
    "kpi": "KPI",
    "istat": "ISTAT",
    "ccnl": "CCNL",
    **{word: word[:-1] + "à" for word in ("modalita", "titolarita", "priorita", "attivita")},
    **{word: word[:-1] + "à" for word in ("unita", "probabilita", "opportunita", "intensita")},
    **{word: word[:-1] + "à" for word in ("sostenibilita", "continuita", "criticita")},
}
_ASIDE = re.compile(r"\s*\([^)]*\)")
_NAME_PART = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")


@dataclass
class FormField:
    """One field of a section's form (see the package's documentation of the kinds)."""

    name: str
    label: str
    kind: Kind
    path: Path_ = ()
    required: bool = False
    value: str = ""
    """The value as shown and as posted back unchanged."""
    selected: tuple[str, ...] = ()
    """For ``refs`` and ``choices``: the values chosen."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, Italian label) for ``choice``, ``choices``, ``yesno``, ``ref`` and ``refs``."""
    children: list[FormField] = field(default_factory=list)
    """A group's fields; a list's rows (each a group, or a field for a list of texts)."""
    template: FormField | None = None
    """A list's empty row for «add», its names holding ``[__i__]`` for the new index."""
    guidance: str = ""
    findings: list[Diagnostic] = field(default_factory=list)

    def walk(self) -> typing.Iterator[FormField]:
        """This field and every field inside it (rows included, templates not)."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class FormContext:
    """What a form needs besides the schema and the data."""

    labels: Mapping[str, Mapping[str, str]]
    """Italian labels of enumeration values, by enumeration name (the pack's ``labels``)."""
    ids: Mapping[str, tuple[tuple[str, str], ...]]
    """(id, «S1 – Concorsi unici») of the ids that exist in the project, by kind."""
    texts: Mapping[Path_, str]
    """How numbers read as floats were typed (``3.50``), by path."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


#: A key absent from the data.
MISSING: Any = _Missing()


def name_of(path: Path_) -> str:
    """``servizi[0].avvio`` for ``("servizi", 0, "avvio")``; a number key is ``.2027``."""
    out = ""
    for part in path:
        index = (isinstance(part, int) and not isinstance(part, bool)) or part == NEW_ROW
        if index and out:
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def path_of(name: str) -> tuple[str, ...]:
    """The parts of a field name, as texts (``servizi[0].avvio`` → ``servizi``, ``0``…)."""
    return tuple(key or index for key, index in _NAME_PART.findall(name))


def model_fields(model: type[BaseModel], data: Any, ctx: FormContext) -> list[FormField]:
    """The fields of a section's form, with the values of ``data`` (its raw front matter)."""
    return _object_fields(model, data if isinstance(data, dict) else {}, (), ctx)


def _object_fields(
    model: type[BaseModel], data: dict[Any, Any], path: Path_, ctx: FormContext
) -> list[FormField]:
    fields = []
    for key, info in model.model_fields.items():
        raw = data.get(key, MISSING)
        description = info.description or ""
        annotation = info.annotation
        marker = id_marker(annotation, info.metadata)
        made = _field(annotation, marker, raw, (*path, key), ctx)
        made.required = info.is_required()
        made.label = _label(key, description)
        made.guidance = description
        fields.append(made)
    for key, raw in data.items():
        if key not in model.model_fields:  # not in the schema: shown, so it can be fixed
            fields.append(
                FormField(
                    name_of((*path, key)),
                    _readable(str(key)),
                    "text",
                    (*path, key),
                    value=shown(raw, (*path, key), ctx),
                    guidance="Campo non previsto dal modello: correggi il nome o cancellalo.",
                )
            )
    return fields


def _field(
    annotation: Any, marker: IdDef | IdRef | None, raw: Any, path: Path_, ctx: FormContext
) -> FormField:
    tp = unwrap(annotation)
    name = name_of(path)
    origin = typing.get_origin(tp)
    if isinstance(marker, IdRef):
        choices = tuple(choice for kind in marker.kinds for choice in ctx.ids.get(kind, ()))
        if origin is list:
            return _multi(name, path, "refs", raw, choices, ctx)
        return FormField(name, "", "ref", path, value=shown(raw, path, ctx), choices=choices)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if raw is not MISSING and raw is not None and not isinstance(raw, dict):
            return FormField(name, "", "text", path, value=shown(raw, path, ctx))
        children = _object_fields(tp, raw if isinstance(raw, dict) else {}, path, ctx)
        return FormField(name, "", "group", path, children=children)
    if origin is list:
        return _list(typing.get_args(tp)[0], raw, path, ctx)
    if origin is dict:
        return _mapping(typing.get_args(tp)[1], raw, path, ctx)
    return _scalar(tp, raw, path, ctx)


def _list(item: Any, raw: Any, path: Path_, ctx: FormContext) -> FormField:
    name = name_of(path)
    inner = unwrap(item)
    if isinstance(inner, type) and issubclass(inner, Enum):
        choices = _enum_choices(inner, ctx)
        return _multi(name, path, "choices", raw, choices, ctx)
    if raw is not MISSING and raw is not None and not isinstance(raw, list):
        return FormField(name, "", "text", path, value=shown(raw, path, ctx))
    rows = raw if isinstance(raw, list) else []
    marker = id_marker(item)
    children = [_row(item, marker, value, (*path, index), ctx) for index, value in enumerate(rows)]
    template = _row(item, marker, MISSING, (*path, NEW_ROW), ctx)
    return FormField(name, "", "list", path, children=children, template=template)


def _row(item: Any, marker: Any, raw: Any, path: Path_, ctx: FormContext) -> FormField:
    made = _field(item, marker, raw, path, ctx)
    made.label = f"Riga {path[-1] + 1}" if isinstance(path[-1], int) else "Nuova riga"
    return made


def _mapping(value_type: Any, raw: Any, path: Path_, ctx: FormContext) -> FormField:
    name = name_of(path)
    if raw is not MISSING and raw is not None and not isinstance(raw, dict):
        return FormField(name, "", "text", path, value=shown(raw, path, ctx))
    children = []
    for key, value in (raw if isinstance(raw, dict) else {}).items():
        child = _field(value_type, None, value, (*path, key), ctx)
        child.label = str(key)
        children.append(child)
    return FormField(name, "", "group", path, children=children)


def _multi(
    name: str,
    path: Path_,
    kind: Kind,
    raw: Any,
    choices: tuple[tuple[str, str], ...],
    ctx: FormContext,
) -> FormField:
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        known = {value for value, _ in choices}
        extra = tuple((item, item) for item in raw if item not in known)  # shown, to be fixed
        return FormField(
            name, "", kind, path, value=", ".join(raw), selected=tuple(raw), choices=choices + extra
        )
    return FormField(name, "", kind, path, value=shown(raw, path, ctx), choices=choices)


def _scalar(tp: Any, raw: Any, path: Path_, ctx: FormContext) -> FormField:
    name = name_of(path)
    value = shown(raw, path, ctx)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return FormField(name, "", "choice", path, value=value, choices=_enum_choices(tp, ctx))
    if typing.get_origin(tp) is Literal:
        options = tuple((str(v), str(v)) for v in typing.get_args(tp))
        return FormField(name, "", "choice", path, value=value, choices=options)
    kind: Kind = "text"
    if tp is bool:
        return FormField(name, "", "yesno", path, value=value, choices=YES_NO)
    if tp is dt.date:
        kind = "date"
    elif tp is Decimal:
        kind = "money"
    elif tp is int:
        kind = "integer"
    elif tp is float:
        kind = "number"
    elif "\n" in value or len(value) > _SHORT:
        kind = "textarea"
    return FormField(name, "", kind, path, value=value)


def _enum_choices(tp: type[Enum], ctx: FormContext) -> tuple[tuple[str, str], ...]:
    labels = ctx.labels.get(tp.__name__, {})
    return tuple(
        (str(m.value), labels.get(str(m.value), str(m.value).replace("_", " "))) for m in tp
    )


def shown(raw: Any, path: Path_, ctx: FormContext) -> str:
    """A raw value as a form shows it (a float as it was typed; a list or object as YAML)."""
    from pwkit.edit.yamlwrite import flow

    if raw is MISSING or raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return ctx.texts.get(path, repr(raw))
    if isinstance(raw, int | str):
        return str(raw)
    try:
        return flow(raw)
    except TypeError:
        return str(raw)


def _label(key: str, description: str) -> str:
    """The description's first clause when it reads as a label, else the key made readable."""
    first = re.split(r"\. |[;:]", _ASIDE.sub("", description))[0].rstrip(".").strip()
    if first and first[0].isupper() and len(first) <= 50:
        return first
    return _readable(key)


def _readable(key: str) -> str:
    words = [_ACRONYMS.get(word, word) for word in key.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def posted_values(fields: list[FormField]) -> dict[str, str | list[str]]:
    """What a browser posts for ``fields`` left as they are (a list posts its own name too)."""
    out: dict[str, str | list[str]] = {}
    for top in fields:
        for made in top.walk():
            if made.kind == "list":
                out[made.name] = ""
            elif made.kind in ("refs", "choices"):
                out[made.name] = (
                    list(made.selected) if made.selected or not made.value else made.value
                )
            elif made.kind != "group":
                out[made.name] = made.value
    return out
