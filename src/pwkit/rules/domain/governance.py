"""PW505: a political and a technical body in the governance."""

from __future__ import annotations

from collections.abc import Iterator

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import finding
from pwkit.base.italian import join
from pwkit.model.enums import TipoOrgano
from pwkit.model.servizio import Governance
from pwkit.rules.context import RuleContext
from pwkit.rules.registry import rule


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
