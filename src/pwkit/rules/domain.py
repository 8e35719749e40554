"""PW5xx: domain and legal consistency (norms, platforms, governance, risks, training, timing)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction

from pwkit.diagnostics import Diagnostic
from pwkit.italian import add_months, join, long_date, number, on_date
from pwkit.pack.catalogue import W, finding
from pwkit.rules.context import RuleContext
from pwkit.rules.prose import without_guidance
from pwkit.rules.registry import rule
from pwkit.schemas.attuazione import Competenze, Piano, Rischi
from pwkit.schemas.enums import (
    Area,
    BaseGiuridica,
    DestinatariFormazione,
    FunzionePiattaforma,
    ModalitaAccesso,
    Strategia,
    Strumento,
    TipoMilestone,
    TipoOrgano,
)
from pwkit.schemas.servizio import (
    CatalogoServizi,
    Governance,
    Organizzazione,
    Piattaforme,
    Servizio,
)

_RECRUITMENT = (Area.RECLUTAMENTO, Area.SELEZIONI_UNICHE)
_CLAUSES = (
    "fini",
    "durata",
    "consultazione",
    "rapporti_finanziari",
    "obblighi_garanzie",
    "recesso",
)


def _number(value: float | Fraction, digits: int = 1) -> str:
    """Italian number: ``1.152``, ``39,8`` (no trailing ``,0``)."""
    return number(float(value), digits)


def _blank(text: str | None) -> bool:
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
    missing = [name for name in _CLAUSES if _blank(getattr(clausole, name))]
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


def _services_of(catalogue: CatalogoServizi, areas: Sequence[Area]) -> list[tuple[int, Servizio]]:
    return [(i, s) for i, s in enumerate(catalogue.servizi) if s.area in areas]


def _section_text(context: RuleContext, data: Piattaforme) -> str:
    """The section's prose as written, guidance comments removed (headings count)."""
    for section in context.project.sections:
        if section.data is data and section.body is not None:
            return without_guidance(section.body.text)
    return ""


@rule("PW503")
def check_recruitment_platform(context: RuleContext) -> Iterator[Diagnostic]:
    """PW503: recruitment services without a candidature_prove platform (E) or without inPA (W).

    The error is one finding for the project, at the ``area`` of the first recruitment
    service, naming all of them; the warning is at section 9's ``piattaforme`` key.
    """
    catalogue = context.project.get(CatalogoServizi)
    piattaforme = context.project.get(Piattaforme)
    if catalogue is None or piattaforme is None:
        return
    if not context.whole(piattaforme, "piattaforme"):
        return  # the platform left out as not valid may be the one looked for
    recruiting = _services_of(catalogue, _RECRUITMENT)
    if not recruiting:
        return
    ids = join([s.id for _, s in recruiting])
    functions = {p.funzione for p in piattaforme.piattaforme}
    if FunzionePiattaforma.CANDIDATURE_PROVE not in functions:
        first = recruiting[0][0]
        subject = f"I servizi {ids} sono" if len(recruiting) > 1 else f"Il servizio {ids} è"
        yield finding(
            "PW503",
            f"{subject} di reclutamento, ma nessuna piattaforma ha la funzione "
            "«candidature_prove».",
            "In 09-piattaforme.md aggiungi (o correggi) la piattaforma per candidature e prove "
            f"con «funzione: candidature_prove» e indica {ids} nei suoi «servizi»: ad esempio "
            "il portale inPA o una piattaforma concorsi.",
            context.at(catalogue, ("servizi", first, "area")),
        )
    names = " ".join(p.nome for p in piattaforme.piattaforme)
    if "inpa" not in f"{names} {_section_text(context, piattaforme)}".casefold():
        yield finding(
            "PW503",
            f"Il catalogo ha servizi di reclutamento ({ids}) ma la sezione sulle piattaforme "
            "non nomina mai il portale inPA.",
            "Indica come usate inPA: i bandi di concorso vanno pubblicati sul portale (art. "
            "35-ter del D.Lgs. 165/2001, DPR 82/2023). Aggiungilo tra le piattaforme o "
            "spiegalo nel testo (i commenti di guida non contano).",
            context.at(piattaforme, ("piattaforme",), key=True),
            severity=W,
        )


@rule("PW504")
def check_payroll_platform(context: RuleContext) -> Iterator[Diagnostic]:
    """PW504: a gestione_economica service but no paghe_presenze platform.

    One finding for the project, at the ``area`` of the first payroll service.
    """
    catalogue = context.project.get(CatalogoServizi)
    piattaforme = context.project.get(Piattaforme)
    if catalogue is None or piattaforme is None or not context.whole(piattaforme, "piattaforme"):
        return
    payroll = _services_of(catalogue, (Area.GESTIONE_ECONOMICA,))
    if not payroll or any(
        p.funzione == FunzionePiattaforma.PAGHE_PRESENZE for p in piattaforme.piattaforme
    ):
        return
    ids = join([s.id for _, s in payroll])
    subject = f"I servizi {ids} sono" if len(payroll) > 1 else f"Il servizio {ids} è"
    yield finding(
        "PW504",
        f"{subject} di gestione economica (paghe), ma nessuna piattaforma ha la funzione "
        "«paghe_presenze».",
        "In 09-piattaforme.md aggiungi il software paghe e presenze con «funzione: "
        f"paghe_presenze» (anche «da_acquisire») e indica {ids} nei suoi «servizi».",
        context.at(catalogue, ("servizi", payroll[0][0], "area")),
    )


@rule("PW505")
def check_governance_bodies(context: RuleContext) -> Iterator[Diagnostic]:
    """PW505: governance without a politico body and a tecnico body."""
    governance = context.project.get(Governance)
    if governance is None or not context.whole(governance, "organi"):
        return
    kinds = {o.tipo for o in governance.organi}
    missing = [k for k in (TipoOrgano.POLITICO, TipoOrgano.TECNICO) if k not in kinds]
    if not missing:
        return
    what = join([f"un organo di tipo «{k}»" for k in missing])
    examples = {
        TipoOrgano.POLITICO: "un organo politico di indirizzo (es. Conferenza dei Sindaci)",
        TipoOrgano.TECNICO: "un organo tecnico di coordinamento (es. Comitato tecnico con i "
        "Segretari comunali)",
    }
    yield finding(
        "PW505",
        f"Tra gli organi di governo {'mancano' if len(missing) > 1 else 'manca'} {what}.",
        f"Aggiungi in «organi» {join([examples[k] for k in missing])}, oppure correggi il "
        "«tipo» di un organo esistente.",
        context.at(governance, ("organi",), key=True),
    )


@rule("PW506")
def check_high_risks(context: RuleContext) -> Iterator[Diagnostic]:
    """PW506: a high-exposure risk accepted (E) or without contingency plan (W)."""
    rischi = context.project.get(Rischi)
    if rischi is None:
        return
    high = context.thresholds.high_exposure
    for index, risk in enumerate(rischi.rischi):
        exposure = risk.probabilita * risk.impatto
        if exposure < high:
            continue
        label = (
            f"Il rischio {risk.id} (esposizione {risk.probabilita} × {risk.impatto} = {exposure})"
        )
        if risk.strategia == Strategia.ACCETTARE:
            yield finding(
                "PW506",
                f"{label} è alto ma la strategia è «accettare».",
                f"Con esposizione da {high} in su scegli «evitare», «mitigare» o «trasferire» "
                "e descrivi le azioni in «mitigazione»; se il rischio è sopravvalutato, rivedi "
                "probabilità e impatto.",
                context.at(rischi, ("rischi", index, "strategia")),
            )
        if _blank(risk.contingenza):
            yield finding(
                "PW506",
                f"{label} è alto ma non ha un piano di contingenza.",
                "Aggiungi «contingenza:» con che cosa farete se il rischio si verifica (chi "
                "decide, quale alternativa, in quali tempi).",
                context.at(rischi, ("rischi", index, "id")),
                severity=W,
            )


@rule("PW507")
def check_risk_register(context: RuleContext) -> Iterator[Diagnostic]:
    """PW507: fewer risks, or fewer categories, than the template asks."""
    rischi = context.project.get(Rischi)
    if rischi is None or not context.whole(rischi, "rischi"):
        return
    thresholds = context.thresholds
    count = len(rischi.rischi)
    categories = len({r.categoria for r in rischi.rischi})
    problems = []
    if count < thresholds.min_risks:
        problems.append(
            f"{count} {'rischio' if count == 1 else 'rischi'} "
            f"(ne servono almeno {thresholds.min_risks})"
        )
    if categories < thresholds.min_risk_categories:
        problems.append(
            f"{categories} {'categoria' if categories == 1 else 'categorie'} (ne servono "
            f"almeno {thresholds.min_risk_categories})"
        )
    if problems:
        yield finding(
            "PW507",
            f"Il registro dei rischi ha {join(problems)}.",
            "Completa il registro considerando anche i rischi istituzionali, giuridici, "
            "organizzativi, finanziari, tecnologici, di adesione dei Comuni e reputazionali.",
            context.at(rischi, ("rischi",), key=True),
        )


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


@rule("PW510")
def check_priority_start(context: RuleContext) -> Iterator[Diagnostic]:
    """PW510: a priority-1 service starting too long after the first go-live milestone."""
    catalogue = context.project.get(CatalogoServizi)
    piano = context.project.get(Piano)
    if catalogue is None or piano is None or not context.whole(piano, "milestone"):
        return
    go_lives = [m for m in piano.milestone if m.tipo == TipoMilestone.AVVIO_SERVIZIO]
    if not go_lives:
        return
    first = min(go_lives, key=lambda m: m.data)
    months = context.thresholds.priority_start_months
    limit = add_months(first.data, months)
    for index, service in enumerate(catalogue.servizi):
        if service.priorita != 1 or service.avvio <= limit:
            continue
        yield finding(
            "PW510",
            f"Il servizio {service.id} ha priorità 1 ma si avvia {on_date(service.avvio)}, "
            f"più di {months} mesi dopo il primo avvio di un servizio ({first.id}, "
            f"{long_date(first.data)}).",
            f"Anticipa l'avvio entro {on_date(limit)} oppure abbassa la priorità del servizio a 2.",
            context.at(catalogue, ("servizi", index, "avvio")),
        )


@rule("PW511")
def check_legal_notes(context: RuleContext) -> Iterator[Diagnostic]:
    """PW511: a service with ALTRO among its legal bases but no ``note_giuridiche``."""
    catalogue = context.project.get(CatalogoServizi)
    if catalogue is None:
        return
    for index, service in enumerate(catalogue.servizi):
        if BaseGiuridica.ALTRO in service.base_giuridica and _blank(service.note_giuridiche):
            yield finding(
                "PW511",
                f"Il servizio {service.id} ha ALTRO tra le basi giuridiche ma non ha note "
                "giuridiche.",
                "Aggiungi «note_giuridiche:» citando in chiaro la norma (atto, articolo, "
                "comma), oppure sostituisci ALTRO con il codice della norma se è nell'elenco.",
                context.at(catalogue, ("servizi", index, "base_giuridica")),
            )
