"""Rules on a section's prose (placeholders, headings, length, tables) and its words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.base.italian import join, number
from pwkit.load.markdown import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, TABLE_TOO_LARGE, Body
from pwkit.load.outline import skipped, table_markers
from pwkit.pack.manifest import SectionSpec
from pwkit.rules.registry import prose_rule

_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.DOTALL)
_PLACEHOLDER = re.compile(r"\[\[\s*DA COMPILARE.*?(\]\]|$)", re.MULTILINE)


class Heading(NamedTuple):
    """A heading of the body with its 1-based line in the file."""

    level: int
    text: str
    line: int


def _normal(text: str) -> str:
    """Headings compare after trimming, case-folding, NFC and straight quotes."""
    text = text.replace("’", "'").replace("‘", "'").replace("«", '"').replace("»", '"')
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def headings(body: Body) -> list[Heading]:
    """Every ATX or setext heading of the body."""
    found = []
    tokens = body.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map is not None:
            inline = tokens[index + 1]
            found.append(Heading(int(token.tag[1]), inline.content, body.first_line + token.map[0]))
    return found


def without_guidance(text: str) -> str:
    """Replace HTML comments (guidance) with spaces, keeping every line and column."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


@prose_rule("PW101")
def check_placeholders(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW101: a placeholder ``[[DA COMPILARE…]]`` left in the prose (guidance aside)."""
    visible = without_guidance(body.text)
    for index, line in enumerate(visible.split("\n")):
        for match in _PLACEHOLDER.finditer(line):
            yield finding(
                "PW101",
                f"Testo ancora da compilare: «{match.group().strip()[:60]}».",
                "Sostituisci il segnaposto [[DA COMPILARE: …]] con il testo richiesto.",
                Location(rel, body.first_line + index, match.start() + 1),
            )


@prose_rule("PW014")
def check_table_size(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW014: a table over the limits of ``pwkit.markdown`` (as the parser found it)."""
    for token in body.tokens:
        if token.type != TABLE_TOO_LARGE or token.map is None:
            continue
        columns, rows = token.meta["columns"], token.meta["rows"]
        if columns > MAX_TABLE_COLUMNS:
            what = f"ha {number(columns)} colonne: Word ne gestisce al massimo {MAX_TABLE_COLUMNS}"
        else:
            what = (
                f"ha {number(columns * rows)} celle ({number(rows)} righe × {columns} colonne): "
                f"il massimo è {number(MAX_TABLE_CELLS)}"
            )
        yield finding(
            "PW014",
            f"La tabella {what}.",
            "Dividi la tabella in tabelle più piccole, oppure mettila in un allegato (ad esempio "
            "un foglio Excel elencato in «allegati» di progetto.yaml) e riassumila nel testo.",
            Location(rel, body.first_line + token.map[0], 1),
        )


_QUOTE_OR_INDENT = re.compile(r"^[ \t>]*")


@prose_rule("PW015")
def check_table_cells(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW015: a table row whose cells beyond the header's hold text.

    The parser (as GFM) keeps as many cells as the header has and drops the rest silently:
    their words would never reach the document.
    """
    from markdown_it.rules_block.table import escapedSplit

    lines = body.text.split("\n")
    columns = 0
    for token in body.tokens:
        if token.type == "thead_open":
            columns = 0
        elif token.type == "th_open":
            columns += 1
        if token.type != "tr_open" or token.map is None or token.map[0] >= len(lines):
            continue
        row = _QUOTE_OR_INDENT.sub("", lines[token.map[0]]).strip()
        cells = escapedSplit(row)
        if cells and not cells[0].strip():
            cells.pop(0)
        if cells and not cells[-1].strip():
            cells.pop()
        extra = [cell.strip() for cell in cells[columns:] if cell.strip()] if columns else []
        if not extra:
            continue
        lost = join([f"«{cell[:60]}»" for cell in extra])
        yield finding(
            "PW015",
            f"Questa riga della tabella ha {len(cells)} celle, l'intestazione {columns}: "
            f"{lost} non {'entrerebbe' if len(extra) == 1 else 'entrerebbero'} nel documento.",
            "Aggiungi la colonna all'intestazione (e una cella «---» alla riga sotto), oppure "
            "sposta il testo in una cella esistente. Una barra verticale che fa parte del testo "
            "si scrive \\|.",
            Location(rel, body.first_line + token.map[0], 1),
        )


@prose_rule("PW102")
def check_subheadings(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW102: a required sub-heading missing, or out of the template's order."""
    required = [_normal(h) for h in spec.subheadings]
    present = [h for h in headings(body) if h.level == 2]
    names = {_normal(h.text) for h in present}
    for wanted, title in zip(required, spec.subheadings, strict=True):
        if wanted not in names:
            yield finding(
                "PW102",
                f"Manca il sottotitolo obbligatorio «{title}».",
                f"Aggiungi la riga «## {title}» seguita dal testo; i sottotitoli richiesti sono, "
                f"in ordine: {'; '.join(spec.subheadings)}.",
                Location(rel, body.first_line, 1),
            )
    last = -1
    for heading in present:
        key = _normal(heading.text)
        if key not in required:
            continue
        position = required.index(key)
        if position < last:
            yield finding(
                "PW102",
                f"Il sottotitolo «{heading.text}» è fuori ordine.",
                f"Metti i sottotitoli nell'ordine del modello: {'; '.join(spec.subheadings)}.",
                Location(rel, heading.line, 1),
            )
        else:
            last = position


@prose_rule("PW103")
def check_too_short(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW103: prose shorter than the section's minimum of words."""
    words = body.words
    if words < spec.words.min:
        yield finding(
            "PW103",
            f"Il testo ha {words} parole, ne servono almeno {spec.words.min}.",
            f"Sviluppa la sezione fino ad almeno {spec.words.min} parole (massimo "
            f"{spec.words.max}), seguendo le domande della guida.",
            Location(rel, body.first_line, 1),
        )


@prose_rule("PW104")
def check_too_long(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW104: prose longer than the section's maximum of words."""
    words = body.words
    if words > spec.words.max:
        yield finding(
            "PW104",
            f"Il testo ha {words} parole, più del massimo di {spec.words.max}.",
            "Sintetizza: sposta i dettagli negli allegati o nelle tabelle dei dati.",
            Location(rel, body.first_line, 1),
        )


@prose_rule("PW106")
def check_empty_subheadings(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW106: a ``##`` heading followed by nothing but comments before the next ``#``/``##``."""
    tokens = body.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag != "h2" or token.map is None:
            continue
        has_content = False
        for later in tokens[index + 3 :]:
            if later.type == "heading_open" and later.tag in ("h1", "h2"):
                break
            if later.type == "html_block" or later.type.endswith("_close"):
                continue
            if later.type == "inline" and not later.content.strip():
                continue
            if later.type.endswith("_open") and later.type != "heading_open":
                continue
            has_content = True
            break
        if not has_content:
            title = tokens[index + 1].content
            yield finding(
                "PW106",
                f"Il sottotitolo «{title}» non ha testo.",
                "Scrivi almeno un paragrafo sotto il sottotitolo.",
                Location(rel, body.first_line + token.map[0], 1),
            )


@prose_rule("PW107")
def check_skipped_levels(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW107: a heading two or more levels deeper than the heading before it."""
    found = headings(body)
    for index in skipped([h.level for h in found]):
        before, heading = found[index - 1], found[index]
        yield finding(
            "PW107",
            f"Il titolo «{heading.text}» ({'#' * heading.level}) salta un livello: il titolo "
            f"prima, «{before.text}», è di livello {'#' * before.level}.",
            f"Scrivi «{'#' * (before.level + 1)} {heading.text}»: un titolo è al massimo un "
            "livello sotto quello che lo precede. Nel documento sarà comunque un sottotitolo "
            "del precedente.",
            Location(rel, heading.line, 1),
        )


@prose_rule("PW108")
def check_table_markers(spec: SectionSpec, rel: str, body: Body) -> Iterator[Diagnostic]:
    """PW108: a marker ``<!-- tabella: NAME -->`` naming no table of this section, or repeated."""
    known = [table.name for table in spec.tables]
    listed = join([f"«{name}»" for name in known]) if known else ""
    seen: set[str] = set()
    for token in body.tokens:
        if token.type != "html_block" or token.map is None:
            continue
        for name in table_markers(token.content):
            where = Location(rel, body.first_line + token.map[0], 1)
            if name in seen:
                yield finding(
                    "PW108",
                    f"La tabella «{name}» è già collocata più sopra nella sezione.",
                    "Lascia un solo segnaposto per tabella: la tabella va dove compare il primo.",
                    where,
                )
            elif name not in known:
                hint = (
                    f"Le tabelle di questa sezione sono: {listed}."
                    if known
                    else "Questa sezione non ha tabelle costruite dai dati: togli il commento."
                )
                yield finding(
                    "PW108",
                    f"Nella sezione non c'è una tabella «{name}» da collocare qui.",
                    hint,
                    where,
                )
            seen.add(name)
