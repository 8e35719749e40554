"""pwkit as a library: one function per use case, called by every face (command line, browser).

Each function takes plain arguments and returns plain data, or raises :class:`PwkitError`
(a problem the user can fix: the message says what and how, in Italian). None of them
prints, asks or exits: what pwkit did on the way is told through the optional callbacks
``notify`` (a sentence for the user, e.g. that an interrupted upgrade was undone first) and
``progress`` (a step done). Heavy modules are imported inside the functions, so importing
this module costs next to nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.base.errors import ExitCode, OutputExistsError, ProjectNotFoundError, PwkitError
from pwkit.init.answers import InitAnswers

if TYPE_CHECKING:
    from pwkit.base.diagnostics import CheckReport
    from pwkit.check.status import ProjectStatus
    from pwkit.init.province import ProvinceQuestion
    from pwkit.init.scaffold import InitResult
    from pwkit.pack.catalogue import RuleInfo
    from pwkit.report.collect import Target
    from pwkit.report.compare import Comparison
    from pwkit.upgrade.plan import UpgradePlan

__all__ = [
    "DocumentWritten",
    "ExitCode",
    "ExportResult",
    "InitAnswers",
    "OutputExistsError",
    "PdfWritten",
    "ProjectNotFoundError",
    "PwkitError",
    "UpgradeResult",
    "check_project",
    "compare_projects",
    "explain_rule",
    "export_document",
    "init_project",
    "list_rules",
    "project_status",
    "province_question",
    "upgrade_project",
    "vet_report_output",
    "write_report",
    "write_schemas",
]

#: Told a sentence for the user about what pwkit did besides the use case itself.
Notify = Callable[[str], None]


def _open_project(folder: Path, notify: Notify | None) -> Path:
    """The project ``folder`` is in, first put back as it was if an upgrade was cut off there."""
    from pwkit.base.projectdir import find_project_root
    from pwkit.upgrade.journal import recover_interrupted

    root = find_project_root(folder)
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

    root = _open_project(folder, notify)
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
    root = _open_project(folder, notify)
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


@dataclass(frozen=True)
class DocumentWritten:
    """The Word document is written (a step of :func:`export_document`)."""

    path: Path
    warnings: tuple[str, ...] = ()
    """What the user should know about it (e.g. what was removed from the reference document)."""


@dataclass(frozen=True)
class PdfWritten:
    """The PDF is written (a step of :func:`export_document`)."""

    path: Path
    toc_numbered: bool
    """The table of contents got its page numbers (LibreOffice could update it)."""


@dataclass(frozen=True)
class ExportResult:
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
    from pwkit.check import pipeline
    from pwkit.render.naming import document_name

    root = _open_project(folder, notify)
    result = pipeline.check_project(root)
    if result.report.errors and not draft:
        return ExportResult(result.report, refused=True)
    target = output or root / "export" / document_name(result.project, draft=draft)
    _require_docx(target)
    # export/ in the project is made if missing, also when -o names it; no other folder.
    own_folder = target.parent.resolve() == (root / "export").resolve()
    refuse_overwrite(target, force=force, new_folder=own_folder)
    pdf_target = target.with_suffix(".pdf")
    if pdf:
        from pwkit.render.pdf import require_soffice

        require_soffice()
        refuse_overwrite(pdf_target, force=force, new_folder=own_folder)
    from pwkit.render.docx import export_docx

    warnings = export_docx(
        result.project, target, draft=result.report if draft else None, force=force
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


def _require_docx(target: Path) -> None:
    if target.suffix.lower() != ".docx" and not target.is_dir():
        raise PwkitError(
            f"Il file da scrivere, {target}, non ha l'estensione .docx.",
            hint=f"Indica con -o un nome che finisce in .docx, ad esempio "
            f"{target.with_suffix('.docx').name}.",
        )


# --- rules and schemas ------------------------------------------------------------------------


def list_rules() -> list[RuleInfo]:
    """Every rule of the check, in code order."""
    from pwkit.pack.catalogue import rules

    return list(rules().values())


def explain_rule(code: str) -> RuleInfo:
    """One rule, by code (PW301) or short name (activity-dates)."""
    from pwkit.base.findings import resolve_codes
    from pwkit.pack.catalogue import rules

    codes, _ = resolve_codes([code])
    if not codes:
        raise PwkitError(
            f"La regola «{code}» non esiste.",
            hint="`pwkit rules` elenca tutti i codici (PW001…).",
        )
    return rules()[codes.pop()]


def write_schemas(folder: Path, *, force: bool = False) -> list[Path]:
    """The JSON Schemas of the data, for editors, written into ``folder`` (made if missing)."""
    from pwkit.base.fsutil import refuse_overwrite
    from pwkit.model import jsonschema as jsonschemas
    from pwkit.pack.registry import bundled_pack
    from pwkit.validate.manifest import load_manifest

    manifest = load_manifest(bundled_pack())
    for name in jsonschemas.schemas(manifest):
        refuse_overwrite(folder / name, force=force, new_folder=True)
    return jsonschemas.write_schemas(manifest, folder, force=force)


# --- report across projects -------------------------------------------------------------------


def vet_report_output(output: Path, *, force: bool = False) -> None:
    """Refuse at once a report :func:`write_report` could not write (format, existing file).

    Called before :func:`compare_projects`, so that nothing is read for a report that cannot
    be written.
    """
    from pwkit.base.fsutil import refuse_overwrite
    from pwkit.render.report_formats import FORMATS, unknown_format

    if output.suffix.lower() not in FORMATS:
        raise unknown_format(output)
    refuse_overwrite(output, force=force)


def compare_projects(
    paths: Sequence[Path],
    *,
    progress: Callable[[int, Target | None], None] | None = None,
    notify: Notify | None = None,
) -> Comparison:
    """Read, check and compare every project work found in ``paths``.

    ``progress`` is told the number of projects (with ``None``), then each one read. Broken
    projects are compared with their errors, unreadable folders with the reason.
    """
    from pwkit.report.collect import compare_projects as compare

    return compare(paths, progress=progress, notify=notify)


def write_report(comparison: Comparison, output: Path, *, force: bool = False) -> Path:
    """The comparison as a .docx, .csv or .json file (by ``output``'s extension), whole."""
    from pwkit.render.report_formats import write_report as write

    write(comparison, output, force=force)
    return output


# --- upgrade ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpgradeResult:
    """An upgrade planned (and, unless a dry run or already up to date, applied)."""

    plan: UpgradePlan
    applied: bool = False
    backup: str | None = None
    """Where the files were copied before they changed (project-relative), once applied."""

    @property
    def unresolved(self) -> bool:
        """Applied with conflicts to resolve by hand (merge markers, texts set aside)."""
        return self.applied and bool(self.plan.conflicts or self.plan.set_aside)


def upgrade_project(
    folder: Path,
    *,
    template: str | None = None,
    dry_run: bool = False,
    notify: Notify | None = None,
) -> UpgradeResult:
    """Bring the project to a newer template without losing a word (``dry_run``: plan only).

    ``template``: ``ID@VERSION`` or a pack's folder; by default the one bundled with pwkit.
    """
    from pwkit.upgrade.plan import plan_upgrade

    root = _open_project(folder, notify)
    plan = plan_upgrade(root, template)
    if dry_run or plan.up_to_date:
        return UpgradeResult(plan)
    from pwkit.upgrade.apply import apply_upgrade

    backup = apply_upgrade(plan)
    return UpgradeResult(plan, applied=True, backup=str(backup.relative_to(root)))
