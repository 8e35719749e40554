"""Italian wording for messages: dates in long form, lists, numbers and money (Babel, lazily)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

LOCALE = "it_IT"


def long_date(value: dt.date) -> str:
    """«30 giugno 2026», and «1° giugno 2026» for the first of the month, as Italians write."""
    from babel.dates import format_date

    text = str(format_date(value, "d MMMM y", locale=LOCALE))
    return "1°" + text[1:] if value.day == 1 else text


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


def number(value: Decimal | float | int, pattern: str | None = None) -> str:
    """A number with Italian separators: «1.234,5» (``pattern`` as Babel writes it)."""
    from babel.numbers import format_decimal

    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return str(format_decimal(value, format=pattern, locale=LOCALE))
    except ArithmeticError:  # more digits than decimal arithmetic keeps: show as written
        return str(value)


def money(value: Decimal) -> str:
    """Euro as Italian users read it: «1.234,50 €»."""
    from babel.numbers import format_currency

    try:
        return str(format_currency(value, "EUR", locale=LOCALE))
    except ArithmeticError:
        return f"{value} €"


def percent(ratio: Decimal | float) -> str:
    """A ratio as a percentage with at most one decimal: 0.073 → «7,3%»."""
    from babel.numbers import format_percent

    try:
        return str(format_percent(ratio, format="#,##0.#%", locale=LOCALE))
    except ArithmeticError:
        return f"{ratio * 100}%"


def add_months(value: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clipped to the month's last day (31 → 30 or 28)."""
    import calendar

    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return value.replace(
        year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1])
    )
