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


#: What each exit code means, as the ``outcome`` of the JSON output (``--format json``).
OUTCOMES: dict[int, str] = {
    ExitCode.OK: "ok",
    ExitCode.DOCUMENT_ERRORS: "document_errors",
    ExitCode.USAGE: "usage_error",
    ExitCode.INTERNAL: "internal_error",
    ExitCode.INTERRUPTED: "interrupted",
}


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


#: errno name → (what happened, how to get past it), in Italian.
_OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOSPC": (
        "spazio su disco esaurito",
        "Libera spazio sul disco o scegli un'altra cartella, poi riprova.",
    ),
    "EDQUOT": (
        "quota disco superata",
        "Libera spazio nella tua area o scegli un'altra cartella, poi riprova.",
    ),
    "EACCES": (
        "permesso negato",
        "Controlla di poter scrivere in quella cartella e che il file non sia aperto in Word; "
        "oppure scegli un'altra cartella.",
    ),
    "EPERM": (
        "operazione non permessa",
        "Controlla i permessi del file e della cartella, oppure scegli un'altra cartella.",
    ),
    "EROFS": (
        "il disco è in sola lettura",
        "Scegli una cartella su un disco scrivibile (ad esempio con -o).",
    ),
    "ENOENT": ("il file o la cartella non esiste", "Controlla il percorso indicato."),
    "ENOTDIR": (
        "una parte del percorso è un file, non una cartella",
        "Controlla il percorso indicato.",
    ),
    "EEXIST": (
        "esiste già un file o una cartella con questo nome",
        "Scegli un altro nome o spostalo.",
    ),
    "EISDIR": ("è una cartella, non un file", "Indica il percorso di un file."),
    "ENAMETOOLONG": ("il nome è troppo lungo", "Usa un percorso più breve."),
    "EBUSY": ("il file è in uso", "Chiudi il programma che lo usa e riprova."),
}


def os_failure(exc: OSError) -> PwkitError:
    """A failure of the operating system (full disk, permissions, read-only disk), in Italian."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason, hint = _OS_REASONS.get(
        name, (f"errore del sistema ({name or exc.errno})", "Controlla il disco e riprova.")
    )
    where = exc.filename
    message = (
        f"Operazione non riuscita su {where}: {reason}." if where else f"{reason.capitalize()}."
    )
    return PwkitError(message, hint=hint)
