"""PW512, PW513: anticorruption measures and privacy roles of recruitment services (1.1.0)."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.model.edizione11 import CatalogoServiziTutele
from pwkit.model.enums import Area, RuoloPrivacy
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule

#: Services in which the Provincia runs selections or concorsi.
_RECRUITMENT = (Area.RECLUTAMENTO, Area.SELEZIONI_UNICHE)


@rule("PW512")
def check_anticorruption_measures(context: RuleContext) -> Iterator[Diagnostic]:
    """PW512: a service of concorsi or selezioni uniche with no anticorruption measure."""
    catalogue = context.project.get(CatalogoServiziTutele)
    if catalogue is None:
        return
    for index, service in enumerate(catalogue.servizi):
        if service.area not in _RECRUITMENT or service.misure_anticorruzione:
            continue
        yield finding(
            "PW512",
            f"Il servizio {service.id} svolge {_what(service.area)} ma non indica misure di "
            "prevenzione della corruzione e di trasparenza.",
            "Elenca in «misure_anticorruzione» le misure del servizio: dichiarazioni dei "
            "commissari su condanne (art. 35-bis D.Lgs. 165/2001) e conflitti di interessi "
            "(art. 6-bis L. 241/1990), rotazione dei commissari, pubblicazione di bandi, "
            "commissioni e graduatorie (art. 19 D.Lgs. 33/2013).",
            context.at(catalogue, ("servizi", index, "misure_anticorruzione"), key=True)
            if "misure_anticorruzione" in service.model_fields_set
            else context.at(catalogue, ("servizi", index, "area")),
        )


@rule("PW513")
def check_privacy_role(context: RuleContext) -> Iterator[Diagnostic]:
    """PW513: a service of concorsi or selezioni uniche where the Provincia is processor only."""
    catalogue = context.project.get(CatalogoServiziTutele)
    if catalogue is None:
        return
    for index, service in enumerate(catalogue.servizi):
        roles = set(service.trattamento_dati.ruolo_provincia)
        if service.area not in _RECRUITMENT or roles != {RuoloPrivacy.RESPONSABILE}:
            continue
        yield finding(
            "PW513",
            f"Nel servizio {service.id} ({_what(service.area)}) la Provincia è indicata solo "
            "come responsabile del trattamento (art. 28 GDPR), ma la procedura è sua: decide "
            "bando, prove e commissione e tratta i dati dei candidati per conto proprio.",
            "Indica in «ruolo_provincia» titolare, o contitolare con i Comuni (art. 26 GDPR, "
            "con un accordo di contitolarità) per gli elenchi di idonei e le selezioni condivise; "
            "responsabile si addice ai servizi svolti sui dati del Comune, come le paghe.",
            context.at(catalogue, ("servizi", index, "trattamento_dati", "ruolo_provincia")),
        )


def _what(area: Area) -> str:
    return "selezioni uniche" if area == Area.SELEZIONI_UNICHE else "concorsi"
