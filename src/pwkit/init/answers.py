"""What the user tells ``init``: plain data, light to import for any face that asks it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InitAnswers:
    """What the user told ``init`` (each may be missing)."""

    provincia: str | None = None
    titolo: str | None = None
    referente: str | None = None
    email: str | None = None
