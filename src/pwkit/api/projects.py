"""Use cases on one project: create it, check it, say where it stands, export its document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import EXPORT_DIR

if TYPE_CHECKING:
    from pwkit.base.diagnostics import CheckReport
    from pwkit.check.status import ProjectStatus
    from pwkit.init.answers import InitAnswers
    from pwkit.init.province import ProvinceQuestion
    from pwkit.init.scaffold import InitResult


#: Told a sentence for the user about what pwkit did besides the use case itself.
Notify = Callable[[str], None]


def open_project(folder: Path, notify: Notify | None) -> Path:
    """The project ``folder`` is in, first put back as it was if an upgrade was cut off there."""
    from pwkit.base.projectdir import find_project_root, upgrade_left_behind

    root = find_project_root(folder)
    if not upgrade_left_behind(root):
        return root
    from pwkit.upgrade.journal import recover_interrupted

    restored = recover_interrupted(root)
    if restored and notify is not None:
        notify(restored)
    return root


# --- init -------------------------------------------------------------------------------------


def init_project(
    target: Path,
    answers: InitAnswers,
    *,
    template: Path | None = None,
    fuori_elenco: bool = False,
    today: dt.date | None = None,
) -> InitResult:
    """Create a project work in ``target`` (absent or empty) from a template pack.

    ``fuori_elenco``: the Provincia of ``answers`` is declared not in the ISTAT list; without
    it, a name that is not in the list is refused with the units it may mean.
    """
    from pwkit.init import scaffold

    return scaffold.init_project(
        target, answers, template=template, today=today, fuori_elenco=fuori_elenco
    )


def province_question(name: str) -> ProvinceQuestion | None:
    """What to ask about a Provincia name not in the ISTAT list (``None``: it is in the list)."""
    from pwkit.init.province import province_question as question

    return question(name)


def province_choices() -> list[tuple[str, str]]:
    """Every unit of the ISTAT list by name: (name, «Bari (città metropolitana, Puglia, …)»).

    What a face offers to pick the Provincia from; the name is what :func:`init_project` takes.
    """
    from pwkit.load.ente import unit_summary
    from pwkit.load.istat import provinces

    units = sorted(provinces().values(), key=lambda unit: unit.nome.casefold())
    return [(unit.nome, unit_summary(unit)) for unit in units]


# --- check and status ---------------------------------------------------------------------------


def check_project(
    folder: Path,
    *,
    section: int | None = None,
    ignore: Iterable[str] = (),
    use_cache: bool = True,
    notify: Notify | None = None,
) -> CheckReport:
    """The findings of a check of the project ``folder`` is in.

    ``section``: only the findings of that section's files (those of the whole check there).
    ``ignore``: rule codes or short names left out (an unknown one is a :class:`PwkitError`).
    With ``use_cache``, a project unchanged since its last check is not checked again.
    """
    from pwkit.check.cache import checked_report

    root = open_project(folder, notify)
    skip = _ignored_codes(list(ignore))
    return checked_report(root, section, use_cache=use_cache).without(skip)


def _ignored_codes(ignore: list[str]) -> set[str]:
    """Codes for ``--ignore``; an unknown code or slug is a usage error (not silently kept)."""
    from pwkit.base.findings import resolve_codes

    if not ignore:
        return set()
    codes, unknown = resolve_codes(ignore)
    if unknown:
        raise PwkitError(
            f"Regola sconosciuta in --ignore: {', '.join(unknown)}.",
            hint="I codici delle regole sono elencati da `pwkit rules`.",
        )
    return codes


def project_status(
    folder: Path, *, today: dt.date | str | None = None, notify: Notify | None = None
) -> ProjectStatus:
    """Where the project stands, section by section, on ``today`` (a date or AAAA-MM-GG)."""
    from pwkit.check import pipeline
    from pwkit.check.status import project_status as status_of

    day = _day(today)
    root = open_project(folder, notify)
    return status_of(pipeline.check_project(root), day)


def _day(value: dt.date | str | None) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PwkitError(
            f"--oggi vuole una data AAAA-MM-GG, non «{value}».",
            hint="Ad esempio --oggi 2026-04-01.",
        ) from None


# --- export -----------------------------------------------------------------------------------


class DocumentWritten(NamedTuple):
    """The Word document is written (a step of :func:`export_document`)."""

    path: Path
    warnings: tuple[str, ...] = ()
    """What the user should know about it (e.g. what was removed from the reference document)."""


class PdfWritten(NamedTuple):
    """The PDF is written (a step of :func:`export_document`)."""

    path: Path
    toc_numbered: bool
    """The table of contents got its page numbers (LibreOffice could update it)."""


class ExportResult(NamedTuple):
    """What an export did: refused (the document has errors), or what it wrote."""

    report: CheckReport
    refused: bool = False
    document: DocumentWritten | None = None
    pdf: PdfWritten | None = None

    @property
    def open_errors(self) -> int:
        """The errors a draft written anyway lists at its end (0 for a complete document)."""
        return len(self.report.errors) if self.document is not None else 0


def export_document(
    folder: Path,
    *,
    output: Path | None = None,
    force: bool = False,
    draft: bool = False,
    pdf: bool = False,
    notify: Notify | None = None,
    progress: Callable[[DocumentWritten | PdfWritten], None] | None = None,
) -> ExportResult:
    """Check the project and write its Word document (and the PDF, with ``pdf``).

    A document with errors is refused, unless ``draft``: then it is written with «BOZZA» in
    its header and the open errors at its end. Without ``output`` the file is
    ``export/PW-<sigla>-v<versione>.docx`` in the project (``-bozza`` before ``.docx`` for a
    draft). Existing files are replaced only with ``force``. ``progress`` is told each file
    as soon as it is written.
    """
    from pwkit.base.fsutil import refuse_overwrite
    from pwkit.check.reuse import check_for_export
    from pwkit.render.naming import document_name

    root = open_project(folder, notify)
    result = check_for_export(root)
    if result.report.errors and not draft:
        return ExportResult(result.report, refused=True)
    target = output or root / EXPORT_DIR / document_name(result.project, draft=draft)
    _require_docx(target)
    # export/ in the project is made if missing, also when -o names it; no other folder.
    own_folder = target.parent.resolve() == (root / EXPORT_DIR).resolve()
    refuse_overwrite(target, force=force, new_folder=own_folder)
    pdf_target = target.with_suffix(".pdf")
    if pdf:
        from pwkit.render.pdf import require_soffice

        require_soffice()
        refuse_overwrite(pdf_target, force=force, new_folder=own_folder)
    from pwkit.render.docx import export_docx

    warnings = export_docx(
        result.project,
        target,
        files=result.files,
        draft=result.report if draft else None,
        force=force,
    )
    document = DocumentWritten(target, tuple(warnings))
    if progress is not None:
        progress(document)
    written_pdf = None
    if pdf:
        from pwkit.render.pdf import convert_to_pdf

        written_pdf = PdfWritten(pdf_target, convert_to_pdf(target, pdf_target, force=force))
        if progress is not None:
            progress(written_pdf)
    return ExportResult(result.report, document=document, pdf=written_pdf)


#: The documents an export writes in the project's ``export/`` folder.
EXPORTED_SUFFIXES = (".docx", ".pdf")


def exported_documents(folder: Path) -> list[Path]:
    """The documents in the project's ``export/`` folder, newest first."""
    target = open_project(folder, None) / EXPORT_DIR
    if not target.is_dir():
        return []
    found = [
        path
        for path in target.iterdir()
        if path.suffix.lower() in EXPORTED_SUFFIXES and not path.is_symlink() and path.is_file()
    ]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def exported_document(folder: Path, name: str) -> Path | None:
    """The document ``name`` of the project's ``export/`` folder; ``None`` for anything else.

    Only a file directly in ``export/`` with a document's suffix: never a path that leaves it
    (``..``, an absolute path, a link).
    """
    from pwkit.base.fsutil import inside

    target = (open_project(folder, None) / EXPORT_DIR).resolve()
    path = inside(target, name)
    if path is None or path.parent != target or path.suffix.lower() not in EXPORTED_SUFFIXES:
        return None
    return path if path.is_file() else None


def pdf_available() -> bool:
    """Whether LibreOffice is installed here, so that an export can also write the PDF."""
    from pwkit.render.pdf import require_soffice

    try:
        require_soffice()
    except PwkitError:
        return False
    return True


def _require_docx(target: Path) -> None:
    if target.suffix.lower() != ".docx" and not target.is_dir():
        raise PwkitError(
            f"Il file da scrivere, {target}, non ha l'estensione .docx.",
            hint=f"Indica con -o un nome che finisce in .docx, ad esempio "
            f"{target.with_suffix('.docx').name}.",
        )
