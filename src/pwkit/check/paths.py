"""PW010 and PW013: the files ``progetto.yaml`` names (annexes, logos, Word reference)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.base.fsutil import ResolvedFile
from pwkit.base.sourcemap import SourceMap


def _check_reference(path: Path, rel: str, location: Location) -> list[Diagnostic]:
    """PW013: the reference document must be a .docx within ``wordpackage``'s limits."""
    from pwkit.load.wordpackage import read_docx
    from pwkit.load.wordparts import PackageProblem

    try:
        read_docx(path)
    except PackageProblem as exc:
        what = exc.what
        hint = exc.hint
    except OSError:
        what = "non si può leggere."
        hint = "Controlla che il file non sia aperto in Word e di poterlo leggere, poi riprova."
    else:
        return []
    message = f"Il documento Word di riferimento «{rel}» {what}"
    return [finding("PW013", message, hint, location)]


def check_paths(
    root: Path, progetto: Any, source: SourceMap
) -> tuple[list[Diagnostic], dict[str, ResolvedFile]]:
    """PW010: annexes, logos and the reference document must exist inside the project.

    Returns the findings and every named file as resolved, for the export to use as it is.
    ``progetto`` may lack parts left out as not valid (``getattr`` with a default skips them).
    """
    annexes = getattr(progetto, "allegati", ())
    paths: list[tuple[tuple[str | int, ...], str, str]] = [
        (("allegati", i, "file"), a.file, "L'allegato") for i, a in enumerate(annexes)
    ]
    documento = getattr(progetto, "documento", None)
    if documento is not None:
        paths += [
            (("documento", "loghi", i), logo, "Il logo")
            for i, logo in enumerate(getattr(documento, "loghi", ()))
        ]
        if getattr(documento, "modello_word", None):
            paths.append(
                (
                    ("documento", "modello_word"),
                    documento.modello_word,
                    "Il documento Word di riferimento",
                )
            )
    findings = []
    files: dict[str, ResolvedFile] = {}
    for path, rel, what in paths:
        resolved = files.setdefault(rel, ResolvedFile.resolve(root, rel))
        target, problem = resolved.path, resolved.problem
        if target is None:
            findings.append(
                finding(
                    "PW010",
                    f"{what} «{rel}» è fuori dalla cartella del progetto.",
                    "Copia il file dentro la cartella del progetto (es. in allegati/) e indica "
                    "il percorso relativo.",
                    source.locate(path),
                )
            )
        elif problem is not None:
            findings.append(
                finding(
                    "PW010",
                    f"{what} «{rel}» {problem}",
                    "Controlla il nome del file (maiuscole comprese) o copialo nella cartella "
                    "indicata."
                    if problem == "non esiste."
                    else "Indica in progetto.yaml il percorso di un file, non di una cartella o "
                    "di un file speciale.",
                    source.locate(path),
                )
            )
        elif path == ("documento", "modello_word"):
            findings += _check_reference(target, rel, source.locate(path))
    return findings, files
