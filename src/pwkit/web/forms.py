"""A posted form as the editing API takes it: field values by name, the rows of a grid."""

from __future__ import annotations

import re

from starlette.datastructures import FormData

#: Fields of the page itself, not of the section's data.
PAGE_FIELDS = frozenset({"csrf", "sha256", "prosa", "incolla"})
_CELL = re.compile(r"r([0-9]{1,6})c([0-9]{1,3})")


def field_values(form: FormData) -> dict[str, str | list[str]]:
    """Each data field's value; a field posted more than once (a multiple choice) as a list."""
    values: dict[str, str | list[str]] = {}
    for name, value in form.multi_items():
        if name in PAGE_FIELDS or not isinstance(value, str):
            continue
        if name in values:
            before = values[name]
            values[name] = [*([before] if isinstance(before, str) else before), value]
        else:
            values[name] = value
    return values


def text(form: FormData, name: str) -> str | None:
    """A text field of the form, ``None`` when absent."""
    value = form.get(name)
    return value if isinstance(value, str) else None


def grid_rows(form: FormData, columns: int) -> list[list[str]]:
    """The cells ``r<row>c<col>`` of a grid, row by row in order; rows left empty dropped."""
    rows: dict[int, list[str]] = {}
    for name, value in form.multi_items():
        match = _CELL.fullmatch(name)
        if match is None or not isinstance(value, str):
            continue
        row, column = int(match[1]), int(match[2])
        if column < columns:
            rows.setdefault(row, [""] * columns)[column] = value
    return [cells for _, cells in sorted(rows.items()) if any(c.strip() for c in cells)]
