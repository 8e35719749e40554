"""Schema validation of YAML data and CSV rows, with Pydantic errors translated to Italian.

Translation goes by the error ``type`` (never the English ``msg``); ``MESSAGES`` covers every
type the schemas can raise, and a test enforces it.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from pwkit.diagnostics import Diagnostic, Location, Severity
from pwkit.italian import Reading, WrittenNumber, join, line_list, written_number
from pwkit.loader import FORBIDDEN_CHARS, CsvTable, Path_, SourceMap
from pwkit.pack.catalogue import finding, grouped
from pwkit.typoquotes import CLOSERS, OPENERS

PLACEHOLDER = "DA COMPILARE"

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

_PATTERN_HINTS = {
    "sigla": "La sigla è di due lettere maiuscole, es. MB.",
    "codice_uts": 'Il codice UTS è di tre cifre tra virgolette, es. "108".',
    "email": "Scrivi un indirizzo di posta elettronica, es. nome.cognome@provincia.it.",
    "modello": "Scrivi identificativo e versione del modello, es. province-comuni-personale@1.0.0.",
}


def is_placeholder(value: Any) -> bool:
    """A YAML value left as ``DA COMPILARE…``."""
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


def _walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) of plain YAML data, depth first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _container(data: Any, path: Path_) -> Any:
    """The dict or list that holds the value at ``path``."""
    for part in path[:-1]:
        data = data[part]
    return data


def _wants_text(model: type[BaseModel], path: Path_) -> bool:
    """Whether the schema wants a text at ``path`` (and no number)."""
    tp = type_at(model, path)
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    kinds = [_unwrap(member) for member in (typing.get_args(tp) if union else (tp,))]
    return str in kinds and not any(kind in _NUMERIC for kind in kinds)


def _raw_at(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, Any]:
    """The longest prefix of ``loc`` that exists in ``data``, and the value there.

    Pydantic adds steps that are not in the data (union members, ``[key]``): they are cut.
    """
    path: list[str | int] = []
    current = data
    for part in loc:
        if not _has(current, part):
            break
        current = current[part]
        path.append(part)
    return tuple(path), current


def describe(path: Path_, data: Any) -> str:
    """A reader's name for where ``path`` is: «priorita» (servizi › S1)."""
    trail: list[str] = []
    current = data
    for part in path[:-1]:
        if isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            ident = current.get("id") if isinstance(current, dict) else None
            named = isinstance(ident, str) and ident and not is_placeholder(ident)
            trail.append(str(ident) if named else f"voce {part + 1}")
        elif isinstance(current, dict):
            current = current.get(part)
            trail.append(str(part))
    return f" ({' › '.join(trail)})" if trail else ""


def _unwrap(tp: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the meaningful type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _field_at(model: type[BaseModel], path: Path_) -> tuple[Any, list[Any]]:
    """The annotation found at ``path`` in ``model`` as written, and its field's metadata.

    ``(None, [])`` if the path leaves the model.
    """
    tp: Any = model
    metadata: list[Any] = []
    for part in path:
        tp, metadata = _unwrap(tp), []
        if typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        elif isinstance(part, int) and typing.get_origin(tp) is list:
            tp = typing.get_args(tp)[0]
        elif isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(part)
            if info is None:
                return None, []
            tp, metadata = info.annotation, list(info.metadata)
        else:
            return None, []
    return tp, metadata


def type_at(model: type[BaseModel], path: Path_) -> Any:
    """The schema type found at ``path`` in ``model`` (``None`` if the path leaves it)."""
    return _unwrap(_field_at(model, path)[0])


def _annotations(tp: Any) -> Iterator[Any]:
    """The ``Annotated`` metadata of ``tp``, through ``X | None``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            yield from tp.__metadata__
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            for member in typing.get_args(tp):
                yield from _annotations(member)
            return
        else:
            return


def _choices(model: type[BaseModel], path: Path_) -> list[str]:
    tp = type_at(model, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [str(m.value) for m in tp]
    return []


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
    for path, value in _walk(data):
        if isinstance(value, float) and path in source.texts and _wants_text(model, path):
            as_typed.append((path, source.texts[path]))
            continue
        misread = _misread_number(model, data, path, value, source)
        if misread is not None:
            findings.append(misread)
            placeholders.append(path)
            clean = False
        elif is_placeholder(value):
            placeholders.append(path)
            findings.append(
                finding(
                    "PW101",
                    f"{_subject(path, data)} è ancora da compilare.",
                    "Sostituisci «DA COMPILARE» con il dato richiesto (vedi il commento accanto).",
                    source.locate(path),
                )
            )
            clean = False
        elif isinstance(value, str) and FORBIDDEN_CHARS.search(value):
            findings.append(
                finding(
                    "PW007",
                    f"{_subject(path, data)} contiene un carattere di "
                    "controllo non ammesso in un documento Word.",
                    "Togli le sequenze come «\\x0b» o «\\f» dal testo.",
                    source.locate(path),
                )
            )
            clean = False
    for path, typed in as_typed:  # «versione: 1.10» is the text «1.10», not 1.1 made text
        _container(data, path)[path[-1]] = typed
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        if not _accept_near_choices(exc, model, data, source, findings):
            _translate_all(exc, model, data, source, findings, placeholders)
            return None
        try:
            validated = model.model_validate(data)
        except ValidationError as again:
            _translate_all(again, model, data, source, findings, placeholders)
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
        path, value = _raw_at(data, tuple(error["loc"]))
        if not path or not isinstance(value, str):
            continue
        matches = [c for c in _choices(model, path) if fold(c) == fold(value)]
        if len(matches) != 1:
            continue
        _container(data, path)[path[-1]] = matches[0]
        replaced = True
        findings.append(
            finding(
                "PW006",
                f"Il valore «{value}» di «{_list_name(path)}»{describe(path, data)} è stato "
                f"letto come «{matches[0]}».",
                f"Scrivi «{matches[0]}» esattamente così (stesse maiuscole e minuscole, "
                "senza accenti, con il trattino basso al posto degli spazi).",
                source.locate(path),
                severity=Severity.WARNING,
            )
        )
    return replaced


def _translate_all(
    exc: ValidationError,
    model: type[BaseModel],
    data: Any,
    source: SourceMap,
    findings: list[Diagnostic],
    placeholders: list[Path_],
) -> None:
    seen: set[Path_] = set()
    for error in exc.errors(include_url=False):
        path, value = _raw_at(data, tuple(error["loc"]))
        if error["type"] == "missing":
            path = tuple(error["loc"])
        elif error["type"] == "invalid_key":
            path = _odd_key_path(data, tuple(error["loc"]))
        if any(path[: len(p)] == p for p in placeholders):
            continue
        if path in seen:
            continue
        seen.add(path)
        findings.append(_translate(error, model, data, path, value, source))


def _translate(
    error: Any, model: type[BaseModel], data: Any, path: Path_, value: Any, source: SourceMap
) -> Diagnostic:
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    name = str(path[-1]) if path and isinstance(path[-1], str) else _list_name(path)
    where = describe(path, data)
    if kind == "too_short" and isinstance(value, list) and not value:
        return finding(
            "PW105",
            f"L'elenco «{name}»{where} è vuoto.",
            "Aggiungi almeno un elemento: l'elenco è obbligatorio.",
            source.locate(path),
        )
    if kind == "extra_forbidden":
        valid = list(_fields(model, path[:-1]))
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
        valid = list(_fields(model, path[:-1]))
        hint = "Una chiave è un nome scritto in lettere, seguito da «:»."
        if valid:
            hint += f" Chiavi ammesse qui: {', '.join(valid)}."
        return finding(
            "PW005",
            f"«{key}» non è un nome di chiave valido{describe(path[:-1], data)}.",
            hint,
            source.locate(path, key=True),
        )
    what, hint = MESSAGES.get(kind, ("valore non valido per «{name}»", "Correggi il valore."))
    choices = _choices(model, path)
    fields: dict[str, Any] = {
        "name": name,
        "input": value if not isinstance(value, dict | list) else "…",
        "choices": ", ".join(choices),
        "pattern_hint": _PATTERN_HINTS.get(name, "Controlla il formato del valore."),
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
            close = difflib.get_close_matches(value.casefold(), choices, n=1, cutoff=0.6)
            if close:
                hint = f"Forse intendevi «{close[0]}»? {hint}"
    message = what.format_map(fields)
    return finding("PW006", message[0].upper() + message[1:] + where + ".", hint, location)


def _odd_key_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """The path of a key that is not text (``1``, ``null``, ``[a, b]``) reported at ``loc``.

    Pydantic names such a key by its ``str()``; the data has the key itself.
    """
    parent, container = _raw_at(data, loc[:-1])
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


def _subject(path: Path_, data: Any) -> str:
    """«Il valore di «tema» (…)» or, for a list item, «L'elemento 2 di «funzioni» (…)»."""
    if path and isinstance(path[-1], int):
        _, container = _raw_at(data, path[:-1])
        if isinstance(container, dict):  # a key that is a number: «volumi» {2027: 10}
            name = _list_name(path[:-1])
            return f"Il valore per {path[-1]} di «{name}»{describe(path[:-1], data)}"
        return f"L'elemento {path[-1] + 1} di «{_list_name(path[:-1])}»{describe(path[:-1], data)}"
    return f"Il valore di «{_list_name(path)}»{describe(path, data)}"


def _list_name(path: Path_) -> str:
    """Name of a list item: the list's key (``kpi`` for ``kpi[2]``)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "valore"


def _fields(model: type[BaseModel], path: Path_) -> Iterator[str]:
    tp = type_at(model, path)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield from tp.model_fields


# --- numbers typed the Italian way ------------------------------------------------------

_NUMERIC = (int, float, Decimal)
_GROUPINGS = {
    ".": "il punto delle migliaia",
    ",": "la virgola delle migliaia",
    "'": "l'apostrofo delle migliaia",
    "’": "l'apostrofo delle migliaia",
}
_SPACE_GROUPING = "lo spazio delle migliaia"
_WHY_THOUSANDS = {
    int: "in un numero intero {separator} può solo separare le migliaia",
    Decimal: "in un importo, che ha al massimo due decimali, {separator} separa le migliaia",
}


@dataclass(frozen=True)
class NumberField:
    """What a numeric field of the schemas holds.

    ``type`` is int, float or Decimal; ``takes_text`` is true for ``Numero | Testo``;
    ``small`` for quantities far below a thousand (``Small``: FTE, hours per person).
    """

    type: type
    takes_text: bool
    small: bool


def number_field(model: type[BaseModel], path: Path_) -> NumberField | None:
    """The numeric field at ``path`` of ``model``; ``None`` where the schema wants no number."""
    from pwkit.schemas.common import Small

    annotation, metadata = _field_at(model, path)
    tp = _unwrap(annotation)
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    kinds = [_unwrap(member) for member in (typing.get_args(tp) if union else (tp,))]
    numbers = [kind for kind in kinds if kind in _NUMERIC]
    if not numbers:
        return None
    markers = [*metadata, *_annotations(annotation)]
    return NumberField(numbers[0], str in kinds, any(isinstance(m, Small) for m in markers))


def _misread_number(
    model: type[BaseModel], data: Any, path: Path_, value: Any, source: SourceMap
) -> Diagnostic | None:
    """PW006 for a number typed the Italian way (``37.500``, ``€ 12.000``) in a numeric field.

    A float keeps its text in the source map: ``37.500`` would otherwise be 37.5.
    """
    if isinstance(value, float):
        typed = source.texts.get(path)
    else:
        typed = value if isinstance(value, str) else None
    if typed is None:
        return None
    inner = _between_typographic_quotes(typed)
    written = written_number(inner if inner is not None else typed)
    if written is None and inner is not None and _PLAIN_NUMBER.fullmatch(inner):
        written = WrittenNumber((Reading(Decimal(inner)),))
    field = number_field(model, path) if written is not None else None
    if written is None or field is None:
        return None
    if field.takes_text and isinstance(value, str):
        return None  # «≤ 30» or «1.500» in quotes is a text the field accepts as typed
    advice = number_advice(typed, written, field, typographic=inner is not None)
    if advice is None:
        return None
    what, hint = advice
    return finding("PW006", f"{_subject(path, data)} {what}.", hint, source.locate(path))


_TYPOGRAPHIC = re.compile(f"[{OPENERS}](?P<inner>.*)[{CLOSERS}]", re.DOTALL)
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def _between_typographic_quotes(typed: str) -> str | None:
    """What ``typed`` holds between Word's quotes (``“37.500”``), if it is so wrapped."""
    match = _TYPOGRAPHIC.fullmatch(typed.strip())
    return match["inner"].strip() if match else None


def number_advice(
    typed: str,
    written: WrittenNumber,
    field: NumberField,
    *,
    decimal_comma: bool = False,
    typographic: bool = False,
) -> tuple[str, str] | None:
    """(what is wrong, hint) for ``typed``: the value to write, both if it reads two ways.

    A lone separator before three digits (``1.500``) groups the thousands in whole numbers
    and amounts (an integer has no decimals, an amount at most two); it separates the
    decimals in small quantities, which are then plain numbers (``None``: nothing wrong);
    elsewhere both readings are offered. ``decimal_comma``: the file writes decimals with a
    comma (the Italian CSV dialect); ``typographic``: ``typed`` is between Word's quotes,
    which are wrong too.
    """
    readings = list(written.readings)
    separator = "il punto" if written.separator == "." else "la virgola"
    reason = ""
    if len(readings) > 1 and field.type in _WHY_THOUSANDS:
        readings = [r for r in readings if r.meaning == "migliaia"]
        reason = f" ({_WHY_THOUSANDS[field.type].format(separator=separator)})"
    elif len(readings) > 1 and field.small:
        readings = [r for r in readings if r.meaning == "decimali"]
        if written.separator == "." and not written.currency and not typographic:
            return None
    rule = (
        "Nel file i numeri si scrivono con le sole cifre, senza separatori delle migliaia né "
        f"«€», con {'la virgola' if decimal_comma else 'il punto'} per i decimali."
    )
    if len(readings) > 1:
        options = "; se ".join(
            f"separa {'le migliaia' if r.meaning == 'migliaia' else 'i decimali'} scrivi "
            f"{_plain(r, field.type, decimal_comma)}"
            for r in readings
        )
        what = f"è scritto «{typed}»: non è chiaro se {separator} separa le migliaia o i decimali"
        return what, f"Se {separator} {options}. {rule}"
    [reading] = readings
    marks = ["le virgolette tipografiche"] if typographic else []
    if written.currency:
        marks.append(
            "il simbolo «€»" if written.currency == "€" else f"la parola «{written.currency}»"
        )
    if written.grouping:
        marks.append(_GROUPINGS.get(written.grouping, _SPACE_GROUPING))
    elif reading.meaning == "migliaia":
        marks.append(f"{separator} delle migliaia")
    comma = written.decimal_comma or (written.separator == "," and reading.meaning == "decimali")
    if comma and not decimal_comma:
        marks.append("la virgola per i decimali")
    what = f"è scritto «{typed}», con {join(marks)}{reason}"
    return what, f"Scrivi {_plain(reading, field.type, decimal_comma)}. {rule}"


def _plain(reading: Reading, number: type, decimal_comma: bool) -> str:
    """The value of ``reading`` as the file wants it: digits, a point (or comma) for decimals.

    A decimal that would still read as thousands (``46.875``) gets a fourth decimal, a zero.
    """
    value = reading.value.normalize() if reading.meaning == "decimali" else reading.value
    if number is int and value == value.to_integral_value():
        return str(int(value))
    text = f"{value:f}"
    if decimal_comma:
        return text.replace(".", ",")
    return text + "0" if written_number(text) is not None else text


# --- CSV rows ---------------------------------------------------------------------------


@dataclass
class CsvRows:
    """The rows of a CSV: those that validate, and the cells of those that do not."""

    valid: list[tuple[int, BaseModel]] = field(default_factory=list)
    """(line, row) of each row that validates as a whole."""
    invalid: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """(line, cells) of each row that does not (a finding says why), for ``pwkit.parts``."""


def _yes_no_columns(model: type[BaseModel]) -> set[str]:
    """Columns whose values are «si»/«no» (written ``SI``, ``Sì``… by spreadsheets)."""
    from pwkit.schemas.enums import SiNo

    return {
        name
        for name, info in model.model_fields.items()
        if info.annotation is SiNo or SiNo in typing.get_args(info.annotation)
    }


def validate_rows(
    table: CsvTable,
    model: type[BaseModel],
    required: list[str],
    findings: list[Diagnostic],
    *,
    row_label: Callable[[dict[str, str]], str],
) -> CsvRows | None:
    """Validate CSV rows; ``None`` if the header lacks a required column."""
    missing_columns = [c for c in required if c not in table.header]
    if missing_columns:
        findings.append(
            finding(
                "PW009",
                f"Nell'intestazione del CSV mancano le colonne: {', '.join(missing_columns)}.",
                f"La prima riga deve contenere le colonne {', '.join(required)} "
                "(in qualsiasi ordine).",
                Location(table.rel, 1, 1),
            )
        )
        return None
    known = set(model.model_fields)
    unfilled: dict[tuple[str, ...], list[int]] = {}
    wrong: dict[tuple[str, str, str], list[tuple[Location, str, str]]] = {}
    misreadings: dict[str, list[_Misread]] = {}
    result = CsvRows()
    yes_no = _yes_no_columns(model)
    numeric = {c: kind for c in known if (kind := number_field(model, (c,))) is not None}
    for row in table.rows:
        values: dict[str, Any] = {}
        misread = _misread_cells(table, row, numeric, row_label, misreadings)
        for column, value in row.values.items():
            if column not in known or value == "" or column in misread:
                continue
            if table.decimal_comma and column not in ("codice_istat", "comune", "unione"):
                value = value.replace(",", ".")
            if column in yes_no:
                value = value.casefold().replace("sì", "si")
            values[column] = value
        empty = tuple(c for c in required if not row.values.get(c))
        if empty:
            unfilled.setdefault(empty, []).append(row.line)
            result.invalid.append((row.line, values))
            continue
        try:
            validated = model.model_validate(values)
            if misread:
                result.invalid.append((row.line, values))
            else:
                result.valid.append((row.line, validated))
        except ValidationError as exc:
            result.invalid.append((row.line, values))
            for error in exc.errors(include_url=False):
                column = str(error["loc"][0]) if error["loc"] else ""
                if column in misread:
                    continue
                what, _ = MESSAGES.get(error["type"], ("valore non valido per «{name}»", ""))
                raw = row.values.get(column, "")
                hint = "Correggi il valore nella cella indicata."
                if error["type"] in ("int_parsing", "float_parsing") and ("." in raw or "," in raw):
                    hint = "Scrivi il numero senza separatori delle migliaia (es. 12500)."
                elif error["type"] == "enum":
                    hint = "Scrivi «si» oppure «no»."
                fields = {"name": column, "input": raw, "choices": "si, no"}
                message = what.format_map({**fields, **(error.get("ctx") or {})})
                where = Location(table.rel, row.line, row.columns.get(column, 1))
                alone = f"Riga {row.line} ({row_label(row.values)}): {message} (trovato «{raw}»)."
                example = f"riga {row.line}, {row_label(row.values)}: trovato «{raw}»"
                wrong.setdefault((message, hint, column), []).append((where, alone, example))
    # The same mistake in many cells (a column exported with thousands separators) is one.
    for (message, hint, _), cells in wrong.items():
        text = cells[0][1]
        if len(cells) > 1:
            rows = line_list([where.line or 0 for where, _, _ in cells])
            text = (
                f"{len(cells)} righe con lo stesso problema ({rows}): {message} "
                f"(alla {cells[0][2]})."
            )
        findings.append(grouped("PW009", text, hint, [where for where, _, _ in cells]))
    for columns, lines in unfilled.items():
        count = len(lines)
        subject = "1 Comune" if count == 1 else f"{count} Comuni"
        findings.append(
            grouped(
                "PW101",
                f"{subject} senza {', '.join(columns)} ({line_list(lines)}): dati ancora da "
                "compilare.",
                "Completa le colonne per ogni Comune (popolazione dall'ultimo bilancio "
                "demografico ISTAT, dipendenti dal conto annuale, ufficio_personale si/no).",
                [Location(table.rel, line, 1) for line in lines],
            )
        )
    _report_misread(misreadings, findings)
    return result


@dataclass(frozen=True)
class _Misread:
    """A CSV cell holding a number typed the Italian way: where, which row, what to write."""

    where: Location
    row: str  # «12 (Dorena)»: the line and the row's label
    what: str
    hint: str


def _misread_cells(
    table: CsvTable,
    row: Any,
    numeric: dict[str, NumberField],
    row_label: Callable[[dict[str, str]], str],
    misreadings: dict[str, list[_Misread]],
) -> set[str]:
    """The numbers of ``row`` typed with thousands separators or «€», noted by column."""
    misread: set[str] = set()
    for column, field_ in numeric.items():
        typed = row.values.get(column, "")
        written = written_number(typed, decimal_comma=table.decimal_comma) if typed else None
        advice = (
            number_advice(typed, written, field_, decimal_comma=table.decimal_comma)
            if written is not None
            else None
        )
        if advice is None:
            continue
        what, hint = advice
        where = Location(table.rel, row.line, row.columns.get(column, 1))
        label = f"{row.line} ({row_label(row.values)})"
        misreadings.setdefault(column, []).append(_Misread(where, label, what, hint))
        misread.add(column)
    return misread


def _report_misread(misreadings: dict[str, list[_Misread]], findings: list[Diagnostic]) -> None:
    """PW009 for numbers typed the Italian way: one per cell, or one per column for many."""
    for column, cells in misreadings.items():
        first = cells[0]
        if len(cells) == 1:
            message = f"Riga {first.row}: «{column}» {first.what}."
            hint = first.hint
        else:
            rows = line_list([cell.where.line or 0 for cell in cells])
            message = (
                f"{len(cells)} righe hanno «{column}» non scritto con le sole cifre ({rows}): ad "
                f"esempio alla riga {first.row} {first.what}."
            )
            hint = f"{first.hint} Correggi allo stesso modo ogni riga elencata."
        findings.append(grouped("PW009", message, hint, [cell.where for cell in cells]))
