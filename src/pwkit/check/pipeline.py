"""``check_project``: load every file, validate it, run the rules, return report and project."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from pwkit.base.diagnostics import CheckReport, Diagnostic, Location, Severity
from pwkit.base.errors import ProjectNotFoundError, PwkitError, TemplateError
from pwkit.base.findings import finding
from pwkit.base.fsutil import ResolvedFile, ResolvedFiles
from pwkit.base.projectdir import PROJECT_FILE
from pwkit.base.sourcemap import SourceMap
from pwkit.check.comuni import check_comuni
from pwkit.check.paths import check_paths
from pwkit.check.template import check_edition, resolve_manifest
from pwkit.load.frontmatter import conflict_markers
from pwkit.load.section import read_section
from pwkit.load.text import read_text
from pwkit.load.yamlfile import YamlDoc, parse_yaml
from pwkit.model.project import LeftOut, Project, Section
from pwkit.pack.manifest import SectionSpec, TemplateManifest
from pwkit.validate.data import validate_data
from pwkit.validate.parts import bad_values, valid_parts

if TYPE_CHECKING:
    from pwkit.model.progetto import Progetto

#: Bodies up to this length keep their Markdown tokens after a check that is not for an export.
KEEP_TOKENS_MAX_CHARS = 64_000


@dataclass(frozen=True)
class CheckResult:
    """The report of a check and the project as far as it could be validated."""

    report: CheckReport
    project: Project
    """What renderers take: a file's data only when it validates as a whole."""
    parts: Project
    """What the rules (and the report's figures) read: every part of the data that validates,
    with a record of what was left out (``pwkit.parts``)."""
    files: ResolvedFiles = field(default_factory=dict)
    """The files ``progetto.yaml`` names, confined to the project: the export opens these."""


def check_project(
    root: Path, *, section_number: int | None = None, for_export: bool = False
) -> CheckResult:
    """Check the project work in ``root``.

    With ``section_number`` the report holds the findings of that section's files only:
    exactly those the whole check reports there, cross-section ones included (they need the
    whole project, which is read anyway). With ``for_export`` every section keeps its
    Markdown tokens for the document (the export releases each once it is written), so no
    section is parsed twice; otherwise long sections release theirs after their rules ran.
    """
    if not root.is_dir():
        raise ProjectNotFoundError(f"La cartella {root} non esiste.", path=root)
    findings: list[Diagnostic] = []
    sources: dict[str, SourceMap] = {}
    left_out: dict[str, LeftOut] = {}

    progetto_text = read_text(root, PROJECT_FILE, findings)
    progetto_doc = (
        parse_yaml(PROJECT_FILE, progetto_text.text, 0, findings) if progetto_text else None
    )
    raw_pin, pin_at, raw_progetto = None, None, None
    if progetto_doc is not None and isinstance(progetto_doc.data, dict):
        raw_progetto = progetto_doc.data
        raw_pin = progetto_doc.data.get("modello")
        pin_at = progetto_doc.source.locate(("modello",))
    manifest = resolve_manifest(raw_pin, findings, pin_at, root)
    if progetto_doc is not None and raw_progetto is not None:
        check_edition(raw_progetto.get("edizione"), manifest, findings, progetto_doc.source)
    chosen = _chosen_section(manifest, section_number)

    progetto: Progetto | None = None
    progetto_parts: Progetto | None = None
    if progetto_doc is not None:
        from pwkit.model.progetto import Progetto

        sources[PROJECT_FILE] = progetto_doc.source
        whole, valid = _validate(progetto_doc, Progetto, findings, left_out)
        progetto = whole if isinstance(whole, Progetto) else None
        progetto_parts = valid if isinstance(valid, Progetto) else None

    keep = None if for_export else KEEP_TOKENS_MAX_CHARS
    checked = [
        _check_section(root, spec, findings, sources, left_out, keep) for spec in manifest.sections
    ]
    sections = [whole for whole, _ in checked]
    section_parts = [parts for _, parts in checked]

    from pwkit.load.section import unknown_section_files

    for rel in unknown_section_files(root, {s.file for s in manifest.sections}):
        findings.append(
            finding(
                "PW008",
                f"Il file {rel} non corrisponde a nessuna sezione del modello e non sarà "
                "esportato.",
                "Sposta il testo nella sezione giusta e cancella il file, oppure rinominalo "
                "con il nome di una sezione.",
                Location(rel),
            )
        )
    comuni = check_comuni(root, manifest, section_parts, findings, sources)
    if comuni.left_out:
        left_out[comuni.file] = comuni.left_out
    files: dict[str, ResolvedFile] = {}
    if progetto_parts is not None:
        found, files = check_paths(root, progetto_parts, sources[PROJECT_FILE])
        findings.extend(found)

    project = Project(
        root,
        manifest,
        progetto,
        tuple(sections),
        tuple(row for _, row in comuni.rows),
        comuni_lines=tuple(line for line, _ in comuni.rows),
        comuni_file=comuni.file,
        progetto_raw=raw_progetto,
    )
    parts = Project(
        root,
        manifest,
        progetto_parts,
        tuple(section_parts),
        tuple(row for _, row in comuni.parts),
        comuni_lines=tuple(line for line, _ in comuni.parts),
        comuni_file=comuni.file,
        left_out=left_out,
    )
    from pwkit.rules.context import RuleContext
    from pwkit.rules.registry import run_rules

    findings.extend(run_rules(RuleContext(parts, sources)))

    specs = manifest.sections if chosen is None else [chosen]
    if chosen is not None:
        own = section_files(chosen, comuni.file)
        findings = [d for d in findings if d.location.file in own]
    report = CheckReport(findings, sections_total=len(specs))
    failing = {d.location.file for d in findings if d.severity is Severity.ERROR}
    report.sections_complete = sum(1 for s in specs if s.file not in failing)
    return CheckResult(report, project, parts, files)


def _chosen_section(manifest: TemplateManifest, number: int | None) -> SectionSpec | None:
    """The section ``--sezione`` names, if any (an unknown number is a usage error)."""
    if number is None:
        return None
    for spec in manifest.sections:
        if spec.number == number:
            return spec
    numbers = ", ".join(str(s.number) for s in manifest.sections)
    raise PwkitError(
        f"La sezione {number} non esiste nel modello.",
        hint=f"Le sezioni sono numerate {numbers}.",
    )


def section_files(spec: SectionSpec, comuni_file: str) -> set[str]:
    """The files whose findings belong to a section.

    Its own file and, for the territory section (the one that names ``comuni_file``), the
    Comuni CSV.
    """
    files = {spec.file}
    if spec.model == "Contesto":
        files.add(comuni_file)
    return files


def _validate(
    doc: YamlDoc, model: type[BaseModel], findings: list[Diagnostic], left_out: dict[str, LeftOut]
) -> tuple[BaseModel | None, BaseModel | None]:
    """The data of ``doc`` if valid as a whole, and its valid parts (the same when whole)."""
    before = len(findings)
    whole = validate_data(doc.data, model, doc.source, findings)
    if whole is not None or not isinstance(doc.data, dict):
        return whole, whole
    bad = bad_values(doc.source, doc.data, findings[before:])
    parts, record = valid_parts(model, doc.data, bad)
    if record:
        left_out[doc.source.file] = record
    return None, parts


def _check_section(
    root: Path,
    spec: SectionSpec,
    findings: list[Diagnostic],
    sources: dict[str, SourceMap],
    left_out: dict[str, LeftOut],
    keep_tokens_max: int | None,
) -> tuple[Section, Section]:
    """A section as renderers take it (data valid as a whole) and as the rules read it.

    A body longer than ``keep_tokens_max`` characters releases its tokens once checked
    (``None``: every body keeps them).
    """
    from pwkit.model.sections import SECTION_MODELS
    from pwkit.rules.registry import check_prose

    loaded = read_section(root, spec.file, findings)
    data: BaseModel | None = None
    parts: BaseModel | None = None
    if loaded.front is not None:
        sources[spec.file] = loaded.front.source
        model = SECTION_MODELS.get(spec.model)
        if model is None:
            raise TemplateError(
                f"Il modello associa la sezione {spec.file} allo schema «{spec.model}», che "
                "pwkit non conosce.",
                hint="Correggi «model» nel manifest del modello.",
            )
        data, parts = _validate(loaded.front, model, findings, left_out)
    if loaded.body is not None:
        findings.extend(conflict_markers(spec.file, loaded.body.text, loaded.body.first_line))
        findings.extend(check_prose(spec, spec.file, loaded.body))
        # A check alone need not hold every long section's tokens at once.
        if keep_tokens_max is not None and len(loaded.body.text) > keep_tokens_max:
            loaded.body.release()
    return Section(spec, data, loaded.body), Section(spec, parts, loaded.body)
