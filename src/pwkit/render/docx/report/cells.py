"""The report's figures as table cells: «–» where a figure is not known."""

from __future__ import annotations

from decimal import Decimal

from pwkit.render.docx.formatting import DASH, fixed, number, percent
from pwkit.report.figures import ProjectFigures


def ratio(value: Decimal | None) -> str:
    """A share as a percentage (``0.25`` → ``25,0%``)."""
    return percent(float(value)) if value is not None else DASH


def count(value: int | None) -> str:
    """A count with Italian separators."""
    return number(value) if value is not None else DASH


def reached(value: int | None, share: Decimal | None) -> str:
    """A count with its share: ``3 (25,0%)``."""
    return DASH if value is None else f"{number(value)} ({ratio(share)})"


def fte(value: Decimal | None) -> str:
    """FTE with one decimal."""
    return fixed(value) if value is not None else DASH


def outcome(project: ProjectFigures) -> str:
    """What the check said of a project."""
    if project.valid:
        return "senza errori"
    return f"con errori ({project.errors})"
