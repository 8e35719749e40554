"""PW503–PW504: the platforms that recruitment and payroll services need."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import W, finding
from pwkit.base.italian import join
from pwkit.model.enums import Area, FunzionePiattaforma
from pwkit.model.servizio import CatalogoServizi, Piattaforme, Servizio
from pwkit.rules.context import RuleContext
from pwkit.rules.prose import without_guidance
from pwkit.rules.registry import rule

_RECRUITMENT = (Area.RECLUTAMENTO, Area.SELEZIONI_UNICHE)


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
