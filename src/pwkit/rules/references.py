"""PW2xx: identities and references between sections."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.model.analisi import Obiettivi, Sintesi
from pwkit.model.attuazione import Monitoraggio, Piano, Rischi
from pwkit.model.common import ID_KINDS, ID_PATTERN, IdDef, IdRef
from pwkit.model.introspect import IdUse, defining_models, walk_ids
from pwkit.model.project import has
from pwkit.model.sections import SECTION_MODELS
from pwkit.model.servizio import CatalogoServizi, Economia, Organizzazione
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


class _Index(NamedTuple):
    """Ids of the project: definitions by value, and which kinds are fully known."""

    uses: list[IdUse]
    defined: dict[str, IdUse]
    known_kinds: set[str]
    left_out: set[str]
    """Ids defined by items left out as not valid: references to them are not unknown."""


def _index(context: RuleContext) -> _Index:
    index = context.shared.get("ids")
    if not isinstance(index, _Index):
        index = context.shared["ids"] = _build_index(context)
    return index


def _build_index(context: RuleContext) -> _Index:
    uses = [use for s in context.project.sections if s.data for use in walk_ids(s.data)]
    defined: dict[str, IdUse] = {}
    for use in uses:
        if isinstance(use.marker, IdDef):
            defined.setdefault(use.value, use)
    present = {type(s.data) for s in context.project.sections if s.data is not None}
    bound = {SECTION_MODELS.get(s.spec.model) for s in context.project.sections}
    # a kind is known when every section of this template that defines it is there (a schema
    # of another template version defining the same kind does not count)
    known = {
        kind
        for kind, models in defining_models().items()
        if models & bound and models & bound <= present
    }
    left_out = context.project.left_out.values()
    known -= {kind for record in left_out for kind in record.unknown_kinds}
    return _Index(uses, defined, known, {ident for record in left_out for ident in record.defines})


def _kind_of(value: str) -> str | None:
    match = ID_PATTERN.match(value)
    return match.group(1) if match else None


def _name(kind: str) -> str:
    return ID_KINDS.get(kind, kind)


@rule("PW201")
def check_ids(context: RuleContext) -> Iterator[Diagnostic]:
    """PW201: an id with the wrong prefix for its kind, or used twice in the project."""
    seen: dict[str, IdUse] = {}
    for use in _index(context).uses:
        if not isinstance(use.marker, IdDef):
            continue
        kind = use.marker.kind
        if _kind_of(use.value) != kind:
            yield finding(
                "PW201",
                f"L'identificativo «{use.value}» di un {_name(kind)} non è valido.",
                f"Gli identificativi di {_name(kind)} sono «{kind}» seguito da un numero, "
                f"senza spazi: {kind}1, {kind}2…",
                context.at(use.data, use.path),
            )
        elif use.value in seen:
            first = seen[use.value]
            yield finding(
                "PW201",
                f"L'identificativo «{use.value}» è già usato ({_where(context, first)}).",
                "Ogni identificativo deve essere unico in tutto il progetto: rinumera questo.",
                context.at(use.data, use.path),
            )
        else:
            seen[use.value] = use


def _where(context: RuleContext, use: IdUse) -> str:
    location = context.at(use.data, use.path)
    return f"{location.file}, riga {location.line}"


@rule("PW202")
def check_references(context: RuleContext) -> Iterator[Diagnostic]:
    """PW202: a reference to an id that does not exist, or of the wrong kind."""
    index = _index(context)
    for use in index.uses:
        if not isinstance(use.marker, IdRef):
            continue
        wanted = use.marker.kinds
        wanted_names = " o ".join(_name(k) for k in wanted)
        target = index.defined.get(use.value)
        if target is not None and isinstance(target.marker, IdDef):
            if target.marker.kind not in wanted:
                yield finding(
                    "PW202",
                    f"«{use.value}» è un {_name(target.marker.kind)}, ma qui serve un "
                    f"{wanted_names}.",
                    f"Indica l'identificativo di un {wanted_names}.",
                    context.at(use.data, use.path),
                )
            continue
        kind = _kind_of(use.value)
        if kind is not None and kind not in wanted:
            yield finding(
                "PW202",
                f"«{use.value}» non è l'identificativo di un {wanted_names}.",
                f"Qui serve un {wanted_names} ({', '.join(k + '1' for k in wanted)}…).",
                context.at(use.data, use.path),
            )
        elif all(k in index.known_kinds for k in wanted) and use.value not in index.left_out:
            yield finding(
                "PW202",
                f"Il riferimento «{use.value}» non corrisponde a nessun {wanted_names} "
                "del progetto.",
                "Correggi l'identificativo o definisci l'elemento nella sezione che lo elenca.",
                context.at(use.data, use.path),
            )


@rule("PW203")
def check_services(context: RuleContext) -> Iterator[Diagnostic]:
    """PW203: a service without KPI, without a tariff entry, or without a responsible role."""
    catalogue = context.project.get(CatalogoServizi)
    if catalogue is None:
        return
    economia = context.project.get(Economia)
    if economia is not None and not has(economia, "tariffe"):
        economia = None  # the tariffs were left out as not valid: nothing to compare with
    priced = {t.servizio for t in economia.tariffe} if economia else set()
    for index, service in enumerate(catalogue.servizi):
        where = context.at(catalogue, ("servizi", index, "id"))
        if not service.kpi:
            yield finding(
                "PW203",
                f"Il servizio {service.id} non ha KPI.",
                "Indica in «kpi» almeno un KPI (K…) della sezione Monitoraggio che lo misura.",
                where,
            )
        if economia is not None and service.id not in priced and not context.mentioned(service.id):
            yield finding(
                "PW203",
                f"Il servizio {service.id} non ha una tariffa.",
                "Aggiungi in 10-economia.md una voce di «tariffe» per il servizio (anche con "
                "modello «gratuito» e importo 0).",
                where,
            )
        if service.responsabile is None:
            yield finding(
                "PW203",
                f"Il servizio {service.id} non ha un responsabile.",
                "Indica in «responsabile» il ruolo (RU…) della sezione Organizzazione che ne "
                "risponde.",
                where,
            )


@rule("PW204")
def check_orphans(context: RuleContext) -> Iterator[Diagnostic]:
    """PW204: a KPI that nothing names; a role that is nobody's responsibility."""
    project = context.project
    monitoraggio = project.get(Monitoraggio)
    catalogue = project.get(CatalogoServizi)
    obiettivi = project.get(Obiettivi)
    sintesi = project.get(Sintesi)
    if monitoraggio and catalogue and obiettivi and sintesi:
        named = {k for s in catalogue.servizi for k in s.kpi}
        named |= {k for o in obiettivi.obiettivi_specifici for k in o.kpi}
        named |= set(sintesi.kpi_chiave)
        for index, kpi in enumerate(monitoraggio.kpi):
            if kpi.id not in named and not context.mentioned(kpi.id):
                yield finding(
                    "PW204",
                    f"Il KPI {kpi.id} («{kpi.nome}») non è collegato a nessun servizio, "
                    "obiettivo specifico o KPI chiave.",
                    "Collegalo dove misura qualcosa (kpi di un servizio o di un obiettivo) "
                    "oppure toglilo.",
                    context.at(monitoraggio, ("kpi", index, "id")),
                )
    organizzazione = project.get(Organizzazione)
    holders: list[BaseModel | None] = [
        catalogue,
        project.get(Piano),
        project.get(Rischi),
        monitoraggio,
    ]
    if organizzazione is None or any(h is None for h in holders):
        return
    responsible = {
        use.value
        for holder in holders
        if holder is not None
        for use in walk_ids(holder)
        if use.path[-1] == "responsabile"
    }
    for index, role in enumerate(organizzazione.ruoli):
        if role.id not in responsible and not role.servizi and not context.mentioned(role.id):
            yield finding(
                "PW204",
                f"Il ruolo {role.id} («{role.ruolo}») non è responsabile di nulla e non "
                "segue alcun servizio.",
                "Indicalo come «responsabile» di un servizio, un'attività, un rischio o un KPI, "
                "oppure elenca in «servizi» i servizi che segue.",
                context.at(organizzazione, ("ruoli", index, "id")),
            )


@rule("PW205")
def check_objectives(context: RuleContext) -> Iterator[Diagnostic]:
    """PW205: a specific objective without KPI or without an expected result."""
    obiettivi = context.project.get(Obiettivi)
    if obiettivi is None:
        return
    with_results = {r.obiettivo for r in obiettivi.risultati_attesi}
    for index, objective in enumerate(obiettivi.obiettivi_specifici):
        where = context.at(obiettivi, ("obiettivi_specifici", index, "id"))
        if not objective.kpi:
            yield finding(
                "PW205",
                f"L'obiettivo specifico {objective.id} non ha KPI.",
                "Indica in «kpi» almeno un KPI (K…) che ne misura il raggiungimento.",
                where,
            )
        if objective.id not in with_results and not context.mentioned(objective.id):
            yield finding(
                "PW205",
                f"L'obiettivo specifico {objective.id} non ha risultati attesi.",
                f"Aggiungi in «risultati_attesi» almeno una voce con «obiettivo: {objective.id}».",
                where,
            )


@rule("PW206")
def check_priorities(context: RuleContext) -> Iterator[Diagnostic]:
    """PW206: a priority-1 service missing from the summary's priority services."""
    catalogue = context.project.get(CatalogoServizi)
    sintesi = context.project.get(Sintesi)
    if catalogue is None or sintesi is None:
        return
    listed = set(sintesi.servizi_prioritari)
    for index, service in enumerate(catalogue.servizi):
        if service.priorita == 1 and service.id not in listed and not context.mentioned(service.id):
            yield finding(
                "PW206",
                f"Il servizio {service.id} ha priorità 1 ma non è tra i servizi prioritari "
                "della sintesi.",
                f"Aggiungi {service.id} a «servizi_prioritari» in 01-sintesi.md, oppure "
                "abbassane la priorità.",
                context.at(catalogue, ("servizi", index, "priorita")),
            )
