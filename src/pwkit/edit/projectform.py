"""The form of ``progetto.yaml`` (the «Dati del progetto»), made from its schema like a section's.

The template pin ``modello`` is shown but never written from the form: changing the template
is the job of ``pwkit upgrade``, which also brings the sections to the new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import PROJECT_FILE
from pwkit.base.sourcemap import SourceMap
from pwkit.check.pipeline import CheckResult
from pwkit.edit.fields import FormField, model_fields
from pwkit.edit.pages import FormRefused, FrontForm, attach, context_of, findings_of

#: The key of the template pin, shown read-only.
PIN = "modello"
#: Why the template pin cannot be changed here (shown beside it).
PIN_NOTE = (
    "Il modello e la sua versione non si cambiano da qui: per passare a una versione più "
    "recente del modello usa il comando «pwkit upgrade», che aggiorna anche le sezioni senza "
    "perdere quello che hai scritto."
)
_BOM = "\ufeff"


@dataclass
class ProjectForm:
    """The page of ``progetto.yaml``: its form (the pin apart) and its findings."""

    file: str
    sha256: str
    modello: str
    """The template pin as written (read-only)."""
    modello_note: str
    fields: list[FormField]
    findings: dict[str, list[Diagnostic]]
    """Findings by field name (each also on its field); ``""``: the whole file."""
    readable: bool = True
    """Whether the file could be read as YAML (if not, nothing can be saved from the form)."""
    text: str = ""
    """The file as written (shown when it cannot be read)."""


@dataclass(frozen=True)
class _Text:
    """``progetto.yaml`` decoded: its YAML without the last line end, and how it is written."""

    yaml: str
    bom: bool
    crlf: bool
    newline: bool

    @classmethod
    def of(cls, data: bytes) -> _Text:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise PwkitError(
                f"Il file {PROJECT_FILE} non è in UTF-8: il browser non può modificarlo senza "
                "rischiare di rovinarne le lettere accentate.",
                hint="Esegui «pwkit check» per sapere come salvarlo in UTF-8, poi ricarica la "
                "pagina.",
                path=PROJECT_FILE,
            ) from None
        bom = text.startswith(_BOM)
        text = text.removeprefix(_BOM)
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n") if crlf else text
        newline = text.endswith("\n")
        return cls(text.removesuffix("\n"), bom, crlf, newline)

    def joined(self, yaml: str) -> bytes:
        text = yaml + ("\n" if self.newline else "")
        text = text.replace("\n", "\r\n") if self.crlf else text
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def _front(text: _Text, result: CheckResult) -> FrontForm:
    """The fields of ``progetto.yaml`` (without the pin) with the values written in it."""
    from pwkit.edit.yamldiff import EditFailed
    from pwkit.edit.yamledit import reads
    from pwkit.load.yamlfile import parse_yaml
    from pwkit.model.progetto import Progetto

    source = SourceMap(PROJECT_FILE)
    try:
        raw = reads(text.yaml)
    except EditFailed:
        return FrontForm(Progetto, None, source, [], readable=False)
    parsed = parse_yaml(PROJECT_FILE, text.yaml, 1, [])
    source = parsed.source if parsed is not None else source
    fields = model_fields(Progetto, raw, context_of(result, source))
    fields = [made for made in fields if made.name != PIN]
    return FrontForm(Progetto, raw, source, fields, readable=True)


def project_form(data: bytes, result: CheckResult) -> ProjectForm:
    """The form of ``progetto.yaml`` from its bytes ``data``, with the findings of ``result``."""
    from pwkit.edit.files import sha256_of

    text = _Text.of(data)
    front = _front(text, result)
    by_name: dict[str, list[Diagnostic]] = {}
    for finding in findings_of(result):
        if finding.diagnostic.location.file == PROJECT_FILE:
            by_name.setdefault(finding.target.field or "", []).append(finding.diagnostic)
    attach(front.fields, by_name)
    raw = front.data
    pin = raw.get(PIN) if isinstance(raw, Mapping) else None
    return ProjectForm(
        PROJECT_FILE, sha256_of(data), "" if pin is None else str(pin), PIN_NOTE, front.fields,
        by_name, front.readable, text.yaml,
    )  # fmt: skip


def edited_project(current: bytes, values: Mapping[str, Any], result: CheckResult) -> bytes:
    """``progetto.yaml``'s new bytes with the posted ``values`` (the same bytes if unchanged).

    Raises :class:`FormRefused` if a value cannot be read one way; :class:`PwkitError` if
    the file cannot be read or written without changing anything else.
    """
    from pwkit.edit.formvalues import apply_values
    from pwkit.edit.yamldiff import EditFailed
    from pwkit.edit.yamledit import rewrite

    text = _Text.of(current)
    front = _front(text, result)
    if not front.readable:
        raise PwkitError(
            f"{PROJECT_FILE} non è YAML leggibile: il modulo non può salvarlo.",
            hint="Esegui «pwkit check» per sapere dove correggerlo, poi ricarica la pagina.",
            path=PROJECT_FILE,
        )
    new_data, refused = apply_values(front.model, front.fields, front.data, values, front.source)
    if refused:
        raise FormRefused("progetto", refused)
    try:
        yaml = rewrite(text.yaml, new_data)
    except EditFailed:
        raise PwkitError(
            f"Non riesco a scrivere le modifiche in {PROJECT_FILE} senza cambiare altro.",
            hint="Modifica questi dati con un editor di testo, oppure ricarica la pagina e "
            "riprova.",
            path=PROJECT_FILE,
        ) from None
    return current if yaml == text.yaml else text.joined(yaml)
