"""Exact decimal amounts read from YAML: plausible, within a tolerance, and the gap in words."""

from __future__ import annotations

from decimal import Decimal

from pwkit.base.italian import money, percent

#: Amounts with more integer digits than this (a million billion euro) are not plausible.
_IMPLAUSIBLE_DIGITS = 15


def plausible(*amounts: Decimal) -> bool:
    """No amount is negative or reaches a million billion euro: such figures are typos.

    Yearly sums skip projects holding one (PW408 reports the negative ones), so that the
    balance rules do not pile consequences on a typo and decimal arithmetic cannot overflow.
    """
    return all(
        a.is_finite() and a >= 0 and (a == 0 or a.adjusted() < _IMPLAUSIBLE_DIGITS) for a in amounts
    )


def dec(value: float | int) -> Decimal:
    """A number read from YAML as an exact decimal (floats through ``str``)."""
    return Decimal(str(value))


def within(actual: Decimal, expected: Decimal, tolerance: Decimal) -> bool:
    """``actual`` differs from ``expected`` by at most ``tolerance`` × ``expected``."""
    return abs(actual - expected) <= tolerance * expected


def difference(actual: Decimal, expected: Decimal, tolerance: Decimal, reference: str) -> str:
    """How ``actual`` departs from ``expected`` (the ``reference``) and what is allowed.

    The gap is given in euro as well: rounded to a percentage it may read like the tolerance.
    """
    shown = money(expected)
    if not expected:
        return f"ma il {reference} è {shown}"
    gap = abs(actual - expected)
    side = "in più" if actual > expected else "in meno"
    return (
        f"{money(gap)} ({percent(gap / expected)}) {side} rispetto al {reference} "
        f"({shown}); lo scarto ammesso è del {percent(tolerance)} "
        f"({money(tolerance * expected)})"
    )
