"""The bundled ISTAT list of Comuni (Fonte: ISTAT, CC BY 4.0): find a Provincia, its Comuni."""

from __future__ import annotations

import csv
import datetime as dt
import json
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from pwkit import ISTAT_SITUATION

ISTAT_CREDIT = f"Fonte: ISTAT, elenco dei Comuni al {ISTAT_SITUATION}, licenza CC BY 4.0"

_DATA = Path(__file__).resolve().parents[1] / "data"

#: What users write before a unit's name ("Provincia dell'Aquila"), dropped when looking it up.
_PREFIXES = tuple(
    f"{kind} {preposition} "
    for kind in (
        "provincia autonoma",
        "provincia",
        "citta metropolitana",
        "libero consorzio comunale",
        "libero consorzio",
        "ente di decentramento regionale",
    )
    for preposition in ("di", "del", "dello", "della", "dell", "dei", "degli", "delle")
)

#: How close (0–1) a misspelt name must be to a unit's to be offered as a candidate.
_CLOSE_ENOUGH = 0.8


class IstatComune(NamedTuple):
    """A Comune in the ISTAT list."""

    codice_istat: str
    comune: str


class IstatProvincia(NamedTuple):
    """A supra-municipal unit (Provincia, Città metropolitana...) and its Comuni."""

    nome: str
    sigla: str
    codice_uts: str
    regione: str
    tipo: str
    comuni: tuple[IstatComune, ...]


class CodeChange(NamedTuple):
    """A Comune code no longer in force and the code of the Comune that took its place."""

    precedente: str
    comune_precedente: str
    codice_istat: str
    comune: str
    dal: str
    """Since when, in Italian words (e.g. «1° gennaio 2026»)."""


class RetiredUnit(NamedTuple):
    """A unit of an earlier ISTAT list whose Comuni now belong to other units."""

    codice_uts: str
    nome: str
    successori: tuple[IstatProvincia, ...]
    dal: str
    """Since when its Comuni belong to the successors, in Italian words."""


def normalise(name: str) -> str:
    """Case-, accent-, punctuation- and «Provincia di»-insensitive form of a unit's name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = " ".join("".join(c if c.isalnum() else " " for c in plain).split())
    for prefix in _PREFIXES:
        if words.startswith(prefix):
            return words[len(prefix) :]
    return words


_LIST = _DATA / "istat-comuni.csv"


@cache
def provinces() -> dict[str, IstatProvincia]:
    """All units of the bundled list, by ``codice_uts``."""
    with _LIST.open(encoding="utf-8", newline="") as handle:
        return _units(csv.DictReader(handle))


def province(codice_uts: str) -> IstatProvincia | None:
    """The unit ``codice_uts`` of the bundled list (``None`` if it is not in it).

    A check needs only the project's own unit: unless the whole list is loaded already, its
    rows are picked out of the file without building the other units.
    """
    if provinces.cache_info().currsize:
        return provinces().get(codice_uts)
    return _unit_alone(codice_uts)


@cache
def _unit_alone(codice_uts: str) -> IstatProvincia | None:
    text = _LIST.read_text(encoding="utf-8")
    if '"' in text or "\r" in text:
        # A quoted field may hold a comma or span lines: only the whole reader is right then.
        return provinces().get(codice_uts)
    header, *lines = text.split("\n")
    field = f",{codice_uts},"
    rows = csv.DictReader([line for line in lines if field in line], header.split(","))
    return _units(row for row in rows if row["codice_uts"] == codice_uts).get(codice_uts)


def _units(rows: Iterable[dict[str, str]]) -> dict[str, IstatProvincia]:
    """The units of ``rows`` of the list (in the list's order), by ``codice_uts``."""
    by_code: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_code.setdefault(row["codice_uts"], []).append(row)
    return {
        code: IstatProvincia(
            nome=items[0]["uts"],
            sigla=items[0]["sigla"],
            codice_uts=code,
            regione=items[0]["regione"],
            tipo=items[0]["tipo_uts"],
            comuni=tuple(IstatComune(r["codice_istat"], r["comune"]) for r in items),
        )
        for code, items in by_code.items()
    }


@cache
def _alias_data() -> dict[str, Any]:
    """``province-alias.json``: aliases of the units and the units no longer in force."""
    data: dict[str, Any] = json.loads((_DATA / "province-alias.json").read_text(encoding="utf-8"))
    return data


def aliases() -> dict[str, str]:
    """Other names users give a unit (short names, capoluoghi, old names) → ``codice_uts``."""
    return {alias: str(code) for alias, code in _alias_data()["alias"].items()}


@cache
def _index() -> dict[str, str]:
    """Every normalised form of a unit (name, each part of a bilingual name, sigla, alias)."""
    index: dict[str, str] = {}
    for unit in provinces().values():
        for name in (unit.nome, *unit.nome.split("/"), unit.sigla):
            index.setdefault(normalise(name), unit.codice_uts)
    for alias, code in aliases().items():
        index.setdefault(normalise(alias), code)
    return index


def find_province(query: str) -> IstatProvincia | None:
    """The unit whose name, sigla or known alias is ``query`` (case and accents forgiven)."""
    code = _index().get(normalise(query))
    return provinces().get(code) if code else None


def province_candidates(query: str, limit: int = 5) -> list[IstatProvincia]:
    """Units ``query`` may mean: by its words, a unit no longer in force, a typo, a Comune."""
    import difflib

    wanted = normalise(query)
    if not wanted:
        return []
    units = provinces()
    codes: dict[str, None] = {}
    retired = retired_name(query)
    if retired is not None:
        codes.update(dict.fromkeys(u.codice_uts for u in retired.successori))
    index = _index()
    codes.update(dict.fromkeys(c for key, c in index.items() if _words_match(wanted, key)))
    names = [key for key in index if len(key) > 3]
    for key in difflib.get_close_matches(wanted, names, n=limit, cutoff=_CLOSE_ENOUGH):
        codes.setdefault(index[key])
    codes.update(dict.fromkeys(_comuni_by_name().get(wanted, ())))
    return [units[code] for code in list(codes)[:limit]]


def _words_match(wanted: str, key: str) -> bool:
    """Each word typed is a word of ``key``, its start (3 letters or more) or a slip of it."""
    words = key.split()
    return all(any(_word_matches(typed, word) for word in words) for typed in wanted.split())


def _word_matches(typed: str, word: str) -> bool:
    if typed == word or (len(typed) >= 3 and word.startswith(typed)):
        return True
    if len(typed) < 4:
        return False
    import difflib

    return difflib.SequenceMatcher(None, typed, word).ratio() >= _CLOSE_ENOUGH


@cache
def _comuni_by_name() -> dict[str, tuple[str, ...]]:
    """Normalised Comune name → the units with a Comune of that name."""
    found: dict[str, tuple[str, ...]] = {}
    for unit in provinces().values():
        for comune in unit.comuni:
            key = normalise(comune.comune)
            found[key] = (*found.get(key, ()), unit.codice_uts)
    return found


def comuni_codes(codice_uts: str) -> frozenset[str]:
    """ISTAT codes of the Comuni of a unit (empty if the unit is unknown)."""
    unit = province(codice_uts)
    return frozenset(c.codice_istat for c in unit.comuni) if unit else frozenset()


@cache
def _code_changes() -> dict[str, CodeChange]:
    """Codes of Comuni no longer in force: Sardinia's recoding of 2026 and the mergers."""
    changes: dict[str, CodeChange] = {}
    path = _DATA / "istat-sardegna-2026-ricodifica.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            old = row["codice_istat_precedente"]
            changes[old] = CodeChange(
                old, row["comune"], row["codice_istat"], row["comune"], "1° gennaio 2026"
            )
    with (_DATA / "istat-fusioni-2026.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            old = row["codice_istat_precedente"]
            changes[old] = CodeChange(
                old, row["comune_precedente"], row["codice_istat"], row["comune"], _day(row["dal"])
            )
    return changes


def _day(iso: str) -> str:
    """``2026-02-21`` as «21 febbraio 2026»."""
    from pwkit.base.italian import long_date

    return long_date(dt.date.fromisoformat(iso))


def code_in_force(code: str) -> CodeChange | None:
    """The change that retired Comune code ``code``, if it is a code no longer in force."""
    return _code_changes().get(code)


@cache
def _retired_units() -> dict[str, RetiredUnit]:
    """Units of the earlier list, by their ``codice_uts``."""
    units = provinces()
    return {
        code: RetiredUnit(
            code,
            entry["nome"],
            tuple(units[c] for c in entry["successori"]),
            _day((dt.date.fromisoformat(entry["fino_al"]) + dt.timedelta(days=1)).isoformat()),
        )
        for code, entry in _alias_data()["soppresse"].items()
    }


def retired_name(name: str) -> RetiredUnit | None:
    """The unit of the earlier list called ``name``, when no unit in force has that name."""
    if find_province(name) is not None:
        return None
    wanted = normalise(name)
    return next((u for u in _retired_units().values() if normalise(u.nome) == wanted), None)


def retired_unit(codice_uts: str) -> RetiredUnit | None:
    """A unit of the earlier list (e.g. Sassari, 090, until 2025) and the units of its Comuni."""
    return _retired_units().get(codice_uts)
