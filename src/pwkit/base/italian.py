"""Italian wording: dates in long form, lists, numbers, money and percentages, and back.

Written out rather than asked of Babel: the rules are few and fixed (CLDR ``it``), and loading
Babel's locale data cost more than the rest of a ``pwkit check``. The tests compare every
function with Babel on many values. ``written_number`` goes the other way: it recognises a
number typed as Italians write it («37.500», «12.000,50 €») where data wants plain digits.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import NamedTuple

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)  # gen, feb, ..., dic (CLDR it)


def long_date(value: dt.date) -> str:
    """«30 giugno 2026», and «1° giugno 2026» for the first of the month, as Italians write.

    The one way pwkit writes a date in words: messages, prose and the document's tables.
    """
    day = "1°" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def month_year(value: dt.date) -> str:
    """«aprile 2026»."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def short_month(value: dt.date) -> str:
    """«apr 26», for narrow columns."""
    return f"{SHORT_MONTHS[value.month - 1]} {value.year % 100:02d}"


def on_date(value: dt.date) -> str:
    """The date with its article: «il 30 giugno 2026», «l'8 giugno 2026»."""
    return ("l'" if value.day in (8, 11) else "il ") + long_date(value)


def to_date(value: dt.date) -> str:
    """The date after «a»: «al 30 giugno 2026», «all'8 giugno 2026»."""
    return ("all'" if value.day in (8, 11) else "al ") + long_date(value)


def join(items: Sequence[str]) -> str:
    """«A3», «A3 e A5», «A3, A5 e A7»."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " e " + items[-1]


def line_list(lines: Sequence[int], shown: int = 8) -> str:
    """«riga 5», «righe 2–74», «righe 4, 6 e 7»; past ``shown`` runs, «… e altre 40»."""
    if len(lines) == 1:
        return f"riga {lines[0]}"
    runs: list[list[int]] = []
    for line in sorted(set(lines)):
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    # Two neighbours read better as «6 e 7» than as a range.
    runs = [part for r in runs for part in ([[r[0]], [r[1]]] if len(r) == 2 else [r])]
    texts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(runs) <= shown:
        return f"righe {join(texts)}"
    rest = sum(len(r) for r in runs[shown:])
    return f"righe {', '.join(texts[:shown])} e altre {rest}"


def decimal(value: Decimal | float | int, min_decimals: int = 0, max_decimals: int = 3) -> str:
    """A number with Italian separators: «1.234,5».

    Points group the thousands, a comma separates the decimals, rounded half to even as
    CLDR's ``#,##0.###`` patterns do.
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        value = Decimal(repr(value))
    amount = Decimal(value)
    if not amount.is_finite():
        return str(value)
    try:
        rounded = amount.quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_EVEN)
    except InvalidOperation:  # more digits than decimal arithmetic keeps: show as written
        return str(value)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0").ljust(min_decimals, "0")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 or (rounded == 0 and rounded.is_signed()) else ""
    return sign + grouped + ("," + fraction if fraction else "")


def number(value: Decimal | float | int, decimals: int = 3) -> str:
    """A number with Italian separators and at most ``decimals`` decimals: «1.234,5»."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return decimal(value, 0, decimals)


def money(value: Decimal | float | int) -> str:
    """Euro as Italian users read it: «1.234,50 €» (with a no-break space)."""
    return decimal(value, 2, 2) + "\u00a0€"


def percent(ratio: Decimal | float, decimals: int = 1, *, fixed: bool = False) -> str:
    """A ratio as a percentage: 0.073 → «7,3%» (``fixed``: always ``decimals`` decimals)."""
    if isinstance(ratio, float):
        if not math.isfinite(ratio):
            return f"{ratio}%"
        ratio = Decimal(repr(ratio))
    return decimal(Decimal(ratio) * 100, decimals if fixed else 0, decimals) + "%"


def add_months(value: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's last day (31 → 30 or 28).

    Past the last (or before the first) day a date can be, that day.
    """
    import calendar

    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # beyond what a date can be: stop at the edge
        return dt.date.max if year > dt.MAXYEAR else dt.date.min
    return value.replace(
        year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1])
    )


# --- numbers typed the Italian way --------------------------------------------------------

#: Separators that can only group thousands: spaces (also no-break ones) and apostrophes.
_GROUP_ONLY = frozenset(" \u00a0\u202f'’")
#: A number with an optional sign and currency before or after it: «€ 12.000», «-1.234,5».
_NUMBER = re.compile(
    r"\s*(?P<sign>[-+]?)\s*(?P<before>€|euro|eur)?\s*(?P<signed>[-+]?)"
    r"(?P<body>[0-9](?:[0-9.,'’ \u00a0\u202f]*[0-9])?)\s*(?P<after>€|euro|eur)?\s*",
    re.IGNORECASE,
)
_GROUP = re.compile(r"[1-9][0-9]{0,2}")
#: Plain numbers, the common case, recognised at once: no separator that could be Italian.
_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.(?:[0-9]{1,2}|[0-9]{4,}))?|0\.[0-9]+)")
#: Longer text is never a number (and is not worth looking at).
_MAX_NUMBER_CHARS = 40


class Reading(NamedTuple):
    """A value a written number can stand for.

    ``meaning`` says how the separator was read when the text has two readings: ``migliaia``
    (thousands) or ``decimali`` (decimals); it is empty when the text has only one.
    """

    value: Decimal
    meaning: str = ""


class WrittenNumber(NamedTuple):
    """A number written with separators or a currency, and the values it can stand for.

    ``separator`` is the lone ``.`` or ``,`` that reads both ways (``1.500``), else empty;
    ``grouping`` the thousands separator used; ``decimal_comma`` whether a comma separates the
    decimals; ``currency`` the currency mark as typed (``€``, ``euro``), else empty.
    """

    readings: tuple[Reading, ...]
    separator: str = ""
    grouping: str = ""
    decimal_comma: bool = False
    currency: str = ""


def _grouped(text: str, separator: str) -> bool:
    """Whether ``text`` is digits in groups of three, ``separator`` between them: 1.234.567."""
    first, *rest = text.split(separator)
    return (
        bool(rest)
        and _GROUP.fullmatch(first) is not None
        and all(len(part) == 3 and part.isdigit() for part in rest)
    )


def written_number(text: str, *, decimal_comma: bool = False) -> WrittenNumber | None:
    """The number in ``text`` written with thousands separators, a decimal comma or a currency.

    ``37.500``, ``1.234.567``, ``12.000,50``, ``€ 12.000``, ``12 000`` are such numbers;
    plain numbers (``12000``, ``1.5``, ``0.500``) and text that is no number give ``None``.
    A lone ``.`` or ``,`` followed by exactly three digits (``1.500``) has two readings,
    thousands and decimals. With ``decimal_comma`` (a CSV file of Italian Excel) a comma
    separating the decimals is the plain way and reads one way only.
    """
    if _PLAIN.fullmatch(text):
        return None
    number = _NUMBER.fullmatch(text) if len(text) <= _MAX_NUMBER_CHARS else None
    if number is None or (number["sign"] and number["signed"]):
        return None
    if number["before"] and number["after"]:
        return None
    currency = number["before"] or number["after"] or ""
    sign, body = number["sign"] or number["signed"], number["body"]
    separators = [c for c in body if not "0" <= c <= "9"]
    if not separators:
        amount = Reading(Decimal(sign + body))
        return WrittenNumber((amount,), currency=currency) if currency else None
    last = separators[-1]
    kinds = set(separators)
    if len(kinds) == 2:
        # The last separator is the decimal one, written once; the other groups the thousands.
        group = (kinds - {last}).pop()
        whole, _, fraction = body.rpartition(last)
        if last not in ".," or separators.count(last) != 1 or not _grouped(whole, group):
            return None
        value = Decimal(f"{sign}{whole.replace(group, '')}.{fraction}")
        return WrittenNumber((Reading(value),), "", group, last == ",", currency)
    if len(kinds) > 2:
        return None
    if last in _GROUP_ONLY or len(separators) > 1:
        if not _grouped(body, last):
            return None
        return WrittenNumber(
            (Reading(Decimal(sign + body.replace(last, ""))),), "", last, False, currency
        )
    whole, _, fraction = body.partition(last)
    as_decimals = Decimal(f"{sign}{whole}.{fraction}")
    as_expected = last == "." or decimal_comma  # the decimal separator the file wants
    if _grouped(body, last) and not (last == "," and decimal_comma):
        thousands = Reading(Decimal(sign + whole + fraction), "migliaia")
        decimals = Reading(as_decimals, "decimali")
        both = (thousands, decimals) if last == "." else (decimals, thousands)
        return WrittenNumber(both, last, "", False, currency)
    if as_expected and not currency:
        return None
    return WrittenNumber(
        (Reading(as_decimals),), "", "", last == "," and not decimal_comma, currency
    )
