"""Empty defaults of the schemas' optional lists and mappings, made by plain functions.

A function rather than ``list`` or ``dict``: pydantic reads a default factory's signature
when it builds a validator, and a builtin's signature is parsed from its text, which on the
first call costs a check's start-up several milliseconds.
"""

from __future__ import annotations

from typing import Any


def no_items() -> list[Any]:
    """A new empty list: the default of a list a file may leave out."""
    return []


def no_entries() -> dict[str, Any]:
    """A new empty mapping: the default of a mapping a file may leave out."""
    return {}
