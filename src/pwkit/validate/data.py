"""Validating YAML data against its schema, with every problem a finding at its place.

Placeholders (``DA COMPILARE``), numbers typed the Italian way and characters Word cannot hold
are found before the schema runs; an allowed value mistyped only in case, accents or spaces is
read as meant, with a warning; every other error is translated (``pwkit.validate.messages``).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from pwkit.base.diagnostics import Diagnostic, Location, Severity
from pwkit.base.findings import finding
from pwkit.base.sourcemap import Path_, SourceMap
from pwkit.load.text import FORBIDDEN_CHARS
from pwkit.load.yamldata import walk
from pwkit.model.introspect import choices, wants_text
from pwkit.validate.messages import translate_all
from pwkit.validate.numbers import misread_number
from pwkit.validate.rawdata import (
    container_of,
    describe,
    is_placeholder,
    list_name,
    raw_at,
    subject,
)


def validate_data(
    data: Any,
    model: type[BaseModel],
    source: SourceMap,
    findings: list[Diagnostic],
) -> BaseModel | None:
    """Validate YAML data against ``model``; findings for every problem, the model if none."""
    file = source.file
    if not isinstance(data, dict):
        findings.append(
            finding(
                "PW006",
                "I dati devono essere un elenco di voci «chiave: valore».",
                "Controlla di non aver scritto testo libero o un elenco al posto delle chiavi.",
                Location(file, *source.origin),
            )
        )
        return None
    clean = True
    placeholders: list[Path_] = []  # and numbers misread: their schema errors are not repeated
    as_typed: list[tuple[Path_, str]] = []
    for path, value in walk(data):
        if isinstance(value, float) and path in source.texts and wants_text(model, path):
            as_typed.append((path, source.texts[path]))
            continue
        misread = misread_number(model, data, path, value, source)
        if misread is not None:
            findings.append(misread)
            placeholders.append(path)
            clean = False
        elif is_placeholder(value):
            placeholders.append(path)
            findings.append(
                finding(
                    "PW101",
                    f"{subject(path, data)} è ancora da compilare.",
                    "Sostituisci «DA COMPILARE» con il dato richiesto (vedi il commento accanto).",
                    source.locate(path),
                )
            )
            clean = False
        elif isinstance(value, str) and FORBIDDEN_CHARS.search(value):
            findings.append(
                finding(
                    "PW007",
                    f"{subject(path, data)} contiene un carattere di "
                    "controllo non ammesso in un documento Word.",
                    "Togli le sequenze come «\\x0b» o «\\f» dal testo.",
                    source.locate(path),
                )
            )
            clean = False
    for path, typed in as_typed:  # «versione: 1.10» is the text «1.10», not 1.1 made text
        container_of(data, path)[path[-1]] = typed
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        if not _accept_near_choices(exc, model, data, source, findings):
            translate_all(exc, model, data, source, findings, placeholders)
            return None
        try:
            validated = model.model_validate(data)
        except ValidationError as again:
            translate_all(again, model, data, source, findings, placeholders)
            return None
    return validated if clean else None


def fold(text: str) -> str:
    """An allowed value as people mistype it: any case, accents, spaces or hyphens."""
    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "_".join(plain.replace("-", " ").split())


def _accept_near_choices(
    exc: ValidationError,
    model: type[BaseModel],
    data: Any,
    source: SourceMap,
    findings: list[Diagnostic],
) -> bool:
    """Replace enum values that differ from an allowed one only in case, accents or spacing.

    ``Selezioni Uniche`` means ``selezioni_uniche``: the value is accepted with a warning that
    says how to write it, rather than refused. Returns whether anything was replaced.
    """
    replaced = False
    for error in exc.errors(include_url=False):
        if error["type"] != "enum":
            continue
        path, value = raw_at(data, tuple(error["loc"]))
        if not path or not isinstance(value, str):
            continue
        matches = [c for c in choices(model, path) if fold(c) == fold(value)]
        if len(matches) != 1:
            continue
        container_of(data, path)[path[-1]] = matches[0]
        replaced = True
        findings.append(
            finding(
                "PW006",
                f"Il valore «{value}» di «{list_name(path)}»{describe(path, data)} è stato "
                f"letto come «{matches[0]}».",
                f"Scrivi «{matches[0]}» esattamente così (stesse maiuscole e minuscole, "
                "senza accenti, con il trattino basso al posto degli spazi).",
                source.locate(path),
                severity=Severity.WARNING,
            )
        )
    return replaced
