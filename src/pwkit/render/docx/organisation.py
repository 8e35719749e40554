"""Tables of the organisation: roles with FTE and costs (7), governance bodies and approvals (8)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date, money, number
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.servizio import Governance, Organizzazione, Ruolo
    from pwkit.render.docx.context import RenderContext

#: Clauses a convenzione states (TUEL art. 30), in the order of the law.
CLAUSES: tuple[tuple[str, str], ...] = (
    ("fini", "Fini"),
    ("durata", "Durata"),
    ("consultazione", "Forme di consultazione"),
    ("rapporti_finanziari", "Rapporti finanziari"),
    ("obblighi_garanzie", "Obblighi e garanzie"),
    ("recesso", "Recesso"),
)


def yearly_cost(role: Ruolo) -> Decimal:
    """Full-year cost of a role: FTE × cost per FTE, to the cent."""
    return (Decimal(str(role.fte)) * role.costo_annuo_fte).quantize(Decimal("0.01"))


def render_organizzazione(ctx: RenderContext, data: Organizzazione) -> None:
    """Where the service sits, then roles with FTE and yearly cost, with totals."""
    struttura = data.struttura
    key_value_table(
        ctx,
        "Collocazione organizzativa",
        [
            ("Unità organizzativa", struttura.unita),
            ("Dirigente responsabile", struttura.dirigente),
            ("Collocazione", struttura.collocazione),
        ],
    )
    rows: list[list[Cell]] = [
        [
            r.id,
            r.ruolo,
            ctx.label(r.area_ccnl),
            ctx.label(r.provenienza),
            number(r.fte),
            money(r.costo_annuo_fte),
            money(yearly_cost(r)),
            long_date(r.dal) if r.dal else None,
        ]
        for r in data.ruoli
    ]
    fte = round(sum(r.fte for r in data.ruoli), 2)
    total = sum((yearly_cost(r) for r in data.ruoli), Decimal(0))
    data_table(
        ctx,
        "Ruoli, FTE e costo annuo del personale",
        [
            Column("ID", 0.55),
            Column("Ruolo", 2),
            Column("Area CCNL", 1.2),
            Column("Provenienza", 1.2),
            Column("FTE", 0.6, "right"),
            Column("Costo annuo per FTE", 1.3, "right"),
            Column("Costo annuo", 1.3, "right"),
            Column("Dal", 1.2),
        ],
        rows,
        total=["", "Totale", "", "", number(fte), "", money(total), ""],
    )


def render_governance(ctx: RenderContext, data: Governance) -> None:
    """Legal instrument, governance bodies, convention clauses and the approval steps."""
    years = "1 anno" if data.durata_anni == 1 else f"{data.durata_anni} anni"
    key_value_table(
        ctx,
        "Strumento giuridico",
        [("Strumento", ctx.label(data.strumento)), ("Durata", years)],
    )
    data_table(
        ctx,
        "Organi di governo",
        [
            Column("ID", 0.55),
            Column("Organo", 1.5),
            Column("Tipo", 1),
            Column("Composizione", 2),
            Column("Funzioni", 2.2),
            Column("Riunioni", 1),
        ],
        [
            [o.id, o.nome, ctx.label(o.tipo), o.composizione, o.funzioni, ctx.label(o.frequenza)]
            for o in data.organi
        ],
    )
    if data.clausole is not None:
        clauses: list[tuple[str, Cell]] = [
            (label, getattr(data.clausole, key))
            for key, label in CLAUSES
            if getattr(data.clausole, key)
        ]
        if clauses:
            key_value_table(ctx, "Contenuti della convenzione (art. 30 TUEL)", clauses)
    data_table(
        ctx,
        "Iter di approvazione",
        [
            Column("N.", 0.45, "right"),
            Column("Atto", 3),
            Column("Organo", 2),
            Column("Data prevista", 1.4),
        ],
        [
            [str(n), step.atto, step.organo, long_date(step.data_prevista)]
            for n, step in enumerate(data.iter_approvazione, start=1)
        ],
    )
