"""The JSON output of ``--format json``: the documented envelope around each command's data."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from pwkit.base.errors import OUTCOMES

if TYPE_CHECKING:
    from pwkit.base.diagnostics import CheckReport
    from pwkit.check.status import ProjectStatus


def envelope(
    exit_code: int,
    error: dict[str, Any] | None = None,
    notices: list[str] | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """The documented JSON output of a command: its outcome, any error, notices, its data.

    ``notices`` says what pwkit did to the project before the command (an interrupted
    upgrade undone).
    """
    return {
        "outcome": OUTCOMES[exit_code],
        "exit_code": int(exit_code),
        "error": error,
        "notices": list(notices or []),
        **payload,
    }


def error_json(
    message: str,
    hint: str | None = None,
    path: object | None = None,
    line: int | None = None,
    **more: Any,
) -> dict[str, Any]:
    """The ``error`` of the JSON output: what, how to fix it, where."""
    return {
        "message": message,
        "hint": hint,
        "file": str(path) if path is not None else None,
        "line": line,
        **more,
    }


def print_report_json(report: CheckReport, exit_code: int, notices: list[str]) -> None:
    """The documented JSON report on standard output."""
    print_json(envelope(exit_code, notices=notices, **report.to_json()))


def print_status_json(status: ProjectStatus, exit_code: int, notices: list[str]) -> None:
    """The documented JSON status on standard output."""
    print_json(envelope(exit_code, None, notices, **status.to_json()))


def print_json(data: object) -> None:
    """Machine-readable output: plain JSON on standard output, no colour, no wrapping."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
