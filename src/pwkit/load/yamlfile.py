"""A YAML text of the project (front matter, ``progetto.yaml``) → plain data and a source map.

Every key, value and list item keeps its file, line and column. A syntax error, YAML pwkit
refuses or a number out of range is a finding (PW003, PW006) at its place, in Italian; a value
between typographic quotes is read as if they were straight, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pwkit.base.diagnostics import Diagnostic, Location, Severity
from pwkit.base.findings import finding
from pwkit.base.sourcemap import SourceMap
from pwkit.load.typoquotes import Wrapped, parse_requoting, wrapped
from pwkit.load.yamlerrors import REFUSED, explain

#: YAML larger than this is refused before it is built into data.
MAX_YAML_CHARS = 1024 * 1024


class YamlDoc:
    """Plain Python data read from YAML, with its source map."""

    __slots__ = ("data", "source")

    def __init__(self, data: Any, source: SourceMap) -> None:
        self.data = data
        self.source = source


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


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
    what, hint = explain(problem)
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

    from pwkit.load.yamldata import YamlProblem

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
        parsed = parse_requoting(text, requoted)
    except YamlProblem as exc:
        what, hint = REFUSED[exc.kind]
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
    if parsed.out_of_range:
        findings.append(
            finding(
                "PW006",
                "Numero non valido: troppo grande, infinito o «NaN».",
                "Scrivi un numero ordinario (ad esempio 1200 o 3.5); se è un codice, mettilo "
                "tra virgolette.",
                source.locate(parsed.out_of_range[0]),
            )
        )
        return None
    return YamlDoc(parsed.data, source)
