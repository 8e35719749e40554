"""The bundled ISTAT list of Comuni (Fonte: ISTAT, CC BY 4.0): find a Provincia, its Comuni."""

from __future__ import annotations

import csv
import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Situation of the bundled list, as the attribution must state it.
ISTAT_SITUATION = "inizio 2024"
ISTAT_CREDIT = f"Fonte: ISTAT, elenco dei Comuni ({ISTAT_SITUATION}), licenza CC BY 4.0"


@dataclass(frozen=True)
class IstatComune:
    """A Comune in the ISTAT list."""

    codice_istat: str
    comune: str


@dataclass(frozen=True)
class IstatProvincia:
    """A supra-municipal unit (Provincia, Città metropolitana...) and its Comuni."""

    nome: str
    sigla: str
    codice_uts: str
    regione: str
    tipo: str
    comuni: tuple[IstatComune, ...]


def _normalise(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for prefix in ("provincia di ", "citta metropolitana di ", "provincia autonoma di "):
        if plain.startswith(prefix):
            plain = plain[len(prefix) :]
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@cache
def provinces() -> dict[str, IstatProvincia]:
    """All units of the bundled list, by ``codice_uts``."""
    path = Path(__file__).resolve().parent / "data" / "istat-comuni.csv"
    rows: dict[str, list[dict[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["codice_uts"], []).append(row)
    return {
        code: IstatProvincia(
            nome=items[0]["uts"],
            sigla=items[0]["sigla"],
            codice_uts=code,
            regione=items[0]["regione"],
            tipo=items[0]["tipo_uts"],
            comuni=tuple(IstatComune(r["codice_istat"], r["comune"]) for r in items),
        )
        for code, items in rows.items()
    }


def _keys(unit: IstatProvincia) -> set[str]:
    """Every form a user may type for a unit: name, each part of a bilingual name, sigla."""
    names = {unit.nome, *unit.nome.split("/"), unit.sigla}
    return {_normalise(n) for n in names}


def find_province(query: str) -> IstatProvincia | None:
    """The unit whose name or sigla is ``query`` (case and accents forgiven), if any."""
    wanted = _normalise(query)
    for unit in provinces().values():
        if wanted in _keys(unit):
            return unit
    return None


def closest_provinces(query: str, limit: int = 3) -> list[str]:
    """Names of the units closest to ``query``, for a "did you mean" hint."""
    by_key = {_normalise(u.nome): u.nome for u in provinces().values()}
    matches = difflib.get_close_matches(_normalise(query), list(by_key), n=limit, cutoff=0.5)
    return [by_key[m] for m in matches]


def comuni_codes(codice_uts: str) -> frozenset[str]:
    """ISTAT codes of the Comuni of a unit (empty if the unit is unknown)."""
    unit = provinces().get(codice_uts)
    return frozenset(c.codice_istat for c in unit.comuni) if unit else frozenset()
