"""Reading a CSV file by header name, in the dialects spreadsheets write (``;`` and ``,``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding, grouped
from pwkit.base.italian import join, line_list
from pwkit.load.text import read_text


class CsvRow:
    """One data row of a CSV file: values by column name, and where each cell is."""

    __slots__ = ("columns", "line", "values")

    def __init__(self, line: int, values: dict[str, str], columns: dict[str, int]) -> None:
        self.line = line
        self.values = values
        self.columns = columns


class CsvTable:
    """A CSV file read by header name."""

    __slots__ = ("decimal_comma", "header", "rel", "rows", "skipped")

    def __init__(
        self,
        rel: str,
        header: list[str],
        rows: list[CsvRow],
        decimal_comma: bool,
        skipped: list[int] | None = None,
    ) -> None:
        self.rel = rel
        self.header = header
        self.rows = rows
        self.decimal_comma = decimal_comma
        self.skipped: list[int] = [] if skipped is None else skipped
        """Lines of data that could not be read as a row (a finding says why)."""


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
