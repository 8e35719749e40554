"""Tables of ``Piattaforme``: platforms with function, ownership, state, yearly cost, services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import money
from pwkit.render.docx.tables import Column, data_table

if TYPE_CHECKING:
    from pwkit.model.servizio import Piattaforme
    from pwkit.render.docx.context import RenderContext


def render_piattaforme(ctx: RenderContext, data: Piattaforme) -> None:
    """Platforms with function, ownership, availability, yearly cost and services."""
    costs = [p.costo_annuo for p in data.piattaforme if p.costo_annuo is not None]
    data_table(
        ctx,
        "Piattaforme e strumenti digitali",
        [
            Column("ID", 0.5),
            Column("Piattaforma", 1.9),
            Column("Funzione", 1.6),
            Column("Titolarità", 1.1),
            Column("Stato", 1.1),
            Column("Costo annuo", 1.2, "right"),
            Column("Servizi", 1.6),
        ],
        [
            [
                p.id,
                p.nome,
                ctx.label(p.funzione),
                ctx.label(p.titolarita),
                ctx.label(p.stato),
                money(p.costo_annuo) if p.costo_annuo is not None else None,
                ctx.lookup.refs(p.servizi),
            ]
            for p in data.piattaforme
        ],
        total=["", "Totale", "", "", "", money(sum(costs)), ""] if costs else None,
    )
