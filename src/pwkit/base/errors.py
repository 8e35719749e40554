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


#: errno name → (what happened, how to get past it), in Italian. The errors an officer meets
#: writing to a PC, a USB stick or a network share; any other is told by :func:`os_failure`
#: with the system's own words and its code.
_OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOSPC": (
        "spazio su disco esaurito",
        "Libera spazio sul disco o scegli un'altra cartella, poi riprova.",
    ),
    "EDQUOT": (
        "quota disco superata",
        "Libera spazio nella tua area o scegli un'altra cartella, poi riprova.",
    ),
    "EFBIG": (
        "il file è troppo grande per questo disco o per questa cartella",
        "Alcune chiavette USB e dischi esterni (formattati FAT32) non accettano file oltre "
        "4 GB e alcune cartelle di rete hanno limiti propri: scrivi su un altro disco (ad "
        "esempio con -o) oppure riduci le immagini e gli allegati del progetto.",
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
        "Scegli una cartella su un disco scrivibile (ad esempio con -o); una chiavetta USB può "
        "avere attiva la protezione dalla scrittura.",
    ),
    "ENOENT": (
        "il file o la cartella non esiste",
        "Controlla il percorso indicato: il file o la cartella potrebbe essere stato "
        "spostato, rinominato o cancellato.",
    ),
    "ENOTDIR": (
        "una parte del percorso è un file, non una cartella",
        "Controlla il percorso indicato: una delle sue cartelle è in realtà un file.",
    ),
    "EISDIR": (
        "è una cartella, non un file",
        "Indica il percorso di un file, non quello di una cartella.",
    ),
    "EEXIST": (
        "esiste già un file o una cartella con questo nome",
        "Scegli un altro nome, oppure sposta o rinomina quello che c'è già.",
    ),
    "ENOTEMPTY": (
        "la cartella non è vuota",
        "Svuota o sposta la cartella, oppure scegli un'altra cartella.",
    ),
    "ENAMETOOLONG": (
        "il nome del file o il percorso è troppo lungo",
        "Usa un nome più corto o una cartella meno annidata (Windows accetta percorsi di circa "
        "260 caratteri): ad esempio sposta il progetto più vicino all'inizio del disco.",
    ),
    "EINVAL": (
        "il nome del file non è valido per questo disco (o l'operazione non è ammessa)",
        "Spesso è il nome del file: togli i caratteri che Windows non ammette "
        '(\\ / : * ? " < > |) e gli spazi o i punti alla fine del nome, poi riprova.',
    ),
    "ELOOP": (
        "il percorso contiene collegamenti che rimandano l'uno all'altro senza fine",
        "Controlla i collegamenti (link simbolici) nel percorso indicato: correggili o "
        "toglili, poi riprova.",
    ),
    "EXDEV": (
        "non si può spostare il file da un disco a un altro",
        "Scrivi il file sullo stesso disco del progetto (indica con -o una cartella di quel "
        "disco), poi riprova.",
    ),
    "EBUSY": (
        "il file è in uso",
        "Chiudi il programma che lo usa (Word, Excel, l'anteprima) e riprova.",
    ),
    "ETXTBSY": (
        "il file è in uso da un programma",
        "Chiudi il programma che lo usa (Word, Excel, l'anteprima) e riprova.",
    ),
    "EMFILE": (
        "pwkit ha troppi file aperti contemporaneamente",
        "Chiudi altri programmi e riprova; se succede ancora, segnalalo a chi gestisce pwkit "
        "indicando il comando usato.",
    ),
    "ENFILE": (
        "il computer ha troppi file aperti",
        "Chiudi qualche programma (o riavvia il computer) e riprova.",
    ),
    "ENOMEM": (
        "memoria del computer esaurita",
        "Chiudi altri programmi e riprova; se il progetto ha immagini molto grandi, riducile.",
    ),
    "EIO": (
        "errore di lettura o scrittura del disco",
        "Il disco, la chiavetta o la cartella di rete potrebbe essere scollegato o danneggiato: "
        "ricollegalo e riprova, oppure lavora su una copia del progetto su un altro disco.",
    ),
    "ENODEV": (
        "il disco non è disponibile",
        "Ricollega il disco o la chiavetta (o riapri l'unità di rete) e riprova.",
    ),
    "ENXIO": (
        "il disco non è disponibile",
        "Ricollega il disco o la chiavetta (o riapri l'unità di rete) e riprova.",
    ),
    "ESTALE": (
        "la cartella di rete non è più raggiungibile",
        "Ricollega l'unità di rete (o riapri la cartella condivisa) e riprova.",
    ),
    "ETIMEDOUT": (
        "il disco o la cartella di rete non ha risposto in tempo",
        "Controlla la connessione alla rete e riprova; se la cartella di rete è lenta, lavora "
        "su una copia del progetto sul tuo computer.",
    ),
    "EAGAIN": (
        "la risorsa è momentaneamente occupata",
        "Attendi qualche istante e riprova.",
    ),
    "ENOTSUP": (
        "operazione non supportata da questo disco o cartella",
        "Scegli una cartella su un disco del computer e riprova.",
    ),
    "EOPNOTSUPP": (
        "operazione non supportata da questo disco o cartella",
        "Scegli una cartella su un disco del computer e riprova.",
    ),
}


def os_failure(exc: OSError) -> PwkitError:
    """A failure of the operating system (full disk, permissions, read-only disk), in Italian.

    An error without an explanation of its own is told with the system's words and code,
    which whoever gives IT support can look up.
    """
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason, hint = _OS_REASONS.get(name) or _unexplained(exc)
    where = " e ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None)
    message = f"Operazione non riuscita su {where}: {reason}." if where else f"{reason}."
    return PwkitError(message[0].upper() + message[1:], hint=hint)


def _unexplained(exc: OSError) -> tuple[str, str]:
    words = (exc.strerror or str(exc) or type(exc).__name__).strip()
    code = f", codice {exc.errno}" if exc.errno is not None else ""
    return (
        f"il sistema operativo ha segnalato un errore («{words}»{code})",
        "Controlla il disco, la cartella e i permessi, poi riprova; se il problema resta, "
        "annota questo messaggio e chiedi al supporto informatico.",
    )
