"""Pydantic's errors told in Italian, at their place: a table by error type, and its use.

Translation goes by the error ``type`` (never the English ``msg``); ``MESSAGES`` covers every
type the schemas can raise, and a test enforces it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.base.sourcemap import Path_, SourceMap
from pwkit.model.introspect import choices, field_names
from pwkit.validate.rawdata import describe, list_name, raw_at

_NUMBER_HINT = "Scrivi un numero con il punto per i decimali (es. 1.5), senza separatori."
_DATE_HINT = "Scrivi la data nel formato AAAA-MM-GG, ad esempio 2026-04-30."

#: Pydantic error type → (Italian "what is wrong", Italian hint). ``{name}`` is the field,
#: other fields come from the error's ``ctx``.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("manca la chiave obbligatoria «{name}»", "Aggiungi «{name}:» con il suo valore."),
    "extra_forbidden": ("chiave sconosciuta «{name}»", "Togli la chiave o correggine il nome."),
    "string_type": ("«{name}» deve essere un testo", "Scrivi un testo semplice dopo i due punti."),
    "string_too_short": ("«{name}» è vuoto", "Scrivi il valore richiesto."),
    "string_pattern_mismatch": ("«{name}» non ha il formato previsto", "{pattern_hint}"),
    "int_type": ("«{name}» deve essere un numero intero", "Scrivi un numero intero, es. 12."),
    "int_parsing": ("«{name}» deve essere un numero intero", "Scrivi un numero intero, es. 12."),
    "int_from_float": ("«{name}» deve essere un numero intero", "Togli i decimali."),
    "float_type": ("«{name}» deve essere un numero", _NUMBER_HINT),
    "float_parsing": ("«{name}» deve essere un numero", _NUMBER_HINT),
    "finite_number": ("«{name}» deve essere un numero finito", _NUMBER_HINT),
    "decimal_type": (
        "«{name}» deve essere un importo in euro",
        "Scrivi l'importo con il punto per i decimali, senza € né separatori (es. 1234.50).",
    ),
    "decimal_parsing": (
        "«{name}» deve essere un importo in euro",
        "Scrivi l'importo con il punto per i decimali, senza € né separatori (es. 1234.50).",
    ),
    "greater_than": ("«{name}» deve essere maggiore di {gt}", "Correggi il valore."),
    "greater_than_equal": ("«{name}» deve essere almeno {ge}", "Correggi il valore."),
    "less_than": ("«{name}» deve essere minore di {lt}", "Correggi il valore."),
    "less_than_equal": ("«{name}» deve essere al massimo {le}", "Correggi il valore."),
    "too_short": (
        "«{name}» deve avere almeno {min_length} elementi",
        "Aggiungi gli elementi mancanti.",
    ),
    "too_long": (
        "«{name}» può avere al massimo {max_length} elementi",
        "Togli gli elementi in più.",
    ),
    "list_type": (
        "«{name}» deve essere un elenco",
        "Scrivi ogni elemento su una riga che inizia con «- », oppure tra parentesi quadre: "
        "[S1, S2].",
    ),
    "dict_type": (
        "«{name}» deve contenere coppie chiave: valore",
        "Scrivi le sotto-voci su righe rientrate di due spazi, es. «2027: 10».",
    ),
    "model_type": (
        "«{name}» deve contenere sotto-voci «chiave: valore»",
        "Scrivi le sotto-voci su righe rientrate di due spazi sotto «{name}:».",
    ),
    "model_attributes_type": (
        "«{name}» deve contenere sotto-voci «chiave: valore»",
        "Scrivi le sotto-voci su righe rientrate di due spazi sotto «{name}:».",
    ),
    "enum": ("valore «{input}» non ammesso per «{name}»", "Valori possibili: {choices}."),
    "value_error": ("«{name}» non è valido: {error}", "Correggi il valore."),
    "date_type": ("«{name}» deve essere una data", _DATE_HINT),
    "date_parsing": ("«{name}» deve essere una data", _DATE_HINT),
    "date_from_datetime_parsing": ("«{name}» deve essere una data", _DATE_HINT),
    "date_from_datetime_inexact": ("«{name}» deve essere una data senza ora", _DATE_HINT),
    "date_out_of_window": (
        "la data «{input}» di «{name}» è fuori dalle date ammesse, dal {first} al {last}",
        "Controlla l'anno (la data si scrive AAAA-MM-GG); per una scadenza aperta scrivi la "
        "data prevista più lontana del piano.",
    ),
}

#: What a Pydantic error type missing from ``MESSAGES`` is told.
UNKNOWN_ERROR = ("valore non valido per «{name}»", "Correggi il valore.")

#: Hints for a text that does not match its pattern, by field name.
PATTERN_HINTS = {
    "sigla": "La sigla è di due lettere maiuscole, es. MB.",
    "codice_uts": 'Il codice UTS è di tre cifre tra virgolette, es. "108".',
    "email": "Scrivi un indirizzo di posta elettronica, es. nome.cognome@provincia.it.",
    "modello": "Scrivi identificativo e versione del modello, es. province-comuni-personale@1.0.0.",
}


def translate_all(
    exc: ValidationError,
    model: type[BaseModel],
    data: Any,
    source: SourceMap,
    findings: list[Diagnostic],
    placeholders: list[Path_],
) -> None:
    """A finding for each error of ``exc``, once per place; none inside ``placeholders``.

    A value still to be written (or a number typed the Italian way) has its finding already:
    the schema's complaints about it are not repeated.
    """
    seen: set[Path_] = set()
    for error in exc.errors(include_url=False):
        path, value = raw_at(data, tuple(error["loc"]))
        if error["type"] == "missing":
            path = tuple(error["loc"])
        elif error["type"] == "invalid_key":
            path = _odd_key_path(data, tuple(error["loc"]))
        if any(path[: len(p)] == p for p in placeholders):
            continue
        if path in seen:
            continue
        seen.add(path)
        findings.append(translate(error, model, data, path, value, source))


def translate(
    error: Any, model: type[BaseModel], data: Any, path: Path_, value: Any, source: SourceMap
) -> Diagnostic:
    """The finding for one Pydantic ``error`` about the ``value`` at ``path`` of ``data``."""
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    name = str(path[-1]) if path and isinstance(path[-1], str) else list_name(path)
    where = describe(path, data)
    if kind == "too_short" and isinstance(value, list) and not value:
        return finding(
            "PW105",
            f"L'elenco «{name}»{where} è vuoto.",
            "Aggiungi almeno un elemento: l'elenco è obbligatorio.",
            source.locate(path),
        )
    if kind == "extra_forbidden":
        import difflib

        valid = list(field_names(model, path[:-1]))
        close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
        hint = (
            f"Forse intendevi «{close[0]}»?"
            if close
            else f"Chiavi ammesse qui: {', '.join(valid)}."
            if valid
            else "Togli la chiave."
        )
        return finding(
            "PW005", f"Chiave sconosciuta «{name}»{where}.", hint, source.locate(path, key=True)
        )
    if kind == "invalid_key":
        path = _odd_key_path(data, tuple(error["loc"]))
        key = _key_text(path[-1]) if path else "?"
        valid = list(field_names(model, path[:-1]))
        hint = "Una chiave è un nome scritto in lettere, seguito da «:»."
        if valid:
            hint += f" Chiavi ammesse qui: {', '.join(valid)}."
        return finding(
            "PW005",
            f"«{key}» non è un nome di chiave valido{describe(path[:-1], data)}.",
            hint,
            source.locate(path, key=True),
        )
    what, hint = MESSAGES.get(kind, UNKNOWN_ERROR)
    allowed = choices(model, path)
    fields: dict[str, Any] = {
        "name": name,
        "input": value if not isinstance(value, dict | list) else "…",
        "choices": ", ".join(allowed),
        "pattern_hint": PATTERN_HINTS.get(name, "Controlla il formato del valore."),
        **ctx,
    }
    if kind == "missing":
        location = (
            source.locate(path[:-1], key=True)
            if path[:-1]
            else Location(source.file, *source.origin)
        )
        hint = hint.format_map(fields)
    else:
        location = source.locate(path)
        hint = hint.format_map(fields)
        if kind == "enum" and isinstance(value, str):
            import difflib

            close = difflib.get_close_matches(value.casefold(), allowed, n=1, cutoff=0.6)
            if close:
                hint = f"Forse intendevi «{close[0]}»? {hint}"
    message = what.format_map(fields)
    return finding("PW006", message[0].upper() + message[1:] + where + ".", hint, location)


def _odd_key_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """The path of a key that is not text (``1``, ``null``, ``[a, b]``) reported at ``loc``.

    Pydantic names such a key by its ``str()``; the data has the key itself.
    """
    parent, container = raw_at(data, loc[:-1])
    if isinstance(container, dict) and loc:
        for key in container:
            if not isinstance(key, str) and (key == loc[-1] or str(key) == loc[-1]):
                return (*parent, key)
    return parent


def _key_text(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    if isinstance(key, tuple | list):
        return "[" + ", ".join(_key_text(k) for k in key) + "]"
    return str(key)
