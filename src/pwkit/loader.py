"""Reading a project from disk: text, front matter, Markdown and CSV, with a source map.

Every YAML key, value and list item, every Markdown token and every CSV row keeps its file,
line and column, so that any finding can point at the exact place the user has to change.
Problems met while reading are findings (``Diagnostic``), never exceptions: one broken file
must not hide the rest.
"""

from __future__ import annotations

import csv
import io
import math
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pwkit.diagnostics import Diagnostic, Location, Severity
from pwkit.italian import join, line_list
from pwkit.model import Body
from pwkit.pack.catalogue import finding, grouped
from pwkit.typoquotes import CLOSERS, OPENERS, Wrapped, straighten, wrapped
from pwkit.yamlread import MAX_DEPTH as MAX_YAML_DEPTH

#: Characters XML 1.0 forbids (C0 controls but TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates).
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """1-based positions of YAML keys and values, by their path in the data.

    ``texts`` keeps how plain values read as floats were typed (``37.500``, read as 37.5).
    """

    file: str
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    origin: tuple[int, int] = (1, 1)
    texts: dict[Path_, str] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """Where ``path`` is: its value (or key), else the nearest enclosing entry found."""
        trail = tuple(path)
        while trail:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for positions in table:
                if trail in positions:
                    line, column = positions[trail]
                    return Location(self.file, line, column)
            trail = trail[:-1]
        return Location(self.file, *self.origin)


@dataclass
class YamlDoc:
    """Plain Python data read from YAML, with its source map."""

    data: Any
    source: SourceMap


@dataclass
class TextFile:
    """A decoded text file: LF line ends, BOM removed, forbidden characters blanked."""

    rel: str
    text: str


@dataclass
class SectionFile:
    """What was read of one section file."""

    rel: str
    text: str | None = None
    front: YamlDoc | None = None
    body: Body | None = None


@dataclass
class CsvRow:
    """One data row of a CSV file: values by column name, and where each cell is."""

    line: int
    values: dict[str, str]
    columns: dict[str, int]


@dataclass
class CsvTable:
    """A CSV file read by header name."""

    rel: str
    header: list[str]
    rows: list[CsvRow]
    decimal_comma: bool
    skipped: list[int] = field(default_factory=list)
    """Lines of data that could not be read as a row (a finding says why)."""


# --- text -------------------------------------------------------------------------------


#: Files larger than this are not read (a section is a few dozen KB; 20 MB is a mistake).
MAX_FILE_BYTES = 5 * 1024 * 1024

#: YAML larger or deeper than this is refused before it is built into data.
MAX_YAML_CHARS = 1024 * 1024
#: Integers beyond this are typing mistakes (and break number formatting in Word).
MAX_YAML_INT = 10**15


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
    from pwkit.fsutil import inside

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


#: A well-formed UTF-8 sequence of two to four bytes (hardly ever found in Windows-1252 Italian).
_UTF8_SEQUENCE = re.compile(
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
    if _UTF8_SEQUENCE.search(raw):
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


# --- YAML -------------------------------------------------------------------------------

#: Why ``yamlread`` refused a text → (what, hint) in Italian; ``{}`` is the detail.
_REFUSED: dict[str, tuple[str, str]] = {
    "anchor": (
        "riferimenti «&» e «*» non ammessi",
        "Scrivi i valori per esteso; se «&» o «*» fa parte del testo, metti il valore tra "
        "virgolette.",
    ),
    "tag": (
        "etichetta «{}» non ammessa",
        "Togli l'etichetta che inizia con «!»: pwkit accetta solo testi, numeri, date ed elenchi.",
    ),
    "tag-value": (
        "il valore «{}» non corrisponde alla sua etichetta",
        "Togli l'etichetta che inizia con «!!» e scrivi solo il valore.",
    ),
    "depth": (
        f"dati annidati troppo in profondità (più di {MAX_YAML_DEPTH} livelli)",
        "Controlla i rientri e le parentesi «[» e «{»: i dati del progetto hanno pochi livelli.",
    ),
    "documents": (
        "più documenti nello stesso file (una riga «...» o «---» di troppo)",
        "Togli la riga «...» o «---» indicata: i dati devono formare un solo blocco.",
    ),
    "directive": (
        "direttiva «%» non ammessa",
        "Togli la riga che inizia con «%»: i dati del progetto non ne hanno bisogno.",
    ),
    "duplicate-key": (
        "chiave ripetuta",
        "Ogni chiave può comparire una sola volta allo stesso livello: unisci o rinomina.",
    ),
}

#: libyaml's (and PyYAML's) problem texts → (what, hint) in Italian; the first match wins.
_YAML_PROBLEMS: list[tuple[str, str, str]] = [
    ("exceeded maximum nesting depth", *_REFUSED["depth"]),
    ("did not find expected <document start>", *_REFUSED["documents"]),
    (
        "found a tab character",
        "tabulazione usata al posto degli spazi",
        "Nel YAML si rientra solo con spazi: sostituisci le tabulazioni con due spazi.",
    ),
    (
        "did not find expected ',' or ']'",
        "parentesi «[» non chiusa",
        "Chiudi l'elenco con «]» sulla stessa riga, oppure metti il valore tra virgolette.",
    ),
    (
        "did not find expected ',' or '}'",
        "parentesi «{» non chiusa",
        "Chiudi le parentesi con «}», oppure metti il valore tra virgolette.",
    ),
    (
        "found invalid Unicode character escape code",
        "sequenza «\\u» non valida tra virgolette",
        "Scrivi il carattere direttamente, senza la sequenza con «\\».",
    ),
    (
        "mapping values are not allowed",
        "i due punti «:» non sono ammessi qui",
        "Se il testo contiene «: », mettilo tra virgolette; altrimenti controlla l'indentazione.",
    ),
    (
        "could not find expected ':'",
        "manca il «:» dopo una chiave",
        "Scrivi ogni voce come «chiave: valore».",
    ),
    (
        "expected <block end>",  # PyYAML's own parser, where libyaml is missing
        "indentazione non coerente",
        "Allinea le chiavi dello stesso livello con lo stesso numero di spazi.",
    ),
    (
        "did not find expected key",
        "indentazione non coerente o chiave mancante",
        "Allinea le chiavi dello stesso livello con lo stesso numero di spazi.",
    ),
    (
        "did not find expected '-' indicator",
        "elemento di elenco non allineato",
        "Allinea i trattini «-» degli elementi dello stesso elenco.",
    ),
    (
        "found unexpected end of stream",
        "testo tra virgolette non chiuso",
        "Chiudi le virgolette aperte.",
    ),
    (
        "found unknown escape character",
        "sequenza con «\\» non valida tra virgolette",
        "Usa le virgolette semplici ' ' oppure raddoppia la barra «\\\\».",
    ),
    (
        "while scanning an alias",
        "simbolo «*» non valido",
        "Se «*» fa parte del testo, metti il valore tra virgolette.",
    ),
    (
        "while scanning an anchor",
        "simbolo «&» non valido",
        "Se «&» fa parte del testo, metti il valore tra virgolette.",
    ),
    (
        "found character that cannot start any token",
        "carattere non valido a inizio valore",
        "Metti il valore tra virgolette (ad esempio se inizia con «@», «`» o «%»).",
    ),
]


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


#: Values in typographic quotes read as quoted, at most, in one YAML text (each costs a parse).
MAX_REQUOTED = 50


def _parse_requoting(text: str, requoted: list[Wrapped]) -> Any:
    """Parse ``text``, reading values in typographic quotes as quoted (see ``typoquotes``).

    A value is requoted only where YAML cannot read it as typed: the line of a syntax error,
    a key or a value cut short that begins with a typographic quote. ``requoted`` receives
    them; the parser's errors propagate.
    """
    from yaml import MarkedYAMLError

    from pwkit.yamlread import parse

    while True:
        try:
            parsed = parse(text)
        except MarkedYAMLError as exc:
            marks = (exc.problem_mark, exc.context_mark)
            found = [w for m in marks if m and (w := wrapped(text, m.line)) is not None]
            found = found or _closed_typographically(text, exc.problem_mark)
            fixed = straighten(text, found[0]) if found else None
            if fixed is None or len(requoted) >= MAX_REQUOTED:
                raise
        else:
            found = _misread_openings(text, parsed)
            fixed = straighten(text, found[0]) if found else None
            if fixed is None or len(requoted) >= MAX_REQUOTED:
                return parsed
        requoted.append(found[0])
        text = fixed


def _closed_typographically(text: str, mark: Any) -> list[Wrapped]:
    """A value opened by a straight quote and closed by a typographic one, up to ``mark``.

    Word retyped only the closing quote: YAML reads the value on to the next straight quote,
    lines later, and stumbles there; the line to mend is the one where the value began.
    """
    from dataclasses import replace

    last = mark.line if mark is not None else text.count("\n")
    for line, content in enumerate(text.split("\n", last + 1)[: last + 1]):
        end = content.rstrip()[-1:]
        if not end or (end not in CLOSERS and "#" not in content):
            continue  # a quick look first: most lines are not closed by a typographic quote
        found = wrapped(content, 0)
        if found is not None and found.open in "\"'" and found.close in CLOSERS:
            return [replace(found, line=line)]
    return []


def _misread_openings(text: str, parsed: Any) -> list[Wrapped]:
    """Values in typographic quotes that YAML read as something else.

    ``- “Selezioni: concorsi”`` became a key, ``titolo: “Progetto #1”`` a text cut at ``#``.
    """
    if not any(quote in text for quote in OPENERS):
        return []
    starts = [at for path, at in parsed.keys.items() if _opens(path[-1])]
    starts += [parsed.values[path] for path, value in _texts(parsed.data, ()) if _opens(value)]
    found = ((wrapped(text, line), column) for line, column in sorted(starts))
    return [w for w, column in found if w is not None and w.column == column]


def _opens(value: Any) -> bool:
    """A text that begins with a typographic quote and does not end with one."""
    return isinstance(value, str) and value[:1] in OPENERS and value[-1:] not in CLOSERS


def _texts(data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every text value of plain YAML data, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _requoted(found: Wrapped, at: Callable[[int, int], Location]) -> Diagnostic:
    """The PW003 warning for a value read as if its typographic quotes were straight."""
    return finding(
        "PW003",
        f"Il valore è tra virgolette tipografiche {found.open}…{found.close}: è stato letto "
        "come se fossero virgolette dritte.",
        f'Usa le virgolette dritte "…": scrivi {found.as_written(found.body)} (Word cambia le '
        "virgolette mentre scrivi: per i file del progetto usa un editor di testo).",
        at(found.line, found.column),
        severity=Severity.WARNING,
    )


def _syntax_error(exc: Any, text: str, at: Callable[[int, int], Location]) -> Diagnostic:
    """PW003 for a YAML syntax error, in Italian; what to write if quotes are the cause."""
    mark = exc.problem_mark or exc.context_mark
    where = at(mark.line, mark.column) if mark else at(0, 0)
    problem = f"{exc.problem or ''} {exc.context or ''}"
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        problem = "found a tab character"
    what, hint = "errore di sintassi", "Controlla la riga indicata e quella precedente."
    for needle, it_what, it_hint in _YAML_PROBLEMS:
        if needle in problem:
            what, hint = it_what, it_hint
            break
    marks = (exc.problem_mark, exc.context_mark)
    quoted = next((w for m in marks if m and (w := wrapped(text, m.line)) is not None), None)
    if quoted is not None and quoted.guillemets:
        hint = (
            f'Usa le virgolette dritte "…": scrivi {quoted.as_written(quoted.body)} (oppure '
            f"{quoted.as_written(quoted.open + quoted.body + quoted.close)}, se le virgolette "
            "« » fanno parte del testo)."
        )
    elif quoted is not None:
        what = (
            f"il valore è tra virgolette tipografiche {quoted.open}…{quoted.close}, che il YAML "
            "non riconosce"
        )
        hint = f'Usa le virgolette dritte "…": scrivi {quoted.as_written(quoted.body)}.'
    return finding("PW003", f"YAML non valido: {what}.", hint, where)


def parse_yaml(rel: str, text: str, line_offset: int, findings: list[Diagnostic]) -> YamlDoc | None:
    """Parse YAML into plain data and a source map; a syntax error becomes PW003.

    ``line_offset`` is the number of file lines before the YAML text (1 for front matter).
    """
    from yaml import MarkedYAMLError, YAMLError

    from pwkit.yamlread import YamlProblem

    if len(text) > MAX_YAML_CHARS:
        findings.append(
            finding(
                "PW003",
                f"I dati YAML sono troppo grandi ({len(text):,} caratteri; il massimo è "
                f"{MAX_YAML_CHARS:,}).".replace(",", "."),
                "I dati in testa al file sono poche righe: controlla di non aver incollato "
                "il testo prima della riga «---» di chiusura.",
                Location(rel, line_offset + 1, 1),
            )
        )
        return None

    def at(line: int, column: int) -> Location:
        last = text.count("\n")
        if line > last or (line == last and text.endswith("\n")):
            # The parser points past the end (an unclosed bracket): the last line instead.
            line = max(0, last - 1) if text.endswith("\n") else last
            column = len(text.rstrip("\n").rsplit("\n", 1)[-1])
        return Location(rel, line + 1 + line_offset, column + 1)

    requoted: list[Wrapped] = []
    problem: Diagnostic | None = None
    try:
        parsed = _parse_requoting(text, requoted)
    except YamlProblem as exc:
        what, hint = _REFUSED[exc.kind]
        problem = finding(
            "PW003", f"YAML non valido: {what.format(exc.detail)}.", hint, at(*exc.position)
        )
    except MarkedYAMLError as exc:
        problem = _syntax_error(exc, text, at)
    except YAMLError:
        problem = finding(
            "PW003",
            "YAML non valido: il testo contiene caratteri che il YAML non ammette.",
            "Controlla la sintassi del file e togli i caratteri invisibili incollati.",
            Location(rel, line_offset + 1, 1),
        )
    findings.extend(_requoted(found, at) for found in requoted)
    if problem is not None:
        findings.append(problem)
        return None
    source = SourceMap(rel, origin=(line_offset + 1, 1), texts=parsed.texts)
    for path, (line, column) in parsed.keys.items():
        source.keys[path] = (line + 1 + line_offset, column + 1)
    for path, (line, column) in parsed.values.items():
        source.values[path] = (line + 1 + line_offset, column + 1)
    data = parsed.data
    for path, number in _numbers(data, ()):
        if isinstance(number, float) and math.isfinite(number):
            continue
        if isinstance(number, int) and abs(number) <= MAX_YAML_INT:
            continue
        findings.append(
            finding(
                "PW006",
                "Numero non valido: troppo grande, infinito o «NaN».",
                "Scrivi un numero ordinario (ad esempio 1200 o 3.5); se è un codice, mettilo "
                "tra virgolette.",
                source.locate(path),
            )
        )
        return None
    return YamlDoc(data, source)


def _numbers(data: Any, path: Path_) -> Iterator[tuple[Path_, int | float]]:
    """Every number in plain YAML data, with its path (booleans are not numbers)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _numbers(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _numbers(value, (*path, index))
    elif isinstance(data, int | float) and not isinstance(data, bool):
        yield path, data


# --- section files ----------------------------------------------------------------------


def read_section(root: Path, rel: str, findings: list[Diagnostic]) -> SectionFile:
    """Read a section: front matter (YAML) and body (Markdown, parsed once)."""
    loaded = read_text(root, rel, findings)
    if loaded is None:
        return SectionFile(rel)
    text = loaded.text
    lines = text.split("\n")
    section = SectionFile(rel, text=text)
    if not lines or lines[0].rstrip() != "---":
        findings.append(
            finding(
                "PW004",
                "Manca l'intestazione YAML (front matter) all'inizio del file.",
                "La prima riga del file deve essere «---», seguita dai dati della sezione e "
                "da un'altra riga «---»; poi il testo.",
                Location(rel, 1, 1),
            )
        )
        section.body = Body(text, 1)
        return section
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if close is None:
        findings.append(
            finding(
                "PW004",
                "L'intestazione YAML (front matter) non è chiusa.",
                "Aggiungi una riga con soli «---» dopo l'ultimo dato della sezione, prima "
                "del testo.",
                Location(rel, 1, 1),
            )
        )
        return section
    yaml_text = "\n".join(lines[1:close])
    section.front = parse_yaml(rel, yaml_text, 1, findings)
    if section.front is not None and section.front.data is None:
        section.front.data = {}
    body_text = "\n".join(lines[close + 1 :])
    section.body = Body(body_text, close + 2)
    return section


_CONFLICT_START, _CONFLICT_MIDDLE, _CONFLICT_END = "<<<<<<<", "=======", ">>>>>>>"


def conflict_markers(rel: str, text: str, first_line: int = 1) -> list[Diagnostic]:
    """PW012 for each block of conflict markers ``pwkit upgrade`` left in ``text``."""
    findings: list[Diagnostic] = []
    start: int | None = None
    for index, line in enumerate(text.split("\n")):
        number = first_line + index
        if line.startswith(_CONFLICT_START):
            start = number
        elif line.startswith(_CONFLICT_END) and start is not None:
            findings.append(_conflict(rel, start, number))
            start = None
    if start is not None:
        findings.append(_conflict(rel, start, None))
    return findings


def _conflict(rel: str, start: int, end: int | None) -> Diagnostic:
    lines = f"righe {start}–{end}" if end is not None else f"dalla riga {start}"
    return finding(
        "PW012",
        f"Conflitto non risolto tra il testo del progetto e quello del modello ({lines}).",
        "Tieni il testo giusto (o unisci le due versioni) e cancella le righe «<<<<<<< "
        "progetto», «=======» e «>>>>>>> modello …».",
        Location(rel, start, 1),
    )


def unknown_section_files(root: Path, known: set[str]) -> Iterator[str]:
    """Files in ``sezioni/`` that the manifest does not name (hidden files skipped)."""
    folder = root / "sezioni"
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith((".", "~$")) or rel in known:
            continue
        yield rel


# --- CSV --------------------------------------------------------------------------------


def read_csv(root: Path, rel: str, findings: list[Diagnostic]) -> CsvTable | None:
    """Read a CSV by header name; ``;`` with decimal commas (Italian Excel) is accepted."""
    loaded = read_text(root, rel, findings)
    if loaded is None:
        return None
    text = loaded.text
    first = text.split("\n", 1)[0]
    semicolon = ";" in first and "," not in first
    delimiter = ";" if semicolon else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        findings.append(
            finding(
                "PW009",
                "Il file CSV è vuoto: manca la riga di intestazione.",
                "La prima riga deve elencare le colonne, ad esempio "
                "codice_istat,comune,popolazione,dipendenti,ufficio_personale.",
                Location(rel, 1, 1),
            )
        )
        return None
    except csv.Error as exc:
        findings.append(
            finding(
                "PW009",
                f"Intestazione CSV illeggibile: {exc}.",
                "Controlla la prima riga.",
                Location(rel, 1, 1),
            )
        )
        return None
    rows: list[CsvRow] = []
    skipped: list[int] = []
    short: list[tuple[int, list[str]]] = []
    long: list[tuple[int, int]] = []
    raw_lines = text.split("\n")
    previous_end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            findings.append(
                finding(
                    "PW009",
                    f"Riga CSV illeggibile: {exc}.",
                    "Controlla le virgolette della riga indicata.",
                    Location(rel, previous_end + 1, 1),
                )
            )
            return CsvTable(rel, header, rows, semicolon, [*skipped, previous_end + 1])
        start = previous_end + 1
        previous_end = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            long.append((start, len(cells)))
            continue
        if len(cells) < len(header):
            short.append((start, cells))
            continue
        rows.append(_row(start, header, cells, raw_lines, delimiter))
    if short and not rows and not long and len({len(c) for _, c in short}) == 1:
        # Every row lacks the same last columns: the header has a column too many. The rows
        # are read (the missing cells are empty) and the header is the one finding.
        findings.append(_extra_header(rel, header, [line for line, _ in short], len(short[0][1])))
        rows = [_row(line, header, cells, raw_lines, delimiter) for line, cells in short]
        return CsvTable(rel, header, rows, semicolon)
    mismatched = sorted([(line, len(cells)) for line, cells in short] + long)
    if mismatched:
        findings.append(_column_counts(rel, header, mismatched, delimiter))
        skipped.extend(line for line, _ in mismatched)
    return CsvTable(rel, header, rows, semicolon, sorted(skipped))


def _row(
    line: int, header: list[str], cells: list[str], raw_lines: list[str], delimiter: str
) -> CsvRow:
    """A data row by column name; missing cells at the end are empty."""
    columns = _cell_columns(raw_lines[line - 1] if line <= len(raw_lines) else "", delimiter)
    cells = cells + [""] * (len(header) - len(cells))
    return CsvRow(
        line,
        {h: c.strip() for h, c in zip(header, cells, strict=True)},
        {h: columns[i] if i < len(columns) else 1 for i, h in enumerate(header)},
    )


def _extra_header(rel: str, header: list[str], lines: list[int], count: int) -> Diagnostic:
    """One finding at the header when every row has fewer values than it has columns."""
    extra = [f"«{name}»" if name else "una colonna senza nome" for name in header[count:]]
    which = "l'ultima colonna" if len(extra) == 1 else f"le ultime {len(extra)} colonne"
    rows = "la riga" if len(lines) == 1 else f"tutte le {len(lines)} righe"
    return grouped(
        "PW009",
        f"L'intestazione ha {len(header)} colonne, ma {rows} di dati ne "
        f"{'ha' if len(lines) == 1 else 'hanno'} {count} ({line_list(lines)}): {which} "
        f"dell'intestazione, {join(extra)}, non ha valori.",
        "Togli dall'intestazione la colonna in più (spesso un separatore in fondo alla prima "
        "riga), oppure scrivi il suo valore in ogni riga, anche vuoto.",
        [Location(rel, 1, 1), *(Location(rel, line, 1) for line in lines)],
    )


def _column_counts(
    rel: str, header: list[str], rows: list[tuple[int, int]], delimiter: str
) -> Diagnostic:
    """One finding for the rows whose number of values differs from the header's columns."""
    hint = (
        f"Ogni riga deve avere lo stesso numero di valori dell'intestazione, separati da "
        f"«{delimiter}» (anche vuoti); un nome che contiene «{delimiter}» va tra virgolette."
    )
    places = [Location(rel, line, 1) for line, _ in rows]
    if len(rows) == 1:
        message = f"La riga ha {rows[0][1]} colonne, l'intestazione ne ha {len(header)}."
    else:
        lines = [line for line, _ in rows]
        message = (
            f"{len(rows)} righe non hanno le {len(header)} colonne dell'intestazione "
            f"({line_list(lines)}): non sono state lette."
        )
    return grouped("PW009", message, hint, places)


def _cell_columns(line: str, delimiter: str) -> list[int]:
    """1-based column where each cell of a CSV line starts (quotes respected)."""
    starts = [1]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(index + 2)
    return starts
