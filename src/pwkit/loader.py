"""Reading a project from disk: text, front matter, Markdown and CSV, with a source map.

Every YAML key, value and list item, every Markdown token and every CSV row keeps its file,
line and column, so that any finding can point at the exact place the user has to change.
Problems met while reading are findings (``Diagnostic``), never exceptions: one broken file
must not hide the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pwkit.catalogue import finding
from pwkit.diagnostics import Diagnostic, Location, Severity
from pwkit.model import Body

#: Characters XML 1.0 forbids (C0 controls but TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates).
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """1-based positions of YAML keys and values, by their path in the data."""

    file: str
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    origin: tuple[int, int] = (1, 1)

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


# --- text -------------------------------------------------------------------------------


#: Files larger than this are not read (a section is a few dozen KB; 20 MB is a mistake).
MAX_FILE_BYTES = 5 * 1024 * 1024

#: YAML larger or deeper than this is refused before it is built into data.
MAX_YAML_CHARS = 1024 * 1024
MAX_YAML_DEPTH = 50
#: Integers beyond this are typing mistakes (and break number formatting in Word).
MAX_YAML_INT = 10**15

#: The tags a project file may carry: the standard YAML types, nothing that builds objects.
ALLOWED_TAGS = frozenset(
    {
        None,
        "!",
        *(
            f"tag:yaml.org,2002:{name}"
            for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
        ),
    }
)

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

_YAML_PROBLEMS = [
    (
        "mapping values are not allowed",
        "i due punti «:» non sono ammessi qui",
        "Se il testo contiene «: », mettilo tra virgolette; altrimenti controlla l'indentazione.",
    ),
    (
        "found character '\\t'",
        "tabulazione usata al posto degli spazi",
        "Nel YAML si rientra solo con spazi: sostituisci le tabulazioni con due spazi.",
    ),
    (
        "found duplicate key",
        "chiave ripetuta",
        "Ogni chiave può comparire una sola volta allo stesso livello: unisci o rinomina.",
    ),
    (
        "could not find expected ':'",
        "manca il «:» dopo una chiave",
        "Scrivi ogni voce come «chiave: valore».",
    ),
    (
        "expected <block end>",
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
        "found undefined alias",
        "alias non definito",
        "Togli il simbolo «*» o mettilo tra virgolette.",
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
        "could not determine a constructor for the tag",
        "etichetta YAML («!…») non ammessa",
        "Togli l'etichetta che inizia con «!»: pwkit accetta solo testi, numeri, date ed elenchi.",
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


def parse_yaml(rel: str, text: str, line_offset: int, findings: list[Diagnostic]) -> YamlDoc | None:
    """Parse YAML into plain data and a source map; a syntax error becomes PW003.

    ``line_offset`` is the number of file lines before the YAML text (1 for front matter).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _constructor()
    try:
        refused = _refuse_unsafe(yaml, rel, text, line_offset)
        if refused is not None:
            findings.append(refused)
            return None
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        column = (mark.column + 1) if mark else 1
        problem = f"{exc.problem or ''} {exc.context or ''}"
        what, hint = "errore di sintassi", "Controlla la riga indicata e quella precedente."
        for needle, it_what, it_hint in _YAML_PROBLEMS:
            if needle in problem:
                what, hint = it_what, it_hint
                break
        findings.append(
            finding("PW003", f"YAML non valido: {what}.", hint, Location(rel, line, column))
        )
        return None
    except YAMLError as exc:
        findings.append(
            finding(
                "PW003",
                f"YAML non valido: {exc}.",
                "Controlla la sintassi del file.",
                Location(rel, line_offset + 1, 1),
            )
        )
        return None
    source = SourceMap(rel, origin=(line_offset + 1, 1))
    data = _plain(node, (), source, line_offset)
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


def _refuse_unsafe(yaml: Any, rel: str, text: str, line_offset: int) -> Diagnostic | None:
    """PW003 for YAML that project files never need: aliases, tags, deep nesting, documents.

    Checked on the parser's events, before anything is built.
    """
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        DocumentStartEvent,
        NodeEvent,
    )

    depth = documents = 0
    for event in yaml.parse(text):
        mark = event.start_mark
        where = Location(rel, mark.line + 1 + line_offset, mark.column + 1)
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                return finding(
                    "PW003",
                    "YAML non valido: più documenti nello stesso file (una riga «...» o «---» "
                    "di troppo).",
                    "Togli la riga «...» o «---» indicata: i dati devono formare un solo blocco.",
                    where,
                )
        if isinstance(event, AliasEvent) or (
            isinstance(event, NodeEvent) and event.anchor is not None
        ):
            return finding(
                "PW003",
                "YAML non valido: riferimenti «&» e «*» non ammessi.",
                "Scrivi i valori per esteso; se «&» o «*» fa parte del testo, metti il valore "
                "tra virgolette.",
                where,
            )
        if isinstance(event, NodeEvent) and getattr(event, "tag", None) not in ALLOWED_TAGS:
            return finding(
                "PW003",
                f"YAML non valido: etichetta «{event.tag}» non ammessa.",  # type: ignore[attr-defined]
                "Togli l'etichetta che inizia con «!»: pwkit accetta solo testi, numeri, date "
                "ed elenchi.",
                where,
            )
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return finding(
                    "PW003",
                    f"YAML non valido: dati annidati troppo in profondità (più di "
                    f"{MAX_YAML_DEPTH} livelli).",
                    "Controlla i rientri e le parentesi «[» e «{»: i dati del progetto hanno "
                    "pochi livelli.",
                    where,
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


@cache
def _constructor() -> Any:
    """The round-trip constructor of ruamel, but dates stay text.

    The schemas read ISO dates themselves, so an impossible date (2026-13-01) becomes a
    finding at its place instead of an exception while parsing.
    """
    from ruamel.yaml.constructor import RoundTripConstructor

    class TextDates(RoundTripConstructor):
        pass

    TextDates.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    return TextDates


def _plain(node: Any, path: Path_, source: SourceMap, offset: int) -> Any:
    """Convert ruamel's round-trip nodes to builtins, recording positions on the way."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            plain_key = _scalar(key)
            child = (*path, plain_key)
            key_pos = node.lc.key(key)
            value_pos = node.lc.value(key)
            source.keys[child] = (key_pos[0] + 1 + offset, key_pos[1] + 1)
            source.values[child] = (value_pos[0] + 1 + offset, value_pos[1] + 1)
            out[plain_key] = _plain(value, child, source, offset)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*path, index)
            line, column = node.lc.item(index)
            source.values[child] = (line + 1 + offset, column + 1)
            items.append(_plain(value, child, source, offset))
        return items
    return _scalar(node)


def _scalar(value: Any) -> Any:
    """A ruamel scalar as the builtin it stands for."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return dt.datetime(*value.timetuple()[:6]) if type(value) is not dt.datetime else value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


# --- section files ----------------------------------------------------------------------


def read_section(root: Path, rel: str, findings: list[Diagnostic]) -> SectionFile:
    """Read a section: front matter (YAML) and body (Markdown, parsed once)."""
    from pwkit.markdown import parser

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
        section.body = Body(text, 1, tuple(parser().parse(text)))
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
    section.body = Body(body_text, close + 2, tuple(parser().parse(body_text)))
    return section


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
            return CsvTable(rel, header, rows, semicolon)
        start = previous_end + 1
        previous_end = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            findings.append(
                finding(
                    "PW009",
                    f"La riga ha {len(cells)} colonne, l'intestazione ne ha {len(header)}.",
                    f"Ogni riga deve avere lo stesso numero di valori dell'intestazione, "
                    f"separati da «{delimiter}» (anche vuoti).",
                    Location(rel, start, 1),
                )
            )
            continue
        columns = _cell_columns(raw_lines[start - 1] if start <= len(raw_lines) else "", delimiter)
        rows.append(
            CsvRow(
                start,
                {h: c.strip() for h, c in zip(header, cells, strict=True)},
                {h: columns[i] if i < len(columns) else 1 for i, h in enumerate(header)},
            )
        )
    return CsvTable(rel, header, rows, semicolon)


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
