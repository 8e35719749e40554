"""``check_project``: load every file, validate it, run the rules, return report and project."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pwkit.diagnostics import CheckReport, Diagnostic, Location, Severity
from pwkit.errors import ProjectNotFoundError, PwkitError, TemplateError
from pwkit.fsutil import file_problem, inside
from pwkit.loader import (
    SourceMap,
    YamlDoc,
    conflict_markers,
    parse_yaml,
    read_csv,
    read_section,
    read_text,
)
from pwkit.manifest import SectionSpec, TemplateManifest, load_manifest
from pwkit.model import Project, Section
from pwkit.pack.catalogue import finding
from pwkit.parts import NOTHING_LEFT_OUT, LeftOut, bad_values, has, summarise, valid_parts
from pwkit.projectdir import CARRIED_PACK, PROJECT_FILE
from pwkit.templates import DEFAULT_TEMPLATE, bundled_pack
from pwkit.validation import validate_data, validate_rows

if TYPE_CHECKING:
    from packaging.version import Version

    from pwkit.schemas import Progetto

#: Bodies up to this length keep their Markdown tokens after the check, for the export.
KEEP_TOKENS_MAX_CHARS = 64_000
COMUNI_COLUMNS = ["codice_istat", "comune", "popolazione", "dipendenti", "ufficio_personale"]
#: What a row of the Comuni CSV needs to count as a Comune of the territory.
IDENTITY = ("codice_istat", "comune")


@dataclass(frozen=True)
class CheckResult:
    """The report of a check and the project as far as it could be validated."""

    report: CheckReport
    project: Project
    """What renderers take: a file's data only when it validates as a whole."""
    parts: Project
    """What the rules (and the report's figures) read: every part of the data that validates,
    with a record of what was left out (``pwkit.parts``)."""


def _version(text: str) -> Version:
    """A template version (PEP 440); an unreadable one sorts before every real version."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text.strip())
    except InvalidVersion:
        return Version("0")


def resolve_manifest(
    pin: Any,
    findings: list[Diagnostic],
    where: Location | None = None,
    root: Path | None = None,
) -> TemplateManifest:
    """The manifest a project is checked against, from its ``modello`` pin.

    A malformed pin is left to the schema (PW006) and the bundled template is used; a pin
    matching the pack the project carries in ``.pwkit/modello/`` (``pwkit upgrade`` to a
    template pwkit does not bundle) uses that pack; otherwise an unknown template or a newer
    version cannot be checked (exit 2); an older one gives PW011.
    """
    default = load_manifest(bundled_pack(DEFAULT_TEMPLATE))
    if not isinstance(pin, str) or "@" not in pin:
        return default
    carried = _carried_manifest(root, pin.strip()) if root is not None else None
    if carried is not None:
        return carried
    template_id, version = pin.strip().split("@", 1)
    try:
        manifest = load_manifest(bundled_pack(template_id))
    except TemplateError as exc:
        raise PwkitError(
            f"Il progetto usa il modello «{template_id}», che questa versione di pwkit non "
            "conosce.",
            path=PROJECT_FILE,
            hint=exc.hint,
        ) from None
    pinned, bundled = _version(version), _version(manifest.version)
    if pinned > bundled:
        raise PwkitError(
            f"Il progetto usa il modello {template_id} alla versione {version}, più recente "
            f"di quella inclusa in pwkit ({manifest.version}).",
            path=PROJECT_FILE,
            hint="Aggiorna pwkit (pip install --upgrade pwkit) per controllare questo progetto.",
        )
    if pinned < bundled:
        findings.append(
            finding(
                "PW011",
                f"Il progetto usa il modello alla versione {version}; pwkit include la "
                f"{manifest.version} e controlla il progetto con questa.",
                "Porta il progetto alla nuova versione del modello con `pwkit upgrade`.",
                where or Location(PROJECT_FILE, 1, 1),
            )
        )
    return manifest


def _carried_manifest(root: Path, pin: str) -> TemplateManifest | None:
    """The pack in ``.pwkit/modello/`` if it is the one ``pin`` names."""
    pack = root / CARRIED_PACK
    if not (pack / "manifest.yaml").is_file():
        return None
    manifest = load_manifest(pack)
    return manifest if manifest.pin == pin else None


def check_project(root: Path, *, section_number: int | None = None) -> CheckResult:
    """Check the project work in ``root``.

    With ``section_number`` the report holds the findings of that section's files only:
    exactly those the whole check reports there, cross-section ones included (they need the
    whole project, which is read anyway).
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
    chosen = _chosen_section(manifest, section_number)

    progetto: Progetto | None = None
    progetto_parts: Progetto | None = None
    if progetto_doc is not None:
        from pwkit.schemas import Progetto

        sources[PROJECT_FILE] = progetto_doc.source
        whole, valid = _validate(progetto_doc, Progetto, findings, left_out)
        progetto = whole if isinstance(whole, Progetto) else None
        progetto_parts = valid if isinstance(valid, Progetto) else None

    checked = [
        _check_section(root, spec, findings, sources, left_out) for spec in manifest.sections
    ]
    sections = [whole for whole, _ in checked]
    section_parts = [parts for _, parts in checked]

    from pwkit.loader import unknown_section_files

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
    comuni = _check_comuni(root, manifest, section_parts, findings, sources)
    if comuni.left_out:
        left_out[comuni.file] = comuni.left_out
    if progetto_parts is not None:
        findings.extend(_check_paths(root, progetto_parts, sources[PROJECT_FILE]))

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
    return CheckResult(report, project, parts)


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
) -> tuple[Section, Section]:
    """A section as renderers take it (data valid as a whole) and as the rules read it."""
    from pwkit.rules.registry import check_prose
    from pwkit.schemas import SECTION_MODELS

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
        # A long body's tokens are released (and parsed again by the export, section by
        # section): holding every section's at once dominated the memory of long documents.
        # Ordinary bodies keep them, so that an export does not parse them twice.
        if len(loaded.body.text) > KEEP_TOKENS_MAX_CHARS:
            loaded.body.release()
    return Section(spec, data, loaded.body), Section(spec, parts, loaded.body)


@dataclass(frozen=True)
class _Comuni:
    """The Comuni CSV as read: its path, its rows and what of it was left out."""

    file: str
    rows: list[tuple[int, Any]] = field(default_factory=list)
    """(line, row) of every row, when each validates (none otherwise): what renderers take."""
    parts: list[tuple[int, Any]] = field(default_factory=list)
    """(line, row) of every row with a valid ISTAT code and name; other cells may be absent."""
    left_out: LeftOut = NOTHING_LEFT_OUT


def _check_comuni(
    root: Path,
    manifest: TemplateManifest,
    sections: list[Section],
    findings: list[Diagnostic],
    sources: dict[str, SourceMap],
) -> _Comuni:
    """The Comuni CSV: its path, its rows and what was left out of it."""
    from pwkit.schemas import Comune
    from pwkit.schemas.analisi import Contesto

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
                return _Comuni(rel)
    table = read_csv(root, rel, findings)
    if table is None:
        return _Comuni(rel)
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
        return _Comuni(rel)
    rows = validate_rows(
        table,
        Comune,
        COMUNI_COLUMNS,
        findings,
        row_label=lambda values: values.get("comune") or values.get("codice_istat") or "?",
    )
    if rows is None:
        return _Comuni(rel, left_out=summarise(None, None, [("righe",)]))
    complete = rows.valid if not rows.invalid else []
    partial = [(line, valid_parts(Comune, cells)[0]) for line, cells in rows.invalid]
    every = sorted([*rows.valid, *partial], key=lambda pair: pair[0])
    identified = [(line, row) for line, row in every if has(row, *IDENTITY)]
    missing = [(line,) for line, row in every if not has(row, *IDENTITY)]
    missing += [(line,) for line in table.skipped]
    return _Comuni(rel, complete, identified, summarise(None, None, missing))


def _check_reference(path: Path, rel: str, location: Location) -> list[Diagnostic]:
    """PW013: the reference document must be a .docx within ``wordpackage``'s limits."""
    from pwkit.wordpackage import PackageProblem, read_docx

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


def _check_paths(root: Path, progetto: Any, source: SourceMap) -> list[Diagnostic]:
    """PW010: annexes, logos and the reference document must exist inside the project.

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
    for path, rel, what in paths:
        target = inside(root, rel)
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
        elif (problem := file_problem(target)) is not None:
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
    return findings
