"""PW305, PW307, PW310: milestones in the plan, approvals before go-live, a go-live each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.base.italian import join, long_date, on_date, to_date
from pwkit.model.attuazione import Milestone, Piano
from pwkit.model.enums import TipoMilestone
from pwkit.model.project import has
from pwkit.model.servizio import CatalogoServizi
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule
from pwkit.rules.schedule.dates import between


@rule("PW305")
def check_milestones_in_plan(context: RuleContext) -> Iterator[Diagnostic]:
    """PW305: a milestone before the plan starts or after its last phase ends."""
    piano = context.project.get(Piano)
    if piano is None or not context.whole(piano, "fasi"):
        return
    first = min(phase.inizio for phase in piano.fasi)
    last = max(phase.fine for phase in piano.fasi)
    progetto = context.project.progetto
    # Without a readable progetto.yaml the start of the horizon is unknown: check only the end.
    known = progetto is not None and has(progetto, "data_redazione")
    start = min(first, progetto.data_redazione) if progetto is not None and known else None
    span = f"{between(start, last)}" if start is not None else f"fino {to_date(last)}"
    for index, milestone in enumerate(piano.milestone):
        if start is not None and milestone.data < start:
            where = f"prima dell'inizio del piano ({long_date(start)})"
        elif milestone.data > last:
            where = f"dopo la fine dell'ultima fase del piano ({long_date(last)})"
        else:
            continue
        yield finding(
            "PW305",
            f"La milestone {milestone.id} cade {on_date(milestone.data)}, {where}.",
            f"Il piano va {span}: correggi la data della milestone oppure estendi le fasi.",
            context.at(piano, ("milestone", index, "data")),
        )


_REQUIRED_MILESTONES = (
    TipoMilestone.APPROVAZIONE_PROVINCIA,
    TipoMilestone.APPROVAZIONE_COMUNI,
    TipoMilestone.AVVIO_SERVIZIO,
)


@rule("PW307")
def check_approval_milestones(context: RuleContext) -> Iterator[Diagnostic]:
    """PW307: a missing approval or go-live milestone; a go-live not after the approvals."""
    piano = context.project.get(Piano)
    if piano is None or not context.whole(piano, "milestone"):
        return
    present = {milestone.tipo for milestone in piano.milestone}
    missing = [kind for kind in _REQUIRED_MILESTONES if kind not in present]
    if missing:
        yield finding(
            "PW307",
            f"Il piano non ha milestone di tipo {join([f'«{k.value}»' for k in missing])}.",
            "Aggiungi in «milestone» le tappe dell'iter: approvazione della Provincia "
            "(approvazione_provincia), adesione dei Comuni (approvazione_comuni) e avvio dei "
            "servizi (avvio_servizio).",
            context.at(piano, ("milestone",), key=True),
        )
    province = _extreme(piano.milestone, TipoMilestone.APPROVAZIONE_PROVINCIA, latest=True)
    comuni = _extreme(piano.milestone, TipoMilestone.APPROVAZIONE_COMUNI, latest=False)
    if province is None and comuni is None:
        return
    for subject, start, where in _go_lives(context, piano):
        reasons = []
        if province is not None and start <= province.data:
            reasons.append(
                f"l'ultima approvazione della Provincia ({province.id}, {long_date(province.data)})"
            )
        if comuni is not None and start <= comuni.data:
            reasons.append(
                f"la prima approvazione dei Comuni ({comuni.id}, {long_date(comuni.data)})"
            )
        if not reasons:
            continue
        bound = max(m.data for m in (province, comuni) if m is not None and start <= m.data)
        yield finding(
            "PW307",
            f"{subject} {on_date(start)}, non dopo {join(reasons)}.",
            "Un servizio parte solo dopo l'approvazione della Provincia e l'adesione dei "
            f"Comuni: sposta l'avvio a dopo {on_date(bound)} oppure anticipa le approvazioni.",
            where,
        )


def _extreme(
    milestones: Sequence[Milestone], kind: TipoMilestone, *, latest: bool
) -> Milestone | None:
    """The latest (or earliest) milestone of a kind; the first listed among equal dates."""
    chosen: Milestone | None = None
    for milestone in milestones:
        if milestone.tipo != kind:
            continue
        if chosen is None or (
            milestone.data > chosen.data if latest else milestone.data < chosen.data
        ):
            chosen = milestone
    return chosen


def _go_lives(context: RuleContext, piano: Piano) -> Iterator[tuple[str, dt.date, Location]]:
    """Every go-live: each service's ``avvio`` and each ``avvio_servizio`` milestone."""
    catalogue = context.project.get(CatalogoServizi)
    if catalogue is not None:
        for index, service in enumerate(catalogue.servizi):
            yield (
                f"Il servizio {service.id} si avvia",
                service.avvio,
                context.at(catalogue, ("servizi", index, "avvio")),
            )
    for index, milestone in enumerate(piano.milestone):
        if milestone.tipo == TipoMilestone.AVVIO_SERVIZIO:
            yield (
                f"La milestone di avvio {milestone.id} cade",
                milestone.data,
                context.at(piano, ("milestone", index, "data")),
            )


@rule("PW310")
def check_go_live_milestones(context: RuleContext) -> Iterator[Diagnostic]:
    """PW310: a service without an ``avvio_servizio`` milestone (by name, else by date)."""
    catalogue = context.project.get(CatalogoServizi)
    piano = context.project.get(Piano)
    if catalogue is None or piano is None or not context.whole(piano, "milestone"):
        return
    go_lives = [m for m in piano.milestone if m.tipo == TipoMilestone.AVVIO_SERVIZIO]
    by_name = any(m.servizi for m in piano.milestone)
    named = {ident for m in go_lives for ident in m.servizi}
    for index, service in enumerate(catalogue.servizi):
        where = context.at(catalogue, ("servizi", index, "avvio"))
        if by_name and service.id not in named:
            yield finding(
                "PW310",
                f"Il servizio {service.id} non è elencato in nessuna milestone di avvio "
                "(tipo avvio_servizio).",
                f"Aggiungi {service.id} ai «servizi» della milestone avvio_servizio che lo "
                "avvia, oppure aggiungi una milestone avvio_servizio con data "
                f"{long_date(service.avvio)} e «servizi: [{service.id}]».",
                where,
            )
        elif not by_name and not any(m.data <= service.avvio for m in go_lives):
            yield finding(
                "PW310",
                f"Il servizio {service.id} si avvia {on_date(service.avvio)}, ma nessuna milestone "
                "di avvio (tipo avvio_servizio) cade in quella data o prima.",
                "Aggiungi in 11-piano.md una milestone avvio_servizio per l'avvio del "
                f"servizio, indicando {service.id} nel suo campo «servizi».",
                where,
            )
