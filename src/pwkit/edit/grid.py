"""The Comuni CSV as a grid of cells, and the grid written back in the file's own dialect.

The file keeps its separator (``;`` of Italian Excel or ``,``), its line ends and its header
line as they are; a row the user did not change keeps its bytes. Rows pasted from a
spreadsheet arrive as rows of cells like any other.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from pwkit.base.diagnostics import Diagnostic


@dataclass(frozen=True)
class CsvText:
    """A CSV file's text read as cells, with where each row is and how it is written."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    """The 1-based line each row starts on."""
    texts: list[str]
    """Each row's text as in the file (without its line end)."""
    header_text: str
    delimiter: str
    newline: str
    final_newline: bool


def read_grid(text: str) -> CsvText:
    """The cells of a CSV file's text (the dialect found as ``pwkit check`` finds it)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = text.split("\n")
    header: list[str] = []
    rows: list[list[str]] = []
    starts: list[int] = []
    texts: list[str] = []
    previous = 0
    try:
        for cells in reader:
            start, previous = previous + 1, reader.line_num
            if not header and start == 1:
                header = cells
                continue
            if not cells or all(not cell.strip() for cell in cells):
                continue
            rows.append(cells)
            starts.append(start)
            texts.append("\n".join(lines[start - 1 : previous]).removesuffix("\r"))
    except csv.Error:
        pass  # the rest of the file is not CSV: the check says where; the grid stops there
    header_text = lines[0].removesuffix("\r") if lines else ""
    return CsvText(
        header, rows, starts, texts, header_text, delimiter, newline, text.endswith("\n")
    )


def write_grid(old: CsvText, rows: Iterable[list[str]]) -> str:
    """The file's text with ``rows`` as its data rows: unchanged rows keep their text."""
    kept = {tuple(cells): text for cells, text in zip(old.rows, old.texts, strict=True)}
    out = [old.header_text]
    width = len(old.header)
    for cells in rows:
        cells = [cell.replace("\r\n", " ").replace("\n", " ").strip() for cell in cells]
        while len(cells) > width and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        text = kept.get(tuple(cells))
        out.append(text if text is not None else _row_text(cells, old.delimiter))
    body = old.newline.join(out)
    return body + old.newline if old.final_newline or len(out) > 1 else body


def _row_text(cells: list[str], delimiter: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="").writerow(cells)
    return buffer.getvalue()


@dataclass
class GridFindings:
    """Findings of the Comuni CSV by (row, column) of the grid; the rest by themselves."""

    cells: dict[tuple[int, int], list[Diagnostic]] = field(default_factory=dict)
    rows: dict[int, list[Diagnostic]] = field(default_factory=dict)
    other: list[Diagnostic] = field(default_factory=list)


def grid_findings(grid: CsvText, file: str, findings: Iterable[Diagnostic]) -> GridFindings:
    """Where in the grid each finding of ``file`` is."""
    row_at = {line: index for index, line in enumerate(grid.lines)}
    out = GridFindings()
    for finding in findings:
        placed = False
        for place in finding.places:
            if place.file != file or place.line not in row_at:
                continue
            row = row_at[place.line]
            placed = True
            if place.column is None:
                out.rows.setdefault(row, []).append(finding)
                continue
            column = _cell_at(grid.texts[row], grid.delimiter, place.column)
            out.cells.setdefault((row, column), []).append(finding)
        if not placed:
            out.other.append(finding)
    return out


def _cell_at(text: str, delimiter: str, column: int) -> int:
    """The index of the cell of ``text`` at 1-based ``column``."""
    cell, quoted = 0, False
    for char in text[: max(column - 1, 0)]:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            cell += 1
    return cell


def pasted_rows(text: str) -> list[list[str]]:
    """The rows of cells a spreadsheet puts on the clipboard (tab-separated, Excel's quoting).

    Empty lines are dropped; line ends may be Windows' or Unix'.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    try:
        return [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error:
        return [line.split("\t") for line in text.splitlines() if line.strip()]
