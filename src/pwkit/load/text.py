"""Reading a file of the project as text: size and type checks, encodings, forbidden characters.

Problems met while reading are findings (``Diagnostic``), never exceptions: one broken file
must not hide the rest.
"""

from __future__ import annotations

import functools
import re
import stat
from pathlib import Path

from pwkit.base.diagnostics import Diagnostic, Location, Severity
from pwkit.base.findings import finding

#: Characters XML 1.0 forbids (C0 controls but TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates).
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: Files larger than this are not read (a section is a few dozen KB; 20 MB is a mistake).
MAX_FILE_BYTES = 5 * 1024 * 1024


class TextFile:
    """A decoded text file: LF line ends, BOM removed, forbidden characters blanked."""

    __slots__ = ("rel", "text")

    def __init__(self, rel: str, text: str) -> None:
        self.rel = rel
        self.text = text


#: How common binary formats start (PNG, ZIP/.docx/.xlsx, PDF, GIF, JPEG, old Office).
_BINARY_MAGIC = (
    b"\x89PNG",
    b"PK\x03\x04",
    b"%PDF",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\xd0\xcf\x11\xe0",
)

_RESAVE_UTF8 = (
    "Salva di nuovo il file con codifica UTF-8 (in Blocco note: «Salva con nome» → "
    "Codifica: UTF-8)."
)


def read_text(root: Path, rel: str, findings: list[Diagnostic]) -> TextFile | None:
    """Decode ``rel`` as text; ``None`` with a finding if it cannot.

    UTF-8 (with or without BOM) is read silently. UTF-16 with a BOM and Windows-1252 (what
    Notepad and Excel call «ANSI») are read too, with a PW002 warning that says how to
    re-save the file. Binary files, files too large and links leaving the project are not
    read. CRLF and lone CR line ends become LF.
    """
    from pwkit.base.fsutil import inside

    path = root / rel
    if inside(root, rel) is None:
        findings.append(
            finding(
                "PW010",
                f"Il file {rel} è un collegamento che porta fuori dalla cartella del progetto: "
                "non è stato letto.",
                "Al posto del collegamento metti una copia del file, dentro la cartella del "
                "progetto.",
                Location(rel),
            )
        )
        return None
    try:
        info = path.stat()
        size = info.st_size
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            findings.append(
                finding(
                    "PW002",
                    f"{rel} non è un file normale (è un dispositivo o una coda): non è stato "
                    "letto.",
                    "Al suo posto deve esserci un file di testo.",
                    Location(rel),
                )
            )
            return None
        if size > MAX_FILE_BYTES:
            findings.append(
                finding(
                    "PW002",
                    f"Il file è troppo grande ({size / 1024 / 1024:.1f} MB; il massimo è "
                    f"{MAX_FILE_BYTES // 1024 // 1024} MB): non è stato letto.",
                    "Controlla di aver salvato il file giusto: una sezione è un testo di poche "
                    "pagine. Togli il testo in eccesso o ripristina il file dal backup.",
                    Location(rel),
                )
            )
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        findings.append(
            finding(
                "PW001",
                f"Il file {rel} non esiste.",
                "Crea il file (ad esempio copiandolo da un progetto appena creato con "
                "`pwkit init`) o ripristinalo dal backup.",
                Location(rel),
            )
        )
        return None
    except IsADirectoryError:
        findings.append(
            finding(
                "PW001",
                f"{rel} è una cartella, non un file.",
                "Al suo posto deve esserci un file di testo.",
                Location(rel),
            )
        )
        return None
    except OSError as exc:
        findings.append(
            finding(
                "PW002",
                f"Il file non può essere letto ({exc.strerror or exc}).",
                "Controlla che il file non sia aperto in un altro programma e di avere il "
                "permesso di leggerlo.",
                Location(rel),
            )
        )
        return None
    text = _decode(rel, raw, findings)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(rel, _blank_forbidden(rel, text, findings))


@functools.cache
def _utf8_sequence() -> re.Pattern[bytes]:
    """A well-formed UTF-8 sequence of two to four bytes (rare in Windows-1252 Italian).

    Compiled when first needed, for a file that is not UTF-8: not by every check.
    """
    return re.compile(
        rb"[\xc2-\xdf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
    )


def _decode(rel: str, raw: bytes, findings: list[Diagnostic]) -> str | None:
    """The text of ``raw``: UTF-8, else UTF-16 with BOM or Windows-1252 (warned), else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            _not_text(rel, findings)
            return None
        findings.append(
            finding(
                "PW002",
                "Il file è salvato in UTF-16 («Unicode»), non in UTF-8: pwkit l'ha letto comunque.",
                _RESAVE_UTF8,
                Location(rel, 1, 1),
                severity=Severity.WARNING,
            )
        )
        return text.removeprefix("\ufeff")
    if raw.startswith(_BINARY_MAGIC) or raw.count(b"\x00") * 20 > len(raw):
        _not_text(rel, findings)
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
    if _utf8_sequence().search(raw):
        # Real UTF-8 elsewhere: the file is UTF-8 with a damaged spot (a fragment pasted from
        # another program, a lone surrogate). Reading it all as Windows-1252 would garble
        # every accent, so the spot is reported and shown as «�» for the other checks.
        findings.append(
            finding(
                "PW002",
                f"Il file è in UTF-8 ma alla riga {line} contiene byte non validi (0x{byte:02X}): "
                "forse un pezzo incollato da un altro programma.",
                "Riscrivi a mano i caratteri accentati di quella riga e salva di nuovo il file "
                "in UTF-8.",
                Location(rel, line, column),
            )
        )
        return raw.decode("utf-8", "replace")
    try:
        if b"\x00" in raw:
            raise UnicodeDecodeError("cp1252", raw, 0, 1, "NUL")
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        findings.append(
            finding(
                "PW002",
                f"Il file non è un testo in UTF-8: il byte 0x{byte:02X} alla riga {line} non è "
                "leggibile.",
                _RESAVE_UTF8,
                Location(rel, line, column),
            )
        )
        return None
    findings.append(
        finding(
            "PW002",
            f"Il file non è in UTF-8 (il byte 0x{byte:02X} alla riga {line} non lo è): pwkit "
            "l'ha letto come Windows-1252 («ANSI»).",
            _RESAVE_UTF8,
            Location(rel, line, column),
            severity=Severity.WARNING,
        )
    )
    return text


def _not_text(rel: str, findings: list[Diagnostic]) -> None:
    """PW002: the file is binary (an image, a Word or PDF file...)."""
    findings.append(
        finding(
            "PW002",
            "Il file non è un testo (sembra un'immagine, un documento Word o PDF, o un file "
            "danneggiato).",
            "Al posto di questo file deve esserci il file di testo previsto: ripristinalo dal "
            "backup o da .pwkit/base/, e aprilo con Blocco note, non con Word.",
            Location(rel, 1, 1),
        )
    )


def _blank_forbidden(rel: str, text: str, findings: list[Diagnostic]) -> str:
    """Report characters Word cannot hold (PW007) and replace them with spaces."""
    if not FORBIDDEN_CHARS.search(text):
        return text
    for match in FORBIDDEN_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        findings.append(
            finding(
                "PW007",
                f"Carattere di controllo U+{ord(match.group()):04X} non ammesso in un "
                "documento Word.",
                "Cancella il carattere (spesso arriva incollando da PDF o da altri programmi) "
                "e, se serviva, sostituiscilo con uno spazio o un a capo.",
                Location(rel, line, column),
            )
        )
    return FORBIDDEN_CHARS.sub(" ", text)
