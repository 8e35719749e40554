"""``check_project``: load every file, validate it, run the rules, return report and project."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from pydantic import BaseModel

from pwkit.base.diagnostics import CheckReport, Diagnostic, Location, Severity
from pwkit.base.errors import ProjectNotFoundError, PwkitError, TemplateError
from pwkit.base.findings import finding
from pwkit.base.fsutil import ResolvedFile, ResolvedFiles
from pwkit.base.projectdir import PROJECT_FILE
from pwkit.base.sourcemap import SourceMap
from pwkit.check.comuni import check_comuni
from pwkit.check.memo import CheckMemo
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

#: Bodies up to this length keep their Markdown tokens after a check that is not for an export.
KEEP_TOKENS_MAX_CHARS = 64_000


class CheckResult(NamedTuple):
    """The report of a check and the project as far as it could be validated."""

    report: CheckReport
    project: Project
    """What renderers take: a file's data only when it validates as a whole."""
    parts: Project
    """What the rules (and the report's figures) read: every part of the data that validates,
    with a record of what was left out (``pwkit.parts``)."""
    files: ResolvedFiles = MappingProxyType({})
    """The files ``progetto.yaml`` names, confined to the project: the export opens these."""
    sources: Mapping[str, SourceMap] = MappingProxyType({})
    """Where each key and value of each YAML file is, by file (the findings' places)."""


def check_project(
    root: Path,
    *,
    section_number: int | None = None,
    memo: CheckMemo | None = None,
    for_export: bool = False,
) -> CheckResult:
    """Check the project work in ``root``.

    With ``section_number`` the report holds the findings of that section's files only:
    exactly those the whole check reports there, cross-section ones included (they need the
    whole project, which is read anyway). With ``memo``, a file whose bytes are those of the
    last check with the same memo is not read again (``pwkit.check.memo``). With ``for_export``
    every section keeps its Markdown tokens for the document (the export releases each once it
    is written), so no section is parsed twice; otherwise long sections release theirs after
    their rules ran.
    """
    if not root.is_dir():
        raise ProjectNotFoundError(f"La cartella {root} non esiste.", path=root)
    findings: list[Diagnostic] = []
    sources: dict[str, SourceMap] = {}
    left_out: dict[str, LeftOut] = {}

    front = _own_check(memo, root, PROJECT_FILE, None, findings, lambda f: _check_progetto(root, f))
    raw_pin, pin_at, raw_progetto = None, None, None
    if front.doc is not None and isinstance(front.doc.data, dict):
        raw_progetto = front.doc.data
        raw_pin = front.doc.data.get("modello")
        pin_at = front.doc.source.locate(("modello",))
    manifest = resolve_manifest(raw_pin, findings, pin_at, root)
    if front.doc is not None and raw_progetto is not None:
        check_edition(raw_progetto.get("edizione"), manifest, findings, front.doc.source)
    chosen = _chosen_section(manifest, section_number)

    from pwkit.model.progetto import Progetto

    progetto = front.whole if isinstance(front.whole, Progetto) else None
    progetto_parts = front.parts if isinstance(front.parts, Progetto) else None
    if front.doc is not None:
        sources[PROJECT_FILE] = front.doc.source
    if front.left_out:
        left_out[PROJECT_FILE] = front.left_out

    keep = None if for_export else KEEP_TOKENS_MAX_CHARS
    checked = [
        _own_check(memo, root, spec.file, spec, findings, _section_check(root, spec, keep))
        for spec in manifest.sections
    ]
    for done in checked:
        if done.source is not None:
            sources[done.whole.spec.file] = done.source
        if done.left_out:
            left_out[done.whole.spec.file] = done.left_out
    sections = [done.whole for done in checked]
    section_parts = [done.parts for done in checked]

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
    return CheckResult(report, project, parts, files, sources)


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
    doc: YamlDoc, model: type[BaseModel], findings: list[Diagnostic]
) -> tuple[BaseModel | None, BaseModel | None, LeftOut | None]:
    """The data of ``doc`` if valid as a whole, its valid parts, and what was left out.

    The valid parts are the whole data when it is valid; nothing is left out then.
    """
    before = len(findings)
    whole = validate_data(doc.data, model, doc.source, findings)
    if whole is not None or not isinstance(doc.data, dict):
        return whole, whole, None
    bad = bad_values(doc.source, doc.data, findings[before:])
    parts, record = valid_parts(model, doc.data, bad)
    return None, parts, record or None


T = TypeVar("T")


def _own_check(
    memo: CheckMemo | None,
    root: Path,
    rel: str,
    spec: SectionSpec | None,
    findings: list[Diagnostic],
    compute: Callable[[list[Diagnostic]], T],
) -> T:
    """What checking ``rel`` alone gives (``memo`` may remember it from the same bytes)."""
    if memo is None:
        return compute(findings)
    return memo.recall(root, rel, spec, findings, compute)


class _ProgettoCheck(NamedTuple):
    doc: YamlDoc | None
    whole: BaseModel | None = None
    parts: BaseModel | None = None
    left_out: LeftOut | None = None


def _check_progetto(root: Path, findings: list[Diagnostic]) -> _ProgettoCheck:
    """``progetto.yaml`` read, parsed and validated."""
    text = read_text(root, PROJECT_FILE, findings)
    doc = parse_yaml(PROJECT_FILE, text.text, 0, findings) if text else None
    if doc is None:
        return _ProgettoCheck(None)
    from pwkit.model.progetto import Progetto

    return _ProgettoCheck(doc, *_validate(doc, Progetto, findings))


class _SectionCheck(NamedTuple):
    whole: Section
    """The section as renderers take it (data valid as a whole)."""
    parts: Section
    """The section as the rules read it (its valid parts)."""
    source: SourceMap | None
    left_out: LeftOut | None


def _section_check(
    root: Path, spec: SectionSpec, keep_tokens_max: int | None
) -> Callable[[list[Diagnostic]], _SectionCheck]:
    def check(findings: list[Diagnostic]) -> _SectionCheck:
        return _check_section(root, spec, findings, keep_tokens_max)

    return check


def _check_section(
    root: Path, spec: SectionSpec, findings: list[Diagnostic], keep_tokens_max: int | None
) -> _SectionCheck:
    """A section's own check: its front matter validated, its prose checked.

    A body longer than ``keep_tokens_max`` characters releases its tokens once checked
    (``None``: every body keeps them).
    """
    from pwkit.model.sections import SECTION_MODELS
    from pwkit.rules.registry import check_prose

    loaded = read_section(root, spec.file, findings)
    data: BaseModel | None = None
    parts: BaseModel | None = None
    left_out: LeftOut | None = None
    if loaded.front is not None:
        model = SECTION_MODELS.get(spec.model)
        if model is None:
            raise TemplateError(
                f"Il modello associa la sezione {spec.file} allo schema «{spec.model}», che "
                "pwkit non conosce.",
                hint="Correggi «model» nel manifest del modello.",
            )
        data, parts, left_out = _validate(loaded.front, model, findings)
    if loaded.body is not None:
        findings.extend(conflict_markers(spec.file, loaded.body.text, loaded.body.first_line))
        findings.extend(check_prose(spec, spec.file, loaded.body))
        # A check alone need not hold every long section's tokens at once.
        if keep_tokens_max is not None and len(loaded.body.text) > keep_tokens_max:
            loaded.body.release()
    source = loaded.front.source if loaded.front is not None else None
    return _SectionCheck(
        Section(spec, data, loaded.body), Section(spec, parts, loaded.body), source, left_out
    )
