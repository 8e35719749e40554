"""Exceptions for situations where pwkit cannot proceed, and the process exit codes."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes shared by every command (see ``cli.md``)."""

    OK = 0
    DOCUMENT_ERRORS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130


class PwkitError(Exception):
    """A problem pwkit cannot get past: shown to the user in Italian, exit code 2.

    The message says what is wrong; ``hint`` says how to fix it; ``path`` and ``line``
    locate it when a file is involved.
    """

    exit_code = ExitCode.USAGE

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line


class ProjectNotFoundError(PwkitError):
    """No ``progetto.yaml`` in the folder or any of its parents."""


class OutputExistsError(PwkitError):
    """The output file exists and ``--force`` was not given."""


class TemplateError(PwkitError):
    """A template pack is missing, unknown or malformed."""
