"""PW306, PW308: the delivery before the programme's deadline, and a plan long enough after it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import E, W, finding
from pwkit.base.italian import add_months, long_date, on_date, to_date
from pwkit.model.attuazione import Piano
from pwkit.model.enums import Stato, TipoMilestone
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule

#: States in which the project says it has been delivered.
_DELIVERED = (Stato.CONSEGNATO, Stato.APPROVATO)


#: How a ``consegna`` milestone names the delivery of the Project Work itself (the others are
#: later reports).
_PROJECT_WORK = re.compile(r"\bproject[\s-]*work\b|\bpw\b", re.IGNORECASE)


@rule("PW306")
def check_delivery_deadline(context: RuleContext) -> Iterator[Diagnostic]:
    """PW306: the Project Work delivered, or planned to be, after the programme deadline.

    The delivery date is ``data_redazione`` of a project that says it is delivered
    (``consegnato`` or ``approvato``: an error), and the date of the plan's ``consegna``
    milestone of the Project Work: an error once the project says it is delivered, a warning
    while it is a draft (the officer learns that the plan is late; an extension is possible).
    """
    deadline = context.project.calendar.deadline
    progetto = context.project.progetto
    stato = getattr(progetto, "stato", None)
    delivered = stato in _DELIVERED
    written = getattr(progetto, "data_redazione", None)
    if progetto is not None and delivered and written is not None and written > deadline:
        yield finding(
            "PW306",
            f"Il progetto risulta {stato}, ma la data di redazione "
            f"({long_date(written)}) è successiva alla scadenza del programma "
            f"({long_date(deadline)}).",
            "Se il documento è stato consegnato entro la scadenza, correggi «data_redazione»; "
            "se è ancora in lavorazione, indica «stato: bozza».",
            context.at(progetto, ("data_redazione",)),
        )
    piano = context.project.get(Piano)
    if piano is None:
        return
    for index, milestone in enumerate(piano.milestone):
        if milestone.tipo != TipoMilestone.CONSEGNA or milestone.data <= deadline:
            continue
        if not _PROJECT_WORK.search(milestone.nome):
            continue
        late = (
            f"La milestone {milestone.id} («{milestone.nome}») porta la consegna del Project "
            f"Work {on_date(milestone.data)}, dopo la scadenza del programma "
            f"({long_date(deadline)})"
        )
        yield finding(
            "PW306",
            f"{late}, ma il progetto risulta {stato}." if delivered else f"{late}.",
            f"Il Project Work va consegnato entro {on_date(deadline)}: anticipa la data della "
            "milestone; se il programma ha concesso una proroga, scrivilo nel testo del piano.",
            context.at(piano, ("milestone", index, "data")),
            severity=E if delivered else W,
        )


@rule("PW308")
def check_plan_length(context: RuleContext) -> Iterator[Diagnostic]:
    """PW308: the plan ends less than N months after the end of the programme's last phase."""
    piano = context.project.get(Piano)
    phases = context.project.calendar.phases
    if piano is None or not phases or not context.whole(piano, "fasi"):
        return
    months = context.thresholds.months_after_programme
    programme_end = max(phase.end for phase in phases)
    needed = add_months(programme_end, months)
    last = max(range(len(piano.fasi)), key=lambda i: piano.fasi[i].fine)
    end = piano.fasi[last].fine
    if end < needed:
        yield finding(
            "PW308",
            f"Il piano finisce {on_date(end)}: copre meno di {months} mesi dopo la fine del "
            f"programma ({long_date(programme_end)}).",
            f"Fai arrivare le fasi del piano almeno {to_date(needed)}, così da mostrare il primo "
            "anno di esercizio dei servizi.",
            context.at(piano, ("fasi", last, "fine")),
        )
