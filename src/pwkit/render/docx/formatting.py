"""Italian formatting of numbers, money, percentages and dates for documents (``—`` if absent)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pwkit.base import italian

#: Shown where a value is absent.
DASH = "–"


def money(value: Decimal | float | int | None) -> str:
    """Euro with Italian separators: ``1.234,50 €`` (with its no-break space)."""
    return DASH if value is None else italian.money(value)


def number(value: Decimal | float | int | None) -> str:
    """A number with Italian separators and at most three decimals: ``1.234,5``."""
    return DASH if value is None else italian.number(value)


def fixed(value: Decimal | float | int | None, decimals: int = 1) -> str:
    """A number with exactly ``decimals`` decimals: ``5,8``."""
    return DASH if value is None else italian.decimal(value, decimals, decimals)


def percent(ratio: float | None, decimals: int = 1) -> str:
    """A ratio as a percentage: ``0.7`` → ``70,0%``."""
    return DASH if ratio is None else italian.percent(ratio, decimals, fixed=True)


def long_date(value: dt.date | None) -> str:
    """Italian long date: ``30 aprile 2026``, ``1° luglio 2026`` (as prose writes it)."""
    return DASH if value is None else italian.long_date(value)


def date_or_text(value: dt.date | str) -> str:
    """A date in words, or a period written as text (``autunno 2026``) as it is."""
    return long_date(value) if isinstance(value, dt.date) else value


def month_year(value: dt.date) -> str:
    """Month and year: ``aprile 2026``."""
    return italian.month_year(value)


def short_month(value: dt.date) -> str:
    """Abbreviated month and two-digit year, for narrow columns: ``apr 26``."""
    return italian.short_month(value)


def period(start: dt.date, end: dt.date) -> str:
    """A date range: ``1° marzo 2026 – 30 aprile 2026``."""
    return f"{long_date(start)} – {long_date(end)}"
