"""Italian formatting written out by hand, checked against Babel's CLDR ``it_IT`` data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pwkit import italian
from pwkit.render.docx import formatting

babel_dates = pytest.importorskip("babel.dates")
babel_numbers = pytest.importorskip("babel.numbers")
LOCALE = "it_IT"

amounts = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False),
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.sampled_from([0, 0.5, 1.5, 2.5, 1234.5, 0.0005, 0.0015, -0.0004, 999.9995]),
)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@settings(max_examples=500, deadline=None)
@given(amounts)
def test_numbers_as_babel_writes_them(value: Decimal | float | int) -> None:
    if isinstance(value, float) and value.is_integer():
        expected_value: Decimal | float | int = int(value)
    else:
        expected_value = value
    assert italian.number(value) == babel_numbers.format_decimal(expected_value, locale=LOCALE)
    assert italian.number(value, 1) == babel_numbers.format_decimal(
        expected_value, format="#,##0.#", locale=LOCALE
    )
    assert formatting.fixed(value, 2) == babel_numbers.format_decimal(
        value, format="#,##0.00", locale=LOCALE
    )
    assert italian.money(Decimal(str(value))) == babel_numbers.format_currency(
        Decimal(str(value)), "EUR", locale=LOCALE
    )


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.floats(min_value=-100, max_value=100), st.decimals(-100, 100, places=5)))
def test_percentages_as_babel_writes_them(ratio: float | Decimal) -> None:
    assert italian.percent(ratio) == babel_numbers.format_percent(
        ratio, format="#,##0.#%", locale=LOCALE
    )
    assert formatting.percent(float(ratio)) == babel_numbers.format_percent(
        float(ratio), format="#,##0.0%", locale=LOCALE
    )


@settings(max_examples=500, deadline=None)
@given(dates)
def test_dates_as_babel_writes_them(value: dt.date) -> None:
    assert formatting.long_date(value) == babel_dates.format_date(value, "long", locale=LOCALE)
    assert formatting.month_year(value) == babel_dates.format_date(
        value, "LLLL yyyy", locale=LOCALE
    )
    assert formatting.short_month(value) == babel_dates.format_date(value, "LLL yy", locale=LOCALE)


def test_first_of_the_month_is_ordinal_in_messages() -> None:
    assert italian.long_date(dt.date(2026, 6, 1)) == "1° giugno 2026"
    assert italian.on_date(dt.date(2026, 6, 8)) == "l'8 giugno 2026"
    assert italian.to_date(dt.date(2026, 6, 30)) == "al 30 giugno 2026"


def test_values_beyond_decimal_precision_are_shown_as_written() -> None:
    huge = Decimal("9" * 40)
    assert italian.number(huge) == str(huge)
    assert italian.number(float("inf")) == "inf"
