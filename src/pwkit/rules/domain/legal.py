"""PW501, PW502, PW511: what the law asks of selezioni uniche, convenzioni and other norms."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import join
from pwkit.model.enums import Area, BaseGiuridica, ModalitaAccesso, Strumento
from pwkit.model.servizio import CatalogoServizi, Governance
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule

_CLAUSES = (
    "fini",
    "durata",
    "consultazione",
    "rapporti_finanziari",
    "obblighi_garanzie",
    "recesso",
)


def blank(text: str | None) -> bool:
    """Whether a text the template asks for is absent or only spaces."""
    return text is None or not text.strip()


@rule("PW501")
def check_selezioni_uniche(context: RuleContext) -> Iterator[Diagnostic]:
    """PW501: a selezioni_uniche service without DL80_3BIS or without accordo_3bis."""
    catalogue = context.project.get(CatalogoServizi)
    if catalogue is None:
        return
    for index, service in enumerate(catalogue.servizi):
        if service.area != Area.SELEZIONI_UNICHE:
            continue
        if BaseGiuridica.DL80_3BIS not in service.base_giuridica:
            yield finding(
                "PW501",
                f"Il servizio {service.id} è una selezione unica ma tra le basi giuridiche "
                "manca DL80_3BIS (DL 80/2021 art. 3-bis).",
                "Aggiungi DL80_3BIS a «base_giuridica»: è la norma che consente le selezioni "
                "uniche e gli elenchi di idonei per i Comuni.",
                context.at(catalogue, ("servizi", index, "base_giuridica")),
            )
        if service.modalita_accesso != ModalitaAccesso.ACCORDO_3BIS:
            yield finding(
                "PW501",
                f"Il servizio {service.id} è una selezione unica ma la modalità di accesso è "
                f"«{service.modalita_accesso}» invece di «accordo_3bis».",
                "Scrivi «modalita_accesso: accordo_3bis»: i Comuni partecipano alle selezioni "
                "uniche con l'accordo previsto dall'art. 3-bis del DL 80/2021.",
                context.at(catalogue, ("servizi", index, "modalita_accesso")),
            )


@rule("PW502")
def check_convenzione_clauses(context: RuleContext) -> Iterator[Diagnostic]:
    """PW502: a convenzione art. 30 TUEL without all six clauses."""
    governance = context.project.get(Governance)
    if governance is None or governance.strumento != Strumento.CONVENZIONE_ART30:
        return
    clausole = governance.clausole
    if clausole is None:
        yield finding(
            "PW502",
            "Lo strumento è una convenzione (art. 30 TUEL) ma mancano le clausole: "
            f"{join([f'«{c}»' for c in _CLAUSES])}.",
            "Aggiungi il blocco «clausole:» con fini, durata, consultazione, "
            "rapporti_finanziari, obblighi_garanzie e recesso, come nello schema di convenzione.",
            context.at(governance, ("strumento",)),
        )
        return
    missing = [name for name in _CLAUSES if blank(getattr(clausole, name))]
    if missing:
        clauses = join([f"«{c}»" for c in missing])
        several = len(missing) > 1
        yield finding(
            "PW502",
            f"Lo strumento è una convenzione (art. 30 TUEL) ma {'mancano' if several else 'manca'}"
            f" {'le clausole' if several else 'la clausola'} {clauses}.",
            f"Completa «clausole» scrivendo {clauses}: l'art. 30 del TUEL vuole che la "
            "convenzione stabilisca fini, durata, forme di consultazione, rapporti finanziari, "
            "obblighi e garanzie; il modello chiede anche il recesso.",
            context.at(governance, ("clausole",), key=True),
        )


@rule("PW511")
def check_legal_notes(context: RuleContext) -> Iterator[Diagnostic]:
    """PW511: a service with ALTRO among its legal bases but no ``note_giuridiche``."""
    catalogue = context.project.get(CatalogoServizi)
    if catalogue is None:
        return
    for index, service in enumerate(catalogue.servizi):
        if BaseGiuridica.ALTRO in service.base_giuridica and blank(service.note_giuridiche):
            yield finding(
                "PW511",
                f"Il servizio {service.id} ha ALTRO tra le basi giuridiche ma non ha note "
                "giuridiche.",
                "Aggiungi «note_giuridiche:» citando in chiaro la norma (atto, articolo, "
                "comma), oppure sostituisci ALTRO con il codice della norma se è nell'elenco.",
                context.at(catalogue, ("servizi", index, "base_giuridica")),
            )
