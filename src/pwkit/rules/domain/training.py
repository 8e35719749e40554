"""PW508–PW509: hours of training per FTE, and the programme's competence areas covered."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import join, number
from pwkit.model.attuazione import Competenze, Piano
from pwkit.model.enums import DestinatariFormazione
from pwkit.model.servizio import Organizzazione
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


def _number(value: float | Fraction, digits: int = 1) -> str:
    """Italian number: ``1.152``, ``39,8`` (no trailing ``,0``)."""
    return number(float(value), digits)


def _plan_years(piano: Piano) -> Fraction:
    """Years of the plan: days from the first phase start to the last phase end ÷ 365.25."""
    start = min(f.inizio for f in piano.fasi)
    end = max(f.fine for f in piano.fasi)
    return max(Fraction((end - start).days) / Fraction("365.25"), Fraction(1))


@rule("PW508")
def check_training_hours(context: RuleContext) -> Iterator[Diagnostic]:
    """PW508: training of the service's staff below the yearly hours per FTE."""
    competenze = context.project.get(Competenze)
    organizzazione = context.project.get(Organizzazione)
    piano = context.project.get(Piano)
    if competenze is None or organizzazione is None or piano is None:
        return
    if not (
        context.whole(competenze, "azioni_formative")
        and context.whole(organizzazione, "ruoli")
        and context.whole(piano, "fasi")
    ):
        return  # a total without an item left out as not valid would be wrong
    hours = sum(
        (
            Fraction(str(a.ore)) * a.partecipanti
            for a in competenze.azioni_formative
            if a.destinatari == DestinatariFormazione.STAFF_PROVINCIALE
        ),
        Fraction(0),
    )
    fte = sum((Fraction(str(r.fte)) for r in organizzazione.ruoli), Fraction(0))
    if fte <= 0:
        return
    years = _plan_years(piano)
    per_fte = hours / fte / years
    wanted = context.thresholds.training_hours_per_fte
    if per_fte >= Fraction(str(wanted)):
        return
    shown = Fraction(math.floor(per_fte * 10), 10)  # rounded down: 39.97 is not "40"
    yield finding(
        "PW508",
        f"La formazione dello staff provinciale è di {_number(shown)} ore per FTE all'anno "
        f"({_number(hours)} ore ÷ {_number(fte, 2)} FTE ÷ {_number(years, 2)} anni di piano), "
        f"sotto le {_number(wanted)} previste.",
        f"Aumenta ore o partecipanti delle azioni per lo «staff_provinciale» fino ad almeno "
        f"{_number(wanted)} ore l'anno per FTE (Direttiva del Ministro per la pubblica "
        "amministrazione del 14 gennaio 2025).",
        context.at(competenze, ("azioni_formative",), key=True),
    )


@rule("PW509")
def check_competence_areas(context: RuleContext) -> Iterator[Diagnostic]:
    """PW509: the programme's competence areas not all covered by the training plan."""
    competenze = context.project.get(Competenze)
    if competenze is None or not context.whole(competenze, "azioni_formative"):
        return
    covered = {str(a.ambito) for a in competenze.azioni_formative}
    missing = [c for c in context.thresholds.programme_competences if c not in covered]
    if not missing:
        return
    names = join([f"«{c}»" for c in missing])
    where = "negli ambiti" if len(missing) > 1 else "nell'ambito"
    yield finding(
        "PW509",
        f"Il piano formativo non ha azioni {where} {names}.",
        "Aggiungi almeno un'azione formativa per ciascun ambito di competenza del programma "
        f"({join(context.thresholds.programme_competences)}), per lo staff provinciale o per "
        "il personale dei Comuni.",
        context.at(competenze, ("azioni_formative",), key=True),
    )
