"""The name of the body writing the project work: «Provincia dell'Aquila», «Città metropolitana…».

Every document, header and message that names the body goes through ``body_name``. The words
(the name of each kind of unit, the articulated prepositions, the names whose article is
implicit) are data, in ``data/denominazioni.json``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pwkit.load.istat import IstatProvincia

#: The kind of body when the ISTAT type is unknown (a Provincia not in the list).
DEFAULT_KIND = "Provincia"


class ProvinciaLike(Protocol):
    """What ``body_name`` reads of ``progetto.yaml``'s ``provincia``."""

    @property
    def nome(self) -> str:
        """Name as ISTAT writes it."""

    @property
    def codice_uts(self) -> str | None:
        """ISTAT code of the unit, if in the list."""

    @property
    def denominazione(self) -> str | None:
        """The name the user wants printed instead, if any."""


@cache
def _words() -> dict[str, dict[str, str]]:
    """``denominazioni.json``: kinds of unit, articles, implicit articles, whole names."""
    path = Path(__file__).resolve().parents[1] / "data" / "denominazioni.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {part: dict(values) for part, values in data.items()}


def body_name(provincia: ProvinciaLike) -> str:
    """The body as documents name it: ``denominazione`` if given, else from its ISTAT unit."""
    override = " ".join((provincia.denominazione or "").split())
    if override:
        return override
    unit = None
    if provincia.codice_uts:
        from pwkit.load.istat import province

        unit = province(provincia.codice_uts)
    return denomination(provincia.nome, unit)


def denomination(nome: str, unit: IstatProvincia | None = None) -> str:
    """«Provincia di Rieti», «Città metropolitana di Bari», «Provincia dell'Ogliastra»."""
    words = _words()
    if unit is not None and unit.codice_uts in words["enti"]:
        return words["enti"][unit.codice_uts]
    kind = words["tipi"].get(unit.tipo, DEFAULT_KIND) if unit is not None else DEFAULT_KIND
    return f"{kind} {complement(nome)}"


def kind_of(unit: IstatProvincia) -> str:
    """The kind of unit in lower case, as a sentence says it: «città metropolitana»."""
    kind = _words()["tipi"].get(unit.tipo, DEFAULT_KIND)
    return kind[0].lower() + kind[1:]


def unit_summary(unit: IstatProvincia) -> str:
    """«Reggio Calabria (città metropolitana, Calabria, 97 Comuni)», to tell units apart."""
    return f"{unit.nome} ({kind_of(unit)}, {unit.regione}, {len(unit.comuni)} Comuni)"


def complement(nome: str) -> str:
    """«di Bari», «dell'Aquila», «della Spezia», «del Medio Campidano»."""
    name = " ".join(nome.split())
    words = _words()
    fixed = {key.casefold(): value for key, value in words["complementi"].items()}
    if name.casefold() in fixed:
        return fixed[name.casefold()]
    articles = words["articoli"]
    if len(name) > 2 and name[0] in "Ll" and name[1] in "'’":
        return articles["l'"][:-1] + name[1:]
    article, _, rest = name.partition(" ")
    if rest and article.casefold() in articles:
        return f"{articles[article.casefold()]} {rest}"
    return f"di {name}"
