"""PW401: the ISTAT codes of the Comuni CSV, checked against the bundled ISTAT list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pwkit import ISTAT_SITUATION
from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import E, W, finding, grouped
from pwkit.base.italian import join, line_list
from pwkit.load.ente import denomination
from pwkit.load.istat import (
    CodeChange,
    IstatComune,
    IstatProvincia,
    code_in_force,
    comuni_codes,
    province,
    retired_unit,
)
from pwkit.rules.context import RuleContext
from pwkit.rules.economics.comuni import row_at
from pwkit.rules.registry import rule

_SIX_DIGITS = re.compile(r"^[0-9]{6}$")


@rule("PW401")
def check_istat_codes(context: RuleContext) -> Iterator[Diagnostic]:
    """PW401: an ISTAT code repeated, not of 6 digits, or not of the real Provincia.

    Codes wrong for one cause are one finding listing their rows: a spreadsheet that drops
    the leading zeros does it to every code of the column.
    """
    project = context.project
    provincia = getattr(project.progetto, "provincia", None)
    uts = getattr(provincia, "codice_uts", None)
    unit = province(uts) if uts else None
    known = comuni_codes(uts) if uts else frozenset()
    if uts and unit is None:
        yield _unit_not_in_force(context, uts)
    seen: dict[str, int] = {}
    lost: list[tuple[int, str]] = []
    short: list[int] = []
    foreign: list[int] = []
    retired: list[tuple[int, CodeChange]] = []
    retired_short: list[tuple[int, CodeChange]] = []  # a code of 2025 that also lost its zero
    for index, comune in enumerate(project.comuni):
        code = comune.codice_istat
        if not _SIX_DIGITS.match(code):
            padded = _zeros_lost(code, known)
            old = _zeros_lost(code, None) if uts and padded is None else None
            if padded is not None:
                lost.append((index, padded))
            elif old is not None and (change := code_in_force(old)) is not None:
                retired_short.append((index, change))
            else:
                short.append(index)
        elif code in seen:
            first = seen[code]
            first_line = row_at(context, first).line
            yield finding(
                "PW401",
                f"Il codice ISTAT {code} del Comune di {comune.comune} è già usato alla riga "
                f"{first_line} ({project.comuni[first].comune}).",
                "Ogni Comune compare una volta sola: correggi il codice di una delle due righe "
                "o cancella la riga ripetuta.",
                row_at(context, index),
            )
        elif uts and (change := code_in_force(code)) is not None:
            retired.append((index, change))
        elif unit is not None and code not in known:
            foreign.append(index)
        seen.setdefault(code, index)
    if lost:
        yield _zeros_finding(context, lost)
    if retired_short:
        yield _retired_finding(context, retired_short, zero_lost=True)
    if short:
        yield _short_finding(context, short)
    if foreign and unit is not None:
        yield _foreign_finding(context, foreign, unit)
    if retired:
        yield _retired_finding(context, retired)


def _zeros_lost(code: str, codes: frozenset[str] | None) -> str | None:
    """The code with the leading zeros a spreadsheet dropped, if it is one of ``codes``.

    Only a real Provincia's codes tell a dropped zero from a typo (a fictional one's 99003
    may be 990003). ``codes=None``: the padded code whatever it is.
    """
    if not (code.isascii() and code.isdigit() and len(code) < 6):
        return None
    padded = code.zfill(6)
    return padded if codes is None or padded in codes else None


def _rows(context: RuleContext, indexes: list[int]) -> list[Location]:
    return [row_at(context, index) for index in indexes]


def _lines(places: list[Location]) -> str:
    return line_list([place.line for place in places if place.line is not None])


def _zeros_finding(context: RuleContext, lost: list[tuple[int, str]]) -> Diagnostic:
    comuni = context.project.comuni
    index, padded = lost[0]
    code, name = comuni[index].codice_istat, comuni[index].comune
    places = _rows(context, [i for i, _ in lost])
    if len(lost) == 1:
        message = (
            f"Il codice ISTAT «{code}» del Comune di {name} ha perso lo zero iniziale: è {padded}."
        )
    else:
        message = (
            f"{len(lost)} codici ISTAT hanno perso lo zero iniziale ({_lines(places)}): ad "
            f"esempio «{code}» ({name}) è {padded}."
        )
    return grouped(
        "PW401",
        message,
        "Succede quando il file passa da Excel, che legge i codici come numeri. I codici "
        f"ISTAT hanno 6 cifre con gli zeri iniziali (es. {padded}): in Excel seleziona la "
        "colonna codice_istat, scegli il formato «Testo» (Home › Numeri) e riscrivi i codici, "
        "oppure apri il file con Dati › Da testo/CSV indicando «Testo» per quella colonna.",
        places,
    )


def _short_finding(context: RuleContext, short: list[int]) -> Diagnostic:
    comuni = context.project.comuni
    places = _rows(context, short)
    first = comuni[short[0]]
    if len(short) == 1:
        message = (
            f"Il codice ISTAT «{first.codice_istat}» del Comune di {first.comune} non è di 6 cifre."
        )
    else:
        examples = join([f"«{comuni[i].codice_istat}» ({comuni[i].comune})" for i in short[:3]])
        message = (
            f"{len(short)} codici ISTAT non sono di 6 cifre ({_lines(places)}): {examples}"
            f"{'…' if len(short) > 3 else ''}."
        )
    return grouped(
        "PW401",
        message,
        "Scrivi il codice ISTAT di 6 cifre, zeri iniziali compresi (es. 001272, non "
        "1272): se il file passa da Excel, formatta la colonna codice_istat come testo.",
        places,
    )


def _foreign_finding(context: RuleContext, foreign: list[int], unit: IstatProvincia) -> Diagnostic:
    comuni = context.project.comuni
    places = _rows(context, foreign)
    first = comuni[foreign[0]]
    if len(foreign) == 1:
        message = (
            f"Il codice ISTAT {first.codice_istat} (Comune di {first.comune}) non è tra i "
            f"Comuni di {unit.nome} nell'elenco ISTAT."
        )
        hint = _foreign_code_hint(first.comune, unit.comuni)
    else:
        message = (
            f"{len(foreign)} codici ISTAT non sono tra i Comuni di {unit.nome} nell'elenco "
            f"ISTAT ({_lines(places)}): ad esempio {first.codice_istat} (Comune di "
            f"{first.comune})."
        )
        hint = _foreign_code_hint("", ())
    return grouped("PW401", message, hint, places)


def _retired_finding(
    context: RuleContext, retired: list[tuple[int, CodeChange]], *, zero_lost: bool = False
) -> Diagnostic:
    """PW401 on codes retired by ISTAT, one finding listing every code in force.

    A warning, since the code was right until ISTAT changed it; an error when the code also
    lost its leading zero (``zero_lost``: a code of 5 digits is wrong in any list).
    """
    comuni = context.project.comuni
    index, change = retired[0]
    if len(retired) == 1 and not zero_lost:
        return _code_not_in_force(comuni[index].comune, change, row_at(context, index))
    places = _rows(context, [i for i, _ in retired])
    pairs = "; ".join(f"{c.precedente} → {c.codice_istat} ({c.comune})" for _, c in retired)
    typed = comuni[index].codice_istat
    if zero_lost:
        subject = (
            f"Il codice ISTAT «{typed}» del Comune di {comuni[index].comune} ha perso lo zero "
            f"iniziale ed è un codice non più in vigore"
            if len(retired) == 1
            else f"{len(retired)} codici ISTAT hanno perso lo zero iniziale e non sono più in "
            f"vigore ({_lines(places)}): ad esempio «{typed}» ({comuni[index].comune})"
        )
        message = f"{subject}: dal {change.dal} è {change.codice_istat}."
        hint = (
            f"Scrivi i codici in vigore, di 6 cifre: {pairs}. In Excel formatta la colonna "
            "codice_istat come «Testo» perché gli zeri iniziali restino."
        )
    else:
        message = (
            f"{len(retired)} codici ISTAT non sono più in vigore ({_lines(places)}): ad esempio "
            f"{change.precedente} ({comuni[index].comune}) dal {change.dal} è "
            f"{change.codice_istat}."
        )
        hint = (
            f"Scrivi i codici in vigore: {pairs}. Dove due Comuni si sono fusi, tieni una riga "
            "sola con il nome del nuovo Comune."
        )
    return grouped("PW401", message, hint, places, severity=E if zero_lost else W)


def _code_not_in_force(name: str, change: CodeChange, where: Location) -> Diagnostic:
    """PW401 warning: a Comune code retired by ISTAT, with the code in force."""
    if change.comune_precedente == change.comune:
        what = f"dal {change.dal} il Comune di {change.comune} ha il codice {change.codice_istat}"
    else:
        what = (
            f"dal {change.dal} il Comune di {change.comune_precedente} fa parte di "
            f"{change.comune}, che ha il codice {change.codice_istat}"
        )
    return finding(
        "PW401",
        f"Il codice ISTAT {change.precedente} (Comune di {name}) non è più in vigore: {what}.",
        f"Scrivi {change.codice_istat} al posto di {change.precedente}"
        + (
            "."
            if change.comune_precedente == change.comune
            else f" e il nome {change.comune}; se la riga di {change.comune} c'è già, riunisci "
            "i dati in una riga sola e cancella l'altra."
        ),
        where,
        severity=W,
    )


def _unit_not_in_force(context: RuleContext, uts: str) -> Diagnostic:
    """PW401 warning: ``codice_uts`` of no unit in force (e.g. a Sardinian unit of 2025)."""
    progetto = context.project.progetto
    assert progetto is not None
    where = context.at(progetto, ("provincia", "codice_uts"))
    retired = retired_unit(uts)
    if retired is None:
        return finding(
            "PW401",
            f"Il codice_uts «{uts}» non è di nessuna unità dell'elenco ISTAT (situazione al "
            f"{ISTAT_SITUATION}): i codici dei Comuni non si possono controllare.",
            'Scrivi il codice di 3 cifre della Provincia nell\'elenco ISTAT (es. "108"), '
            "oppure togli «codice_uts» se la Provincia non è nell'elenco.",
            where,
            severity=W,
        )
    successors = [f"{denomination(u.nome, u)} («{u.codice_uts}»)" for u in retired.successori]
    units = "a questa unità" if len(successors) == 1 else "a queste unità"
    return finding(
        "PW401",
        f"Il codice_uts «{uts}» ({retired.nome}) non è più in vigore: dal {retired.dal} i "
        f"suoi Comuni sono passati {units}: {join(successors)}.",
        "Scrivi il codice_uts dell'unità in vigore della Provincia e aggiorna i codici dei "
        "Comuni in dati/comuni.csv (pwkit segnala quelli vecchi con il codice nuovo).",
        where,
        severity=W,
    )


def _foreign_code_hint(name: str, comuni: tuple[IstatComune, ...]) -> str:
    """How to fix a code that is not of the Provincia, naming the right one if known."""
    wanted = name.casefold().strip()
    for candidate in comuni:
        if candidate.comune.casefold() == wanted:
            return (
                f"Nell'elenco ISTAT il Comune di {candidate.comune} ha il codice "
                f"{candidate.codice_istat}: correggi la riga."
            )
    return (
        "Controlla il codice nell'elenco ISTAT dei Comuni della Provincia e togli le righe dei "
        "Comuni di altri territori. Se la Provincia non è nell'elenco ISTAT (un esempio o un "
        "caso di studio), togli «codice_uts» da progetto.yaml."
    )
