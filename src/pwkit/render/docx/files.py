"""The files ``progetto.yaml`` names for the document (logos, reference), as the check found them.

The check confines every path ``progetto.yaml`` names to the project (PW010) and says why a
file cannot be used; the renderer takes that verdict and never resolves a path itself. A
path that leads outside the project, or to something that is not a regular file, is never
opened: a logo is left out, a reference document is refused with the check's reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.base.fsutil import ResolvedFile, ResolvedFiles

if TYPE_CHECKING:
    from pwkit.model.project import Project


def document_files(project: Project) -> dict[str, ResolvedFile]:
    """The logos and the reference document of ``project``, resolved (as the check does).

    For a caller that has no check result to pass on (a test, a script): an export goes through
    the check, which resolves the same files once and hands them over.
    """
    progetto = project.progetto
    documento = progetto.documento if progetto is not None else None
    if documento is None:
        return {}
    named = [*documento.loghi, *([documento.modello_word] if documento.modello_word else [])]
    return {name: ResolvedFile.resolve(project.root, name) for name in named}


def reference_of(project: Project, files: ResolvedFiles) -> ResolvedFile | None:
    """The reference document ``progetto.yaml`` names, as resolved; ``None`` if it names none.

    One the check did not resolve is treated as outside the project: never opened.
    """
    progetto = project.progetto
    documento = progetto.documento if progetto is not None else None
    if documento is None or not documento.modello_word:
        return None
    written = documento.modello_word
    return files.get(written, ResolvedFile(written, None))


def logos_of(project: Project, files: ResolvedFiles) -> list[Path]:
    """The logos ``progetto.yaml`` names that are regular files inside the project, in order."""
    progetto = project.progetto
    documento = progetto.documento if progetto is not None else None
    if documento is None:
        return []
    found = [files.get(name) for name in documento.loghi]
    return [f.path for f in found if f is not None and f.usable and f.path is not None]
