"""Italian wording: dates in long form, lists, numbers, money and percentages.

Written out rather than asked of Babel: the rules are few and fixed (CLDR ``it``), and loading
Babel's locale data cost more than the rest of a ``pwkit check``. The tests compare every
function with Babel on many values.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)  # gen, feb, ..., dic (CLDR it)


def date_text(value: dt.date) -> str:
    """«30 aprile 2026», as documents write dates."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def long_date(value: dt.date) -> str:
    """«30 giugno 2026», and «1° giugno 2026» for the first of the month, as Italians write."""
    text = date_text(value)
    return "1°" + text[1:] if value.day == 1 else text


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
    """The same day ``months`` later, clipped to the month's last day (31 → 30 or 28)."""
    import calendar

    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return value.replace(
        year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1])
    )
