"""Validating the rows of a CSV file against a schema, one finding per kind of mistake.

The same mistake in many rows (a column exported with thousands separators, cells left
empty) is one finding that lists the rows, not one per row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding, grouped
from pwkit.base.italian import line_list, written_number
from pwkit.load.csvfile import CsvRow, CsvTable
from pwkit.model.enums import SiNo
from pwkit.model.introspect import NumberField, kinds_at, number_field
from pwkit.validate.messages import MESSAGES, UNKNOWN_ERROR
from pwkit.validate.numbers import number_advice


class CsvRows:
    """The rows of a CSV: those that validate, and the cells of those that do not."""

    __slots__ = ("invalid", "valid")

    def __init__(self) -> None:
        self.valid: list[tuple[int, BaseModel]] = []
        """(line, row) of each row that validates as a whole."""
        self.invalid: list[tuple[int, dict[str, Any]]] = []
        """(line, cells) of each row that does not (a finding says why), for its valid parts."""


def _yes_no_columns(model: type[BaseModel]) -> set[str]:
    """Columns whose values are «si»/«no» (written ``SI``, ``Sì``… by spreadsheets)."""
    return {name for name in model.model_fields if SiNo in kinds_at(model, (name,))}


def validate_rows(
    table: CsvTable,
    model: type[BaseModel],
    required: list[str],
    findings: list[Diagnostic],
    *,
    row_label: Callable[[dict[str, str]], str],
) -> CsvRows | None:
    """Validate CSV rows; ``None`` if the header lacks a required column."""
    missing_columns = [c for c in required if c not in table.header]
    if missing_columns:
        findings.append(
            finding(
                "PW009",
                f"Nell'intestazione del CSV mancano le colonne: {', '.join(missing_columns)}.",
                f"La prima riga deve contenere le colonne {', '.join(required)} "
                "(in qualsiasi ordine).",
                Location(table.rel, 1, 1),
            )
        )
        return None
    known = set(model.model_fields)
    unfilled: dict[tuple[str, ...], list[int]] = {}
    wrong: dict[tuple[str, str, str], list[tuple[Location, str, str]]] = {}
    misreadings: dict[str, list[_Misread]] = {}
    result = CsvRows()
    yes_no = _yes_no_columns(model)
    numeric = {c: kind for c in known if (kind := number_field(model, (c,))) is not None}
    for row in table.rows:
        values: dict[str, Any] = {}
        misread = _misread_cells(table, row, numeric, row_label, misreadings)
        for column, value in row.values.items():
            if column not in known or value == "" or column in misread:
                continue
            if table.decimal_comma and column in numeric:
                value = value.replace(",", ".")
            if column in yes_no:
                value = value.casefold().replace("sì", "si")
            values[column] = value
        empty = tuple(c for c in required if not row.values.get(c))
        if empty:
            unfilled.setdefault(empty, []).append(row.line)
            result.invalid.append((row.line, values))
            continue
        try:
            validated = model.model_validate(values)
            if misread:
                result.invalid.append((row.line, values))
            else:
                result.valid.append((row.line, validated))
        except ValidationError as exc:
            result.invalid.append((row.line, values))
            for error in exc.errors(include_url=False):
                column = str(error["loc"][0]) if error["loc"] else ""
                if column in misread:
                    continue
                what, _ = MESSAGES.get(error["type"], UNKNOWN_ERROR)
                raw = row.values.get(column, "")
                hint = "Correggi il valore nella cella indicata."
                if error["type"] in ("int_parsing", "float_parsing") and ("." in raw or "," in raw):
                    hint = "Scrivi il numero senza separatori delle migliaia (es. 12500)."
                elif error["type"] == "enum":
                    hint = "Scrivi «si» oppure «no»."
                fields = {"name": column, "input": raw, "choices": "si, no"}
                message = what.format_map({**fields, **(error.get("ctx") or {})})
                where = Location(table.rel, row.line, row.columns.get(column, 1))
                alone = f"Riga {row.line} ({row_label(row.values)}): {message} (trovato «{raw}»)."
                example = f"riga {row.line}, {row_label(row.values)}: trovato «{raw}»"
                wrong.setdefault((message, hint, column), []).append((where, alone, example))
    # The same mistake in many cells (a column exported with thousands separators) is one.
    for (message, hint, _), cells in wrong.items():
        text = cells[0][1]
        if len(cells) > 1:
            rows = line_list([where.line or 0 for where, _, _ in cells])
            text = (
                f"{len(cells)} righe con lo stesso problema ({rows}): {message} "
                f"(alla {cells[0][2]})."
            )
        findings.append(grouped("PW009", text, hint, [where for where, _, _ in cells]))
    for columns, lines in unfilled.items():
        count = len(lines)
        subject = "1 Comune" if count == 1 else f"{count} Comuni"
        findings.append(
            grouped(
                "PW101",
                f"{subject} senza {', '.join(columns)} ({line_list(lines)}): dati ancora da "
                "compilare.",
                "Completa le colonne per ogni Comune (popolazione dall'ultimo bilancio "
                "demografico ISTAT, dipendenti dal conto annuale, ufficio_personale si/no).",
                [Location(table.rel, line, 1) for line in lines],
            )
        )
    _report_misread(misreadings, findings)
    return result


class _Misread(NamedTuple):
    """A CSV cell holding a number typed the Italian way: where, which row, what to write."""

    where: Location
    row: str  # «12 (Dorena)»: the line and the row's label
    what: str
    hint: str


def _misread_cells(
    table: CsvTable,
    row: CsvRow,
    numeric: dict[str, NumberField],
    row_label: Callable[[dict[str, str]], str],
    misreadings: dict[str, list[_Misread]],
) -> set[str]:
    """The numbers of ``row`` typed with thousands separators or «€», noted by column."""
    misread: set[str] = set()
    for column, field_ in numeric.items():
        typed = row.values.get(column, "")
        written = written_number(typed, decimal_comma=table.decimal_comma) if typed else None
        advice = (
            number_advice(typed, written, field_, decimal_comma=table.decimal_comma)
            if written is not None
            else None
        )
        if advice is None:
            continue
        what, hint = advice
        where = Location(table.rel, row.line, row.columns.get(column, 1))
        label = f"{row.line} ({row_label(row.values)})"
        misreadings.setdefault(column, []).append(_Misread(where, label, what, hint))
        misread.add(column)
    return misread


def _report_misread(misreadings: dict[str, list[_Misread]], findings: list[Diagnostic]) -> None:
    """PW009 for numbers typed the Italian way: one per cell, or one per column for many."""
    for column, cells in misreadings.items():
        first = cells[0]
        if len(cells) == 1:
            message = f"Riga {first.row}: «{column}» {first.what}."
            hint = first.hint
        else:
            rows = line_list([cell.where.line or 0 for cell in cells])
            message = (
                f"{len(cells)} righe hanno «{column}» non scritto con le sole cifre ({rows}): ad "
                f"esempio alla riga {first.row} {first.what}."
            )
            hint = f"{first.hint} Correggi allo stesso modo ogni riga elencata."
        findings.append(grouped("PW009", message, hint, [cell.where for cell in cells]))
