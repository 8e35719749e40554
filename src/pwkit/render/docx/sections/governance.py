"""Tables of ``Governance``: legal instrument, bodies, convention clauses and approval steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.servizio import Governance
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
