"""Italian formatting written out by hand, checked against Babel's CLDR ``it_IT`` data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

# Babel is a test requirement: without it these tests must fail, never skip in silence.
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from pwkit.base import italian
from pwkit.render.docx import formatting

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
    written = babel_dates.format_date(value, "long", locale=LOCALE)
    # The first of the month is an ordinal, as Italians write it: «1° luglio».
    assert formatting.long_date(value) == ("1°" + written[1:] if value.day == 1 else written)
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


# --- numbers written the Italian way (read back) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("37.500", [("migliaia", "37500"), ("decimali", "37.500")]),
        ("1.500", [("migliaia", "1500"), ("decimali", "1.500")]),
        ("1.234.567", [("", "1234567")]),
        ("12.000,50", [("", "12000.50")]),
        ("€ 12.000", [("migliaia", "12000"), ("decimali", "12.000")]),
        ("€12000", [("", "12000")]),
        ("37.500,00 €", [("", "37500.00")]),
        ("37.500,00 euro", [("", "37500.00")]),
        ("EUR 1.234,5", [("", "1234.5")]),
        ("12 000", [("", "12000")]),
        ("12\u00a0000,5", [("", "12000.5")]),
        ("1'234'567", [("", "1234567")]),
        ("-1.234,5", [("", "-1234.5")]),
        ("1,5", [("", "1.5")]),
        ("37,50", [("", "37.50")]),
        ("1,500", [("decimali", "1.500"), ("migliaia", "1500")]),
        ("1,234,567", [("", "1234567")]),
        ("1,234.56", [("", "1234.56")]),
    ],
)  # fmt: skip
def test_numbers_written_the_italian_way_and_what_they_can_mean(
    text: str, readings: list[tuple[str, str]]
) -> None:
    written = italian.written_number(text)
    assert written is not None
    assert [(r.meaning, str(r.value)) for r in written.readings] == readings


@pytest.mark.parametrize(
    "text",
    ["12000", "1.5", "0.500", "37500.50", "-3", "1.2345", ".5", "", "abc", "S1", "1.50.0",
     "12 00", "1.2.3", "2026-04-30", "≤ 30", "€", "1 234,5,6", "0.000.500"],
)  # fmt: skip
def test_plain_numbers_and_other_text_are_not_italian_numbers(text: str) -> None:
    assert italian.written_number(text) is None


def test_a_decimal_comma_is_plain_where_the_file_uses_it() -> None:
    assert italian.written_number("4,5", decimal_comma=True) is None
    written = italian.written_number("43.570", decimal_comma=True)
    assert written is not None and [str(r.value) for r in written.readings] == ["43570", "43.570"]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=1000, max_value=10**12, places=2, allow_nan=False))
def test_every_amount_pwkit_writes_reads_back_to_itself(value: Decimal) -> None:
    for text in (italian.decimal(value, 0, 2), italian.money(value)):
        written = italian.written_number(text)
        assert written is not None, text
        assert value in [r.value for r in written.readings], text


def test_adding_months_past_the_last_representable_day_stops_there() -> None:
    assert italian.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert italian.add_months(dt.date(9999, 6, 30), 12) == dt.date.max
    assert italian.add_months(dt.date(1, 3, 1), -12) == dt.date.min
