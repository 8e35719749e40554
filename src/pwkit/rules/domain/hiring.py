"""PW515: new staff within the Provincia's declared hiring capacity (1.1.0)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import money
from pwkit.model.edizione11 import OrganizzazioneCapacita
from pwkit.model.enums import Provenienza
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


@rule("PW515")
def check_hiring_capacity(context: RuleContext) -> Iterator[Diagnostic]:
    """PW515: new hires with no hiring capacity declared, or beyond the one declared.

    The capacity used must be at least the yearly cost of the new roles (fte × cost per FTE)
    and at most the capacity available.
    """
    organisation = context.project.get(OrganizzazioneCapacita)
    if organisation is None or not context.whole(organisation, "ruoli"):
        return
    new = [
        (index, role)
        for index, role in enumerate(organisation.ruoli)
        if role.provenienza == Provenienza.NUOVA_ASSUNZIONE
    ]
    if not new:
        return
    names = ", ".join(role.id for _, role in new)
    capacity = organisation.capacita_assunzionale
    if capacity is None:
        yield finding(
            "PW515",
            f"I ruoli {names} sono nuove assunzioni, ma la sezione non dichiara la capacità "
            "assunzionale che usano.",
            "Aggiungi «capacita_assunzionale» con anno, atto (il PIAO), spazi_disponibili, "
            "spazi_utilizzati e limite_spesa: le assunzioni devono stare nella capacità della "
            "Provincia (art. 33 DL 34/2019, DM 11 gennaio 2022) e nel limite di spesa di "
            "personale (art. 1 c. 557 L. 296/2006).",
            context.at(organisation, ("ruoli", new[0][0], "provenienza")),
        )
        return
    cost = sum((Decimal(str(role.fte)) * role.costo_annuo_fte for _, role in new), Decimal(0))
    used, available = capacity.spazi_utilizzati, capacity.spazi_disponibili
    if used > available:
        yield finding(
            "PW515",
            f"La capacità assunzionale usata ({money(used)}) supera quella disponibile "
            f"({money(available)}).",
            "Riduci o rinvia le nuove assunzioni, oppure correggi gli importi secondo il PIAO: "
            "non si assume oltre la capacità assunzionale.",
            context.at(organisation, ("capacita_assunzionale", "spazi_utilizzati")),
        )
    elif used < cost:
        yield finding(
            "PW515",
            f"La capacità assunzionale usata ({money(used)}) è minore del costo annuo delle "
            f"nuove assunzioni {names} ({money(cost)}, fte × costo annuo per FTE).",
            "Scrivi in «spazi_utilizzati» almeno il costo annuo a regime delle nuove "
            "assunzioni, come lo conta il piano dei fabbisogni del PIAO.",
            context.at(organisation, ("capacita_assunzionale", "spazi_utilizzati")),
        )
