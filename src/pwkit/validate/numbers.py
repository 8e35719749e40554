"""Numbers typed the Italian way (``37.500``, ``€ 12.000,50``) where the data wants digits.

A lone separator before three digits reads two ways; the field's kind decides (see
``number_advice``). The advice says what was typed and what to write instead.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import Reading, WrittenNumber, join, written_number
from pwkit.base.sourcemap import Path_, SourceMap
from pwkit.load.typoquotes import CLOSERS, OPENERS
from pwkit.model.introspect import NumberField, number_field
from pwkit.validate.rawdata import subject

_GROUPINGS = {
    ".": "il punto delle migliaia",
    ",": "la virgola delle migliaia",
    "'": "l'apostrofo delle migliaia",
    "’": "l'apostrofo delle migliaia",
}
_SPACE_GROUPING = "lo spazio delle migliaia"
_WHY_THOUSANDS = {
    int: "in un numero intero {separator} può solo separare le migliaia",
    Decimal: "in un importo, che ha al massimo due decimali, {separator} separa le migliaia",
}


def misread_number(
    model: type[BaseModel], data: Any, path: Path_, value: Any, source: SourceMap
) -> Diagnostic | None:
    """PW006 for a number typed the Italian way (``37.500``, ``€ 12.000``) in a numeric field.

    A float keeps its text in the source map: ``37.500`` would otherwise be 37.5.
    """
    if isinstance(value, float):
        typed = source.texts.get(path)
    else:
        typed = value if isinstance(value, str) else None
    if typed is None:
        return None
    inner = _between_typographic_quotes(typed)
    written = written_number(inner if inner is not None else typed)
    if written is None and inner is not None and _PLAIN_NUMBER.fullmatch(inner):
        written = WrittenNumber((Reading(Decimal(inner)),))
    field = number_field(model, path) if written is not None else None
    if written is None or field is None:
        return None
    if field.takes_text and isinstance(value, str):
        return None  # «≤ 30» or «1.500» in quotes is a text the field accepts as typed
    advice = number_advice(typed, written, field, typographic=inner is not None)
    if advice is None:
        return None
    what, hint = advice
    return finding("PW006", f"{subject(path, data)} {what}.", hint, source.locate(path))


_TYPOGRAPHIC = re.compile(f"[{OPENERS}](?P<inner>.*)[{CLOSERS}]", re.DOTALL)
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def _between_typographic_quotes(typed: str) -> str | None:
    """What ``typed`` holds between Word's quotes (``“37.500”``), if it is so wrapped."""
    match = _TYPOGRAPHIC.fullmatch(typed.strip())
    return match["inner"].strip() if match else None


def number_advice(
    typed: str,
    written: WrittenNumber,
    field: NumberField,
    *,
    decimal_comma: bool = False,
    typographic: bool = False,
) -> tuple[str, str] | None:
    """(what is wrong, hint) for ``typed``: the value to write, both if it reads two ways.

    A lone separator before three digits (``1.500``) groups the thousands in whole numbers
    and amounts (an integer has no decimals, an amount at most two); it separates the
    decimals in small quantities, which are then plain numbers (``None``: nothing wrong);
    elsewhere both readings are offered. ``decimal_comma``: the file writes decimals with a
    comma (the Italian CSV dialect); ``typographic``: ``typed`` is between Word's quotes,
    which are wrong too.
    """
    readings = field_readings(written, field)
    separator = "il punto" if written.separator == "." else "la virgola"
    reason = ""
    if len(written.readings) > 1 and field.type in _WHY_THOUSANDS:
        reason = f" ({_WHY_THOUSANDS[field.type].format(separator=separator)})"
    elif (
        len(written.readings) > 1
        and field.small
        and written.separator == "."
        and not written.currency
        and not typographic
    ):
        return None
    rule = (
        "Nel file i numeri si scrivono con le sole cifre, senza separatori delle migliaia né "
        f"«€», con {'la virgola' if decimal_comma else 'il punto'} per i decimali."
    )
    if len(readings) > 1:
        options = "; se ".join(
            f"separa {'le migliaia' if r.meaning == 'migliaia' else 'i decimali'} scrivi "
            f"{_plain(r, field.type, decimal_comma)}"
            for r in readings
        )
        what = f"è scritto «{typed}»: non è chiaro se {separator} separa le migliaia o i decimali"
        return what, f"Se {separator} {options}. {rule}"
    [reading] = readings
    marks = ["le virgolette tipografiche"] if typographic else []
    if written.currency:
        marks.append(
            "il simbolo «€»" if written.currency == "€" else f"la parola «{written.currency}»"
        )
    if written.grouping:
        marks.append(_GROUPINGS.get(written.grouping, _SPACE_GROUPING))
    elif reading.meaning == "migliaia":
        marks.append(f"{separator} delle migliaia")
    comma = written.decimal_comma or (written.separator == "," and reading.meaning == "decimali")
    if comma and not decimal_comma:
        marks.append("la virgola per i decimali")
    what = f"è scritto «{typed}», con {join(marks)}{reason}"
    return what, f"Scrivi {_plain(reading, field.type, decimal_comma)}. {rule}"


def field_readings(written: WrittenNumber, field: NumberField) -> list[Reading]:
    """The values ``written`` can stand for in ``field``: one, unless it is ambiguous there.

    A lone separator before three digits groups the thousands in whole numbers and amounts
    and separates the decimals in small quantities; elsewhere both readings stay.
    """
    readings = list(written.readings)
    if len(readings) > 1 and field.type in _WHY_THOUSANDS:
        return [r for r in readings if r.meaning == "migliaia"]
    if len(readings) > 1 and field.small:
        return [r for r in readings if r.meaning == "decimali"]
    return readings


def _plain(reading: Reading, number: type, decimal_comma: bool) -> str:
    """The value of ``reading`` as the file wants it: digits, a point (or comma) for decimals.

    A decimal that would still read as thousands (``46.875``) gets a fourth decimal, a zero.
    """
    value = reading.value.normalize() if reading.meaning == "decimali" else reading.value
    if number is int and value == value.to_integral_value():
        return str(int(value))
    text = f"{value:f}"
    if decimal_comma:
        return text.replace(".", ",")
    return text + "0" if written_number(text) is not None else text
