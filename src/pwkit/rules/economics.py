"""PW4xx: numbers and economics (Comuni CSV, survey, staff costs, financing, tariffs, money)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel

from pwkit import ISTAT_SITUATION
from pwkit.diagnostics import Diagnostic, Location
from pwkit.ente import denomination
from pwkit.istat import (
    CodeChange,
    IstatComune,
    IstatProvincia,
    code_in_force,
    comuni_codes,
    provinces,
    retired_unit,
)
from pwkit.italian import join, line_list, long_date, money, number, percent
from pwkit.loader import Path_
from pwkit.pack.catalogue import E, W, finding, grouped
from pwkit.parts import has
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule
from pwkit.schemas.analisi import BuonePratiche, Fabbisogni, Sintesi
from pwkit.schemas.attuazione import Monitoraggio
from pwkit.schemas.enums import CategoriaCosto, FonteFinanziamento, SiNo
from pwkit.schemas.servizio import (
    CatalogoServizi,
    Economia,
    Organizzazione,
    Piattaforme,
    Ruolo,
    Tariffa,
)

_SIX_DIGITS = re.compile(r"^[0-9]{6}$")
#: An SLA written as text with one number ("≤ 30", ">= 95,5"): the number it states.
_TEXT_NUMBER = re.compile(r"^\s*(?:[<>≤≥=]=?\s*)?(-?[0-9]+(?:[.,][0-9]+)?)\s*$")
_HUNDRED = Decimal(100)
_TWELVE = Decimal(12)
#: Amounts with more integer digits than this (a million billion euro) are not plausible.
_IMPLAUSIBLE_DIGITS = 15


# --- Italian formatting (Babel is imported only when a finding needs it) -----------------


def _plausible(*amounts: Decimal) -> bool:
    """No amount is negative or reaches a million billion euro: such figures are typos.

    Yearly sums skip projects holding one (PW408 reports the negative ones), so that the
    balance rules do not pile consequences on a typo and decimal arithmetic cannot overflow.
    """
    return all(
        a.is_finite() and a >= 0 and (a == 0 or a.adjusted() < _IMPLAUSIBLE_DIGITS) for a in amounts
    )


def _dec(value: float | int) -> Decimal:
    """A number read from YAML as an exact decimal (floats through ``str``)."""
    return Decimal(str(value))


# --- the Comuni CSV ----------------------------------------------------------------------


def _row_at(context: RuleContext, index: int) -> Location:
    """Where row ``index`` of the Comuni CSV is (its first column)."""
    lines = context.project.comuni_lines
    line = lines[index] if index < len(lines) else None
    return Location(context.project.comuni_file, line, 1 if line is not None else None)


def _comuni_count(context: RuleContext) -> int:
    """Comuni of the territory: distinct ISTAT codes in the CSV."""
    return len({c.codice_istat for c in context.project.comuni})


@rule("PW401")
def check_istat_codes(context: RuleContext) -> Iterator[Diagnostic]:
    """PW401: an ISTAT code repeated, not of 6 digits, or not of the real Provincia.

    Codes wrong for one cause are one finding listing their rows: a spreadsheet that drops
    the leading zeros does it to every code of the column.
    """
    project = context.project
    provincia = getattr(project.progetto, "provincia", None)
    uts = getattr(provincia, "codice_uts", None)
    unit = provinces().get(uts) if uts else None
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
            first_line = _row_at(context, first).line
            yield finding(
                "PW401",
                f"Il codice ISTAT {code} del Comune di {comune.comune} è già usato alla riga "
                f"{first_line} ({project.comuni[first].comune}).",
                "Ogni Comune compare una volta sola: correggi il codice di una delle due righe "
                "o cancella la riga ripetuta.",
                _row_at(context, index),
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
    return [_row_at(context, index) for index in indexes]


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
        return _code_not_in_force(comuni[index].comune, change, _row_at(context, index))
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


@rule("PW402")
def check_staff_ratio(context: RuleContext) -> Iterator[Diagnostic]:
    """PW402: staff per 1,000 inhabitants of a Comune outside the plausible range."""
    low, high = (_dec(v) for v in context.thresholds.staff_per_1000)
    for index, comune in enumerate(context.project.comuni):
        if not has(comune, "popolazione", "dipendenti"):
            continue  # a cell left empty or not valid (PW101, PW009)
        ratio = Decimal(comune.dipendenti) * 1000 / Decimal(comune.popolazione)
        if low <= ratio <= high:
            continue
        yield finding(
            "PW402",
            f"Il Comune di {comune.comune} ha {number(ratio, 1)} dipendenti ogni 1.000 "
            f"abitanti ({number(comune.dipendenti)} dipendenti su "
            f"{number(comune.popolazione)} abitanti), fuori dall'intervallo plausibile "
            f"{number(low)}–{number(high)}.",
            "Controlla popolazione e dipendenti della riga (cifre in più o in meno, popolazione "
            "in migliaia); se il dato è corretto, spiegane il motivo nella sezione sul contesto.",
            _row_at(context, index),
        )


# --- counts of Comuni and the survey -------------------------------------------------------


@rule("PW403")
def check_comuni_counts(context: RuleContext) -> Iterator[Diagnostic]:
    """PW403: Comuni targeted, interested or answering beyond those of the CSV."""
    if not context.project.comuni or not context.project.comuni_whole:
        return
    total = _comuni_count(context)
    csv_file = context.project.comuni_file
    hint = (
        f"Correggi il numero (al massimo {number(total)}) oppure aggiungi a {csv_file} i "
        "Comuni che mancano."
    )
    sintesi = context.project.get(Sintesi)
    if sintesi is not None and sintesi.comuni_target > total:
        yield finding(
            "PW403",
            f"I Comuni target della sintesi sono {number(sintesi.comuni_target)}, ma {csv_file} "
            f"elenca {number(total)} Comuni.",
            hint,
            context.at(sintesi, ("comuni_target",)),
        )
    fabbisogni = context.project.get(Fabbisogni)
    if fabbisogni is None:
        return
    manifest = context.project.manifest
    for index, need in enumerate(fabbisogni.fabbisogni):
        if need.comuni_interessati > total:
            yield finding(
                "PW403",
                f"Il fabbisogno dell'area «{manifest.label('Area', need.area)}» interessa "
                f"{number(need.comuni_interessati)} Comuni, ma {csv_file} ne elenca "
                f"{number(total)}.",
                hint,
                context.at(fabbisogni, ("fabbisogni", index, "comuni_interessati")),
            )
    answered = fabbisogni.rilevazione.comuni_rispondenti
    if answered > total:
        yield finding(
            "PW403",
            f"Alla rilevazione risultano {number(answered)} Comuni rispondenti, ma {csv_file} "
            f"elenca {number(total)} Comuni.",
            hint,
            context.at(fabbisogni, ("rilevazione", "comuni_rispondenti")),
        )


@rule("PW404")
def check_response_rate(context: RuleContext) -> Iterator[Diagnostic]:
    """PW404: fewer Comuni answered the needs survey than the minimum share."""
    fabbisogni = context.project.get(Fabbisogni)
    total = _comuni_count(context)
    if fabbisogni is None or total == 0 or not context.project.comuni_whole:
        return
    answered = fabbisogni.rilevazione.comuni_rispondenti
    minimum = _dec(context.thresholds.min_response_rate)
    if answered >= minimum * total:
        return
    yield finding(
        "PW404",
        f"Alla rilevazione dei fabbisogni hanno risposto {number(answered)} Comuni su "
        f"{number(total)} ({percent(Decimal(answered) / total)}), meno del "
        f"{percent(minimum)}.",
        "Sollecita i Comuni che non hanno risposto o integra con interviste e focus group; se "
        "il numero è giusto, spiega nel testo come hai completato il quadro dei fabbisogni.",
        context.at(fabbisogni, ("rilevazione", "comuni_rispondenti")),
    )


# --- costs, financing and tariffs by year --------------------------------------------------


def _months(role: Ruolo, year: int) -> int:
    """Months of ``year`` in which the role costs: from the month of ``dal``, inclusive."""
    if role.dal is None or year > role.dal.year:
        return 12
    if year < role.dal.year:
        return 0
    return 13 - role.dal.month


def _expected_personnel(roles: list[Ruolo], year: int) -> Decimal:
    """Σ fte × costo_annuo_fte × months / 12 over the roles, for ``year``."""
    return sum(
        (_dec(r.fte) * r.costo_annuo_fte * _months(r, year) / _TWELVE for r in roles),
        Decimal(0),
    )


def _within(actual: Decimal, expected: Decimal, tolerance: Decimal) -> bool:
    """``actual`` differs from ``expected`` by at most ``tolerance`` × ``expected``."""
    return abs(actual - expected) <= tolerance * expected


def _difference(actual: Decimal, expected: Decimal, tolerance: Decimal, reference: str) -> str:
    """How ``actual`` departs from ``expected`` (the ``reference``) and what is allowed.

    The gap is given in euro as well: rounded to a percentage it may read like the tolerance.
    """
    shown = money(expected)
    if not expected:
        return f"ma il {reference} è {shown}"
    gap = abs(actual - expected)
    side = "in più" if actual > expected else "in meno"
    return (
        f"{money(gap)} ({percent(gap / expected)}) {side} rispetto al {reference} "
        f"({shown}); lo scarto ammesso è del {percent(tolerance)} "
        f"({money(tolerance * expected)})"
    )


@rule("PW405")
def check_personnel_cost(context: RuleContext) -> Iterator[Diagnostic]:
    """PW405: a year's personnel cost lines far from roles × cost per FTE × months."""
    economia = context.project.get(Economia)
    organizzazione = context.project.get(Organizzazione)
    if economia is None or organizzazione is None:
        return
    if not (context.whole(economia, "costi") and context.whole(organizzazione, "ruoli")):
        return  # a total without a line left out as not valid would be wrong
    if not _plausible(
        *(c.importo for c in economia.costi), *(r.costo_annuo_fte for r in organizzazione.ruoli)
    ):
        return
    tolerance = _dec(context.thresholds.personnel_cost_tolerance)
    first: dict[int, int] = {}
    actual: dict[int, Decimal] = {}
    for index, cost in enumerate(economia.costi):
        if cost.categoria == CategoriaCosto.PERSONALE:
            first.setdefault(cost.anno, index)
            actual[cost.anno] = actual.get(cost.anno, Decimal(0)) + cost.importo
    for year in sorted(actual):
        expected = _expected_personnel(organizzazione.ruoli, year)
        if _within(actual[year], expected, tolerance):
            continue
        yield finding(
            "PW405",
            f"Nel {year} le voci di costo del personale sommano {money(actual[year])}, "
            f"{_difference(actual[year], expected, tolerance, 'costo dei ruoli')}.",
            f"Ricalcola il personale del {year} dai ruoli di 07-organizzazione.md: fte × "
            "costo_annuo_fte × mesi di servizio nell'anno ÷ 12, contando i mesi dal mese di "
            "«dal» compreso; oppure correggi fte, costo_annuo_fte o «dal» dei ruoli.",
            context.at(economia, ("costi", first[year])),
        )


@rule("PW406")
def check_financing_balance(context: RuleContext) -> Iterator[Diagnostic]:
    """PW406: a year's financing below its costs, or above the maximum multiple of them."""
    economia = context.project.get(Economia)
    if economia is None or not _whole(context, economia, "costi", "finanziamenti"):
        return
    if not _plausible(
        *(c.importo for c in economia.costi), *(f.importo for f in economia.finanziamenti)
    ):
        return
    ratio = _dec(context.thresholds.financing_max_ratio)
    first: dict[int, int] = {}
    costs: dict[int, Decimal] = {}
    for index, cost in enumerate(economia.costi):
        first.setdefault(cost.anno, index)
        costs[cost.anno] = costs.get(cost.anno, Decimal(0)) + cost.importo
    financing: dict[int, Decimal] = {}
    for line in economia.finanziamenti:
        financing[line.anno] = financing.get(line.anno, Decimal(0)) + line.importo
    for year in sorted(costs):
        spent, funded = costs[year], financing.get(year, Decimal(0))
        where = context.at(economia, ("costi", first[year]))
        if funded < spent:
            yield finding(
                "PW406",
                f"Nel {year} i finanziamenti ({money(funded)}) non coprono i costi "
                f"({money(spent)}): mancano {money(spent - funded)}.",
                f"Aggiungi o aumenta i finanziamenti del {year} (bilancio provinciale, quote dei "
                "Comuni, tasse di concorso, fondi esterni) oppure riduci i costi: il piano deve "
                "essere coperto anno per anno.",
                where,
            )
        elif funded > ratio * spent:
            yield finding(
                "PW406",
                f"Nel {year} i finanziamenti ({money(funded)}) superano di oltre "
                f"{number(ratio)} volte i costi ({money(spent)}).",
                f"Controlla di aver messo tutti i costi del {year} (ogni voce conta solo nel suo "
                "«anno»: ripetila per ogni anno) oppure riduci i finanziamenti sovrastimati.",
                where,
            )


def _whole(context: RuleContext, data: BaseModel, *lists: str) -> bool:
    """Whether no item of the named lists was left out as not valid (totals would be wrong)."""
    return all(context.whole(data, name) for name in lists)


def _volume(tariff: Tariffa, year: int) -> Decimal:
    """Units of the tariff in ``year``: ``volumi`` of the year, else ``volume_stimato``, else 0."""
    if tariff.volumi and year in tariff.volumi:
        return _dec(tariff.volumi[year])
    if tariff.volume_stimato is not None:
        return _dec(tariff.volume_stimato)
    return Decimal(0)


@rule("PW407")
def check_quote_comuni(context: RuleContext) -> Iterator[Diagnostic]:
    """PW407: a year's ``quote_comuni`` financing far from Σ tariff × volume."""
    economia = context.project.get(Economia)
    if economia is None or not _whole(context, economia, "tariffe", "finanziamenti"):
        return
    if not _plausible(
        *(t.importo for t in economia.tariffe), *(f.importo for f in economia.finanziamenti)
    ):
        return
    tolerance = _dec(context.thresholds.quote_comuni_tolerance)
    first: dict[int, int] = {}
    quotes: dict[int, Decimal] = {}
    for index, line in enumerate(economia.finanziamenti):
        if line.fonte == FonteFinanziamento.QUOTE_COMUNI:
            first.setdefault(line.anno, index)
            quotes[line.anno] = quotes.get(line.anno, Decimal(0)) + line.importo
    for year in sorted(quotes):
        parts = [(t, t.importo * _volume(t, year)) for t in economia.tariffe]
        expected = sum((amount for _, amount in parts), Decimal(0))
        if _within(quotes[year], expected, tolerance):
            continue
        detail = "; ".join(
            f"{t.servizio} {money(t.importo)} × {number(_volume(t, year))} = {money(amount)}"
            for t, amount in parts
            if amount
        )
        yield finding(
            "PW407",
            f"Nel {year} le quote dei Comuni sommano {money(quotes[year])}, "
            f"{_difference(quotes[year], expected, tolerance, 'ricavo di tariffe × volumi')}.",
            f"Allinea le quote_comuni del {year} a importo × volume delle tariffe (il volume "
            "dell'anno in «volumi», altrimenti «volume_stimato»)"
            + (f": {detail}." if detail else "; nessuna tariffa ha un ricavo in quell'anno."),
            context.at(economia, ("finanziamenti", first[year])),
        )


# --- money and percentages ------------------------------------------------------------------


def _money_fields(context: RuleContext) -> Iterator[tuple[BaseModel, Path_, str, Decimal]]:
    """Every amount of money in the project: holder, path, what it is, value."""
    project = context.project
    economia = project.get(Economia)
    if economia is not None:
        for i, cost in enumerate(economia.costi):
            yield (
                economia,
                ("costi", i, "importo"),
                f"L'importo della voce di costo «{cost.voce}»",
                cost.importo,
            )
        for i, line in enumerate(economia.finanziamenti):
            fonte = project.manifest.label("FonteFinanziamento", line.fonte)
            what = f"L'importo del finanziamento «{fonte}» del {line.anno}"
            yield economia, ("finanziamenti", i, "importo"), what, line.importo
        for i, tariff in enumerate(economia.tariffe):
            what = f"L'importo della tariffa del servizio {tariff.servizio}"
            yield economia, ("tariffe", i, "importo"), what, tariff.importo
    organizzazione = project.get(Organizzazione)
    if organizzazione is not None:
        for i, role in enumerate(organizzazione.ruoli):
            what = f"Il costo annuo per FTE del ruolo {role.id}"
            yield organizzazione, ("ruoli", i, "costo_annuo_fte"), what, role.costo_annuo_fte
    piattaforme = project.get(Piattaforme)
    if piattaforme is not None:
        for i, platform in enumerate(piattaforme.piattaforme):
            if platform.costo_annuo is not None:
                what = f"Il costo annuo della piattaforma {platform.id}"
                yield piattaforme, ("piattaforme", i, "costo_annuo"), what, platform.costo_annuo


def _decimals(value: Decimal) -> int:
    """Decimals as written (``12.500`` has 3)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True)
class _PercentValue:
    """A value whose unit is ``%``: where it is, what it is, as written and as a number."""

    data: BaseModel
    path: Path_
    what: str
    written: float | str
    number: Decimal | None


def _percent_values(context: RuleContext) -> Iterator[_PercentValue]:
    """KPI baselines and targets, and SLA values, whose unit is exactly ``%``."""
    monitoraggio = context.project.get(Monitoraggio)
    if monitoraggio is not None:
        for i, kpi in enumerate(monitoraggio.kpi):
            if kpi.unita.strip() != "%":
                continue
            base = kpi.baseline.valore
            yield _PercentValue(
                monitoraggio,
                ("kpi", i, "baseline", "valore"),
                f"La baseline del KPI {kpi.id}",
                base,
                _dec(base),
            )
            for j, target in enumerate(kpi.target):
                yield _PercentValue(
                    monitoraggio,
                    ("kpi", i, "target", j, "valore"),
                    f"Il target del KPI {kpi.id} al {long_date(target.data)}",
                    target.valore,
                    _dec(target.valore),
                )
    catalogo = context.project.get(CatalogoServizi)
    if catalogo is not None:
        for i, service in enumerate(catalogo.servizi):
            for j, sla in enumerate(service.sla):
                if sla.unita.strip() == "%":
                    yield _PercentValue(
                        catalogo,
                        ("servizi", i, "sla", j, "valore"),
                        f"Il livello di servizio «{sla.indicatore}» del servizio {service.id}",
                        sla.valore,
                        _sla_number(sla.valore),
                    )


def _sla_number(value: float | str) -> Decimal | None:
    """The number an SLA states: a number, or text such as "≤ 30" (``None`` if none)."""
    if not isinstance(value, str):
        return _dec(value)
    match = _TEXT_NUMBER.match(value)
    return Decimal(match.group(1).replace(",", ".")) if match else None


@rule("PW408")
def check_money(context: RuleContext) -> Iterator[Diagnostic]:
    """PW408: money negative or with more than 2 decimals; a ``%`` value outside 0–100."""
    for data, path, what, value in _money_fields(context):
        if value < 0:
            yield finding(
                "PW408",
                f"{what} è negativo: {money(value)}.",
                "Gli importi sono in euro e non negativi: una minore spesa o un'entrata va "
                "scritta come finanziamento, non come costo negativo.",
                context.at(data, path),
            )
        elif _decimals(value) > 2:
            yield finding(
                "PW408",
                f"{what} ha più di due decimali: {value}.",
                "Scrivi l'importo con al massimo due decimali e il punto come separatore "
                "decimale, senza separatore delle migliaia (1234.50, non 1.234,50).",
                context.at(data, path),
            )
    for item in _percent_values(context):
        if item.number is None or 0 <= item.number <= _HUNDRED:
            continue
        written = f" («{item.written}»)" if isinstance(item.written, str) else ""
        yield finding(
            "PW408",
            f"{item.what} è {number(item.number)}%{written}, fuori dall'intervallo 0–100.",
            "Una percentuale sta tra 0 e 100: correggi il valore, oppure cambia l'unità di "
            "misura se non è una percentuale.",
            context.at(item.data, item.path),
        )


# --- service level ----------------------------------------------------------------------------


@rule("PW409")
def check_target_level(context: RuleContext) -> Iterator[Diagnostic]:
    """PW409: ``livello_obiettivo`` lower than ``livello_attuale``."""
    pratiche = context.project.get(BuonePratiche)
    if pratiche is None or pratiche.livello_obiettivo >= pratiche.livello_attuale:
        return
    yield finding(
        "PW409",
        f"Il livello obiettivo ({pratiche.livello_obiettivo}) è più basso del livello attuale "
        f"({pratiche.livello_attuale}).",
        "Il progetto porta il servizio a un livello almeno uguale a quello di oggi: controlla "
        "di non aver scambiato livello_attuale e livello_obiettivo.",
        context.at(pratiche, ("livello_obiettivo",)),
    )


@rule("PW410")
def check_joining_comuni(context: RuleContext) -> Iterator[Diagnostic]:
    """PW410: Comuni marked ``aderente = si`` are not as many as ``comuni_target``."""
    if not context.project.comuni_whole:
        return
    marked = [c for c in context.project.comuni if c.aderente is not None]
    sintesi = context.project.get(Sintesi)
    if not marked or sintesi is None:
        return
    joining = sum(1 for c in marked if c.aderente is SiNo.SI)
    if joining != sintesi.comuni_target:
        csv_file = context.project.comuni_file
        yield finding(
            "PW410",
            f"In {csv_file} {number(joining)} Comuni hanno «aderente» = si, ma la sintesi "
            f"indica {number(sintesi.comuni_target)} Comuni target.",
            f"Allinea i due dati: correggi «comuni_target» oppure la colonna «aderente» di "
            f"{csv_file} (si per i Comuni a cui si rivolgono i servizi, no per gli altri).",
            context.at(sintesi, ("comuni_target",)),
        )
