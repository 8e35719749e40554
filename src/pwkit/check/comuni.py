"""The Comuni CSV of a project: where it is, its rows as they validate, what was left out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.base.fsutil import inside
from pwkit.base.sourcemap import SourceMap
from pwkit.load.csvfile import read_csv
from pwkit.model.analisi import comuni_columns
from pwkit.model.project import NOTHING_LEFT_OUT, LeftOut, Section, has
from pwkit.pack.manifest import TemplateManifest
from pwkit.validate.parts import summarise, valid_parts
from pwkit.validate.rows import validate_rows

#: What a row of the Comuni CSV needs to count as a Comune of the territory.
IDENTITY = ("codice_istat", "comune")


class ComuniTable(NamedTuple):
    """The Comuni CSV as read: its path, its rows and what of it was left out."""

    file: str
    rows: Sequence[tuple[int, Any]] = ()
    """(line, row) of every row, when each validates (none otherwise): what renderers take."""
    parts: Sequence[tuple[int, Any]] = ()
    """(line, row) of every row with a valid ISTAT code and name; other cells may be absent."""
    left_out: LeftOut = NOTHING_LEFT_OUT


def check_comuni(
    root: Path,
    manifest: TemplateManifest,
    sections: list[Section],
    findings: list[Diagnostic],
    sources: dict[str, SourceMap],
) -> ComuniTable:
    """The Comuni CSV: its path, its rows and what was left out of it."""
    from pwkit.model.analisi import Comune, Contesto

    rel = manifest.comuni_file
    for section in sections:
        if isinstance(section.data, Contesto):
            rel = getattr(section.data, "comuni_file", rel)
            if inside(root, rel) is None or not (root / rel).exists():
                findings.append(
                    finding(
                        "PW010",
                        f"Il file dei Comuni «{rel}» non esiste o è fuori dalla cartella del "
                        "progetto.",
                        f"Indica in «comuni_file» un file dentro il progetto, di solito "
                        f"{manifest.comuni_file}.",
                        sources[section.spec.file].locate(("comuni_file",)),
                    )
                )
                return ComuniTable(rel)
    table = read_csv(root, rel, findings)
    if table is None:
        return ComuniTable(rel)
    if not table.rows and not table.skipped:
        findings.append(
            finding(
                "PW101",
                f"{rel} ha solo l'intestazione: non elenca ancora alcun Comune.",
                "Aggiungi una riga per ogni Comune del territorio, con codice ISTAT, nome, "
                "popolazione e dipendenti.",
                Location(table.rel, 1, 1),
            )
        )
        return ComuniTable(rel)
    rows = validate_rows(
        table,
        Comune,
        comuni_columns(required=True),
        findings,
        row_label=lambda values: values.get("comune") or values.get("codice_istat") or "?",
    )
    if rows is None:
        return ComuniTable(rel, left_out=summarise(None, None, [("righe",)]))
    complete = rows.valid if not rows.invalid else []
    partial = [(line, valid_parts(Comune, cells)[0]) for line, cells in rows.invalid]
    every = sorted([*rows.valid, *partial], key=lambda pair: pair[0])
    identified = [(line, row) for line, row in every if has(row, *IDENTITY)]
    missing = [(line,) for line, row in every if not has(row, *IDENTITY)]
    missing += [(line,) for line in table.skipped]
    return ComuniTable(rel, complete, identified, summarise(None, None, missing))
