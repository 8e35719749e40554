"""Which ISTAT unit a Provincia name stands for, and the question to ask when it is unclear.

``init`` never guesses: a name that is not in the ISTAT list is refused with the units it may
mean (``resolve_province``), or, for a person at a terminal, turned into a question
(``province_question``) whose reply picks a unit, tries another name or keeps the name as a
Provincia not in the list. The question is data; a face (the terminal, a browser) asks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pwkit.base.errors import PwkitError
from pwkit.load.istat import IstatProvincia, find_province


def resolve_province(name: str | None, *, fuori_elenco: bool = False) -> IstatProvincia | None:
    """The ISTAT unit ``name`` stands for; None without a name or for a Provincia not in the list.

    A name that is not in the list is refused with the units it may mean, unless the user said
    (``fuori_elenco``) that the Provincia is not in the list: a wrong guess would fill
    ``dati/comuni.csv`` with another territory.
    """
    if not name or not name.strip():
        return None
    from pwkit.load.ente import denomination

    unit = find_province(name)
    if unit is not None and fuori_elenco:
        raise PwkitError(
            f"«{name}» è nell'elenco ISTAT ({denomination(unit.nome, unit)}, {unit.regione}, "
            f"{len(unit.comuni)} Comuni): non è una Provincia fuori elenco.",
            hint="Togli --fuori-elenco: pwkit compila dati/comuni.csv con i suoi Comuni. Per una "
            "Provincia davvero fuori elenco scegli un nome che non sia di un'unità ISTAT.",
        )
    if unit is not None or fuori_elenco:
        return unit
    raise _not_in_list(name)


def _not_in_list(name: str) -> PwkitError:
    """A Provincia name that is not in the ISTAT list, with the units it may mean."""
    from pwkit.load.ente import unit_summary
    from pwkit.load.istat import province_candidates

    candidates = province_candidates(name)
    close = "; ".join(unit_summary(u) for u in candidates)
    return PwkitError(
        f"{not_in_list_sentence(name)} "
        + (f"Forse intendevi: {close}." if close else "Nessuna ha un nome simile."),
        hint="Indica la Provincia con il nome o la sigla dell'elenco ISTAT (es. --provincia "
        f"{candidates[0].sigla if candidates else 'MB'}). Se la Provincia non è nell'elenco "
        "(un esempio, un'esercitazione), aggiungi --fuori-elenco: dati/comuni.csv resterà da "
        "compilare a mano.",
    )


def not_in_list_sentence(name: str) -> str:
    """«"Reggio" non è tra le Province dell'elenco ISTAT…», or that the unit no longer exists."""
    from pwkit import ISTAT_SITUATION
    from pwkit.load.istat import retired_name

    retired = retired_name(name)
    if retired is not None:
        return (
            f"«{name}» non è più un'unità dell'elenco ISTAT: dal {retired.dal} i suoi Comuni "
            "appartengono ad altre unità."
        )
    return f"«{name}» non è tra le Province dell'elenco ISTAT (situazione al {ISTAT_SITUATION})."


@dataclass(frozen=True)
class ProvinceReply:
    """What a reply to a :class:`ProvinceQuestion` decides."""

    name: str
    """The name to use if ``settled``, else the one to look up next."""
    settled: bool = False
    outside: bool = False
    """With ``settled``: the name is kept as a Provincia not in the ISTAT list."""
    retry: str | None = None
    """A reply that picks nothing: what to tell the user before asking again."""


@dataclass(frozen=True)
class ProvinceQuestion:
    """A Provincia name not in the ISTAT list, and the units it may mean (numbered from 1)."""

    name: str
    candidates: tuple[IstatProvincia, ...]

    @property
    def lines(self) -> list[str]:
        """What to show before the question: why, then one line per candidate unit."""
        from pwkit.load.ente import unit_summary

        listed = [f"  {n}. {unit_summary(unit)}" for n, unit in enumerate(self.candidates, 1)]
        return [not_in_list_sentence(self.name), *listed]

    @property
    def prompt(self) -> str:
        """The question; Enter (an empty reply) keeps the name, never picks a unit."""
        pick = {0: "", 1: "1 per sceglierla, "}.get(
            len(self.candidates), "il numero di una di queste, "
        )
        return (
            f"Scrivi {pick}un altro nome per cercare di nuovo, oppure premi Invio per usare "
            f"«{self.name}» come Provincia fuori elenco (dati/comuni.csv da compilare a mano)"
        )

    def answer(self, reply: str) -> ProvinceReply:
        """A candidate by number, another name to look up, or (empty) the name kept as it is.

        Enter never picks a unit: a wrong one would fill in another territory.
        """
        reply = reply.strip()
        if not reply:
            return ProvinceReply(self.name, settled=True, outside=True)
        if not reply.isdigit():
            return ProvinceReply(reply)
        count = len(self.candidates)
        if 1 <= int(reply) <= count:
            return ProvinceReply(self.candidates[int(reply) - 1].nome, settled=True)
        numbers = {0: "", 1: "1 o "}.get(count, f"un numero da 1 a {count} o ")
        return ProvinceReply(
            self.name, retry=f"Nessuna Provincia ha il numero {reply}: scrivi {numbers}un nome."
        )


def province_question(name: str) -> ProvinceQuestion | None:
    """The question to ask about ``name``; ``None`` when it names a unit of the ISTAT list."""
    from pwkit.load.istat import province_candidates

    if find_province(name) is not None:
        return None
    return ProvinceQuestion(name, tuple(province_candidates(name)))
