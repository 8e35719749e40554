"""PW506–PW507: high risks handled, and a register wide enough."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import W, finding
from pwkit.base.italian import join
from pwkit.model.attuazione import Rischi
from pwkit.model.enums import Strategia
from pwkit.rules.context import RuleContext
from pwkit.rules.domain.legal import blank
from pwkit.rules.registry import rule


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
        if blank(risk.contingenza):
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
