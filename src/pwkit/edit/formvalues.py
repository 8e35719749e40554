"""The values a form posts, applied to a section's raw data: only what the user changed.

A field posted with the value the form showed keeps the data as it was (a float typed
``3.50`` stays so, an absent key stays absent); a field not posted at all is left alone. A
list is rebuilt from the rows posted when any of its rows (or its own name, posted empty
for a list emptied) is there; a row posted with ``<list>[i]._origine`` = the index it had
when the form was made keeps what that row had beyond the form's fields.

Numbers typed the Italian way are read only when ``pwkit check`` would read them one way
(``37.500`` in a whole number is 37500); a number that reads two ways is refused with the
message ``check`` gives (PW006), and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import written_number
from pwkit.base.sourcemap import SourceMap
from pwkit.edit.fields import MISSING, NEW_ROW, FormField, path_of
from pwkit.model.introspect import number_field
from pwkit.validate.numbers import field_readings, number_advice
from pwkit.validate.rawdata import subject

#: What a form posts: one text per field, a list for a multiple choice.
Values = Mapping[str, "str | list[str]"]
#: The hidden field of a row saying which row it was when the form was made.
ORIGIN = "_origine"
_INTEGER = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?[0-9]*\.[0-9]+")


class _Apply:
    def __init__(
        self, model: type[BaseModel], data: Any, values: Values, source: SourceMap
    ) -> None:
        self.model = model
        self.data = data
        self.values = values
        self.source = source
        self.refused: dict[str, Diagnostic] = {}

    def fields(self, fields: list[FormField], old: Any) -> Any:
        base = old if isinstance(old, dict) else {}
        new = dict(base)
        for child in fields:
            key = child.path[-1]
            value = self.field(child, child.name, base.get(key, MISSING))
            if value is MISSING:
                new.pop(key, None)
            else:
                new[key] = value
        if old is MISSING and not new:
            return MISSING
        if old is None and not new:
            return None
        return new

    def field(self, made: FormField, posted: str, old: Any) -> Any:
        if made.kind == "group":
            renamed = [_renamed(child, made.name, posted) for child in made.children]
            return self.fields(renamed, old)
        if made.kind == "list":
            return self.rows(made, posted, old)
        if posted not in self.values:
            return old
        value = self.values[posted]
        if made.kind in ("refs", "choices"):
            chosen = [v for v in ([value] if isinstance(value, str) else value) if v]
            if tuple(chosen) == made.selected or (not chosen and made.value == ""):
                return old
            return chosen
        text = value if isinstance(value, str) else ", ".join(value)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text == made.value:
            return old
        return self.convert(made, posted, text)

    def rows(self, made: FormField, posted: str, old: Any) -> Any:
        prefix = posted + "["
        indexes = sorted(
            {
                int(m[1])
                for key in self.values
                if key.startswith(prefix) and (m := _ROW.match(key[len(posted) :]))
            }
        )
        if not indexes and posted not in self.values:
            return old
        old_rows = old if isinstance(old, list) else []
        rows = []
        for index in indexes:
            at = f"{posted}[{index}]"
            origin = self.values.get(f"{at}.{ORIGIN}", str(index))
            k = index
            if isinstance(origin, str) and origin.isdigit() and int(origin) < len(old_rows):
                k = int(origin)
            if k < len(made.children):
                row = _renamed(made.children[k], made.children[k].name, at)
                base = old_rows[k]
            elif made.template is not None:
                row = _renamed(made.template, made.template.name, at)
                base = MISSING
            else:
                continue
            value = self.field(row, at, base)
            if value is not MISSING:
                rows.append(value)
        if not rows and old is MISSING:
            return MISSING
        return rows

    def convert(self, made: FormField, posted: str, text: str) -> Any:
        text = text.strip() if made.kind != "textarea" else text.strip("\n")
        if text == "":
            return "" if made.required and made.kind in ("text", "textarea") else MISSING
        if made.kind == "yesno" and text in ("true", "false"):
            return text == "true"
        if made.kind in ("integer", "number", "money"):
            return self.number(made, posted, text)
        if _INTEGER.fullmatch(text) or _DECIMAL.fullmatch(text):
            field = number_field(self.model, made.path)
            if field is not None:  # a number or a text: a number typed is a number
                return int(text) if _INTEGER.fullmatch(text) else float(text)
        return text

    def number(self, made: FormField, posted: str, text: str) -> Any:
        if _INTEGER.fullmatch(text):
            return int(text)
        field = number_field(self.model, made.path)
        written = written_number(text)
        if field is None or written is None:
            return float(text) if _DECIMAL.fullmatch(text) else text
        readings = field_readings(written, field)
        if len(readings) == 1:
            value = readings[0].value
            if value == value.to_integral_value() and field.type is not float:
                return int(value)
            return float(value)
        what, hint = number_advice(text, written, field) or ("", "")
        data = self.data if isinstance(self.data, dict) else {}
        self.refused[posted] = finding(
            "PW006", f"{subject(made.path, data)} {what}.", hint, self.source.locate(made.path)
        )
        return text


_ROW = re.compile(r"\[([0-9]+)\]")


def _renamed(made: FormField, old: str, new: str) -> FormField:
    """``made`` with the names of it and its fields starting ``new`` instead of ``old``."""
    if old == new:
        return made
    from dataclasses import replace

    prefix = tuple(int(part) if part.isdigit() else part for part in path_of(new))
    return replace(
        made,
        name=new + made.name[len(old) :],
        path=prefix + made.path[len(path_of(old)) :],
        children=[_renamed(child, old, new) for child in made.children],
    )


def apply_values(
    model: type[BaseModel],
    fields: list[FormField],
    data: Any,
    values: Values,
    source: SourceMap,
) -> tuple[Any, dict[str, Diagnostic]]:
    """``data`` (a section's raw front matter) with the posted ``values`` applied.

    Returns the new data and the fields refused, by name (then nothing may be written).
    """
    applier = _Apply(model, data, values, source)
    new = applier.fields(fields, data if isinstance(data, dict) else {})
    return ({} if new is MISSING or new is None else new), applier.refused


__all__ = ["NEW_ROW", "ORIGIN", "Values", "apply_values"]
