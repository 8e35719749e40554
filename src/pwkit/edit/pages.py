"""What the editor's pages show, as plain data: the dashboard, a section's form, a save's result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.errors import PwkitError
from pwkit.base.sourcemap import SourceMap
from pwkit.check.pipeline import CheckResult
from pwkit.edit.fields import FormContext, FormField, model_fields, name_of, path_of
from pwkit.edit.grid import GridFindings
from pwkit.edit.sectionfile import SectionText
from pwkit.edit.targets import FieldTarget, target_of
from pwkit.pack.manifest import SectionSpec

#: Fields of an object that name it beside its id, in order of preference.
_NAMING = ("nome", "titolo", "ruolo", "denominazione", "indicatore", "descrizione", "attivita")


@dataclass(frozen=True)
class Finding:
    """A finding of the check and the field or line of the editor it concerns."""

    diagnostic: Diagnostic
    target: FieldTarget


@dataclass(frozen=True)
class SectionSummary:
    """One section on the dashboard."""

    number: int
    key: str
    title: str
    file: str
    words: int
    words_min: int
    words_max: int
    errors: int
    warnings: int
    completion: int
    """Percent, as ``pwkit status`` gives it."""
    complete: bool


@dataclass(frozen=True)
class Dashboard:
    """The project at a glance."""

    provincia: str
    template: str
    """``id@version`` of the template."""
    template_title: str
    deadline: dt.date
    days_left: int
    programme: str
    """Where the programme stands, as ``pwkit status`` says it (days left, or the phase)."""
    completion: int
    sections: list[SectionSummary]
    findings: list[Finding]
    errors: int
    warnings: int


@dataclass
class SectionForm:
    """A section's page: its form, its prose and their findings."""

    key: str
    number: int
    title: str
    file: str
    guidance: str
    sha256: str
    fields: list[FormField]
    prose: str
    words: int
    words_min: int
    words_max: int
    findings: dict[str, list[Diagnostic]]
    """Findings by field name (each also on its field); ``""``: the prose and the file."""
    readable: bool = True
    """Whether the front matter could be read (if not, only the prose can be saved)."""
    front: str = ""
    """The front matter as written (shown when it cannot be read)."""
    model: type[BaseModel] = field(default=BaseModel, repr=False)
    source: SourceMap = field(default_factory=lambda: SourceMap(""), repr=False)


@dataclass(frozen=True)
class ComuniGrid:
    """The Comuni CSV as a grid."""

    file: str
    header: list[str]
    rows: list[list[str]]
    sha256: str
    findings: GridFindings


@dataclass(frozen=True)
class SaveResult:
    """What a save did and what the check found after it."""

    file: str
    key: str | None
    sha256: str
    """The digest of the file now: the next save names it."""
    changed: bool
    """Whether the file was written (a save that changes nothing writes nothing)."""
    findings: dict[str, list[Diagnostic]]
    """The file's findings by field name (``""``: the prose and the file)."""
    errors: int
    warnings: int
    sections_complete: int


class FormRefused(PwkitError):
    """A value of the form cannot be read one way: nothing was written."""

    def __init__(self, key: str, fields: dict[str, Diagnostic]) -> None:
        first = next(iter(fields.values()))
        super().__init__(first.message, hint=first.hint)
        self.key = key
        self.fields = fields
        """The finding of each refused field, by name: the message ``pwkit check`` gives."""


def findings_of(result: CheckResult) -> list[Finding]:
    """Every finding of ``result``, each with its target, in the report's order."""
    sections = {spec.file: spec.key for spec in result.project.manifest.sections}
    return [Finding(d, target_of(d, sections, result.sources)) for d in result.report]


def provincia_of(result: CheckResult) -> str:
    """The Provincia as documents name it (as written, while ``progetto.yaml`` is broken)."""
    from pwkit.load.ente import body_name

    progetto = result.project.progetto
    if progetto is not None:
        return body_name(progetto.provincia)
    raw = result.project.progetto_raw or {}
    provincia = raw.get("provincia") if isinstance(raw, Mapping) else None
    nome = provincia.get("nome") if isinstance(provincia, Mapping) else None
    return str(nome) if nome else ""


def context_of(result: CheckResult, source: SourceMap) -> FormContext:
    """Labels of the pack and ids that exist in the project, for a form."""
    from pwkit.model.common import IdDef
    from pwkit.model.introspect import natural_key, walk_ids

    found: dict[str, dict[str, str]] = {}
    for section in result.parts.sections:
        if section.data is None:
            continue
        for use in walk_ids(section.data):
            if isinstance(use.marker, IdDef) and isinstance(use.value, str):
                found.setdefault(use.marker.kind, {})[use.value] = _named(use.value, use.holder)
    ids = {
        kind: tuple((ident, values[ident]) for ident in sorted(values, key=natural_key))
        for kind, values in found.items()
    }
    return FormContext(result.project.manifest.labels, ids, source.texts)


def _named(ident: str, holder: BaseModel) -> str:
    for name in _NAMING:
        value = holder.__dict__.get(name)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return f"{ident} – {text[:60]}{'…' if len(text) > 60 else ''}"
    return ident


@dataclass(frozen=True)
class FrontForm:
    """A section's front matter read for its form: the data, where it is, the fields."""

    model: type[BaseModel]
    data: Any
    source: SourceMap
    fields: list[FormField]
    readable: bool


def front_form(spec: SectionSpec, text: SectionText, result: CheckResult) -> FrontForm:
    """The fields of section ``spec`` with the values of its front matter in ``text``."""
    from pwkit.edit.yamldiff import EditFailed
    from pwkit.edit.yamledit import reads
    from pwkit.load.yamlfile import parse_yaml
    from pwkit.model.sections import SECTION_MODELS

    model = SECTION_MODELS.get(spec.model, BaseModel)
    source, raw = SourceMap(spec.file), None
    if text.front is not None:
        try:
            raw = reads(text.front)
        except EditFailed:
            return FrontForm(model, None, source, [], readable=False)
        parsed = parse_yaml(spec.file, text.front, 1, [])
        source = parsed.source if parsed is not None else source
    fields = model_fields(model, raw, context_of(result, source))
    return FrontForm(model, raw, source, fields, readable=True)


def form_of(spec: SectionSpec, data: bytes, result: CheckResult) -> SectionForm:
    """The form of section ``spec`` from its file's bytes ``data``."""
    from pwkit.edit.files import sha256_of
    from pwkit.load.markdown import Body

    text = SectionText.of(data, spec.file)
    front = front_form(spec, text, result)
    found = [f for f in findings_of(result) if f.diagnostic.location.file == spec.file]
    by_name: dict[str, list[Diagnostic]] = {}
    for finding in found:
        by_name.setdefault(finding.target.field or "", []).append(finding.diagnostic)
    attach(front.fields, by_name)
    return SectionForm(
        spec.key, spec.number, spec.title, spec.file, spec.guidance, sha256_of(data),
        front.fields, text.prose, Body(text.prose, 1).words, spec.words.min, spec.words.max,
        by_name, front.readable, text.front or "", front.model, front.source,
    )  # fmt: skip


def attach(fields: list[FormField], found: Mapping[str, list[Any]]) -> None:
    """Put each finding on its field, or on the nearest field that holds that place."""
    named = {made.name: made for top in fields for made in top.walk()}
    for name, items in found.items():
        parts = list(path_of(name)) if name else []
        while parts:
            target = named.get(name_of(tuple(int(p) if p.isdigit() else p for p in parts)))
            if target is not None:
                target.findings.extend(items)
                break
            parts.pop()
