"""Italian formatting of numbers, money, percentages and dates for documents (Babel ``it_IT``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "it_IT"
#: Shown where a value is absent.
DASH = "–"


def money(value: Decimal | float | int | None) -> str:
    """Euro with Italian separators: ``1.234,50 €`` (with its no-break space)."""
    if value is None:
        return DASH
    return str(format_currency(Decimal(str(value)), "EUR", locale=LOCALE))


def number(value: Decimal | float | int | None) -> str:
    """A number with Italian separators and at most three decimals: ``1.234,5``."""
    if value is None:
        return DASH
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(format_decimal(value, locale=LOCALE))


def fixed(value: Decimal | float | int | None, decimals: int = 1) -> str:
    """A number with exactly ``decimals`` decimals: ``5,8``."""
    if value is None:
        return DASH
    pattern = "#,##0." + "0" * decimals if decimals > 0 else "#,##0"
    return str(format_decimal(value, format=pattern, locale=LOCALE))


def percent(ratio: float | None, decimals: int = 1) -> str:
    """A ratio as a percentage: ``0.7`` → ``70,0%``."""
    if ratio is None:
        return DASH
    pattern = "#,##0." + "0" * decimals + "%" if decimals > 0 else "#,##0%"
    return str(format_percent(ratio, format=pattern, locale=LOCALE))


def long_date(value: dt.date | None) -> str:
    """Italian long date: ``30 aprile 2026``."""
    if value is None:
        return DASH
    return str(format_date(value, format="long", locale=LOCALE))


def month_year(value: dt.date) -> str:
    """Month and year: ``aprile 2026``."""
    return str(format_date(value, format="LLLL yyyy", locale=LOCALE))


def short_month(value: dt.date) -> str:
    """Abbreviated month and two-digit year, for narrow columns: ``apr 26``."""
    return str(format_date(value, format="LLL yy", locale=LOCALE))


def period(start: dt.date, end: dt.date) -> str:
    """A date range: ``1 marzo 2026 – 30 aprile 2026``."""
    return f"{long_date(start)} – {long_date(end)}"
