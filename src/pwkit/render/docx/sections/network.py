"""Tables of ``Rete``: stakeholders, communication actions, exchanges with other Province."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.tables import Column, data_table

if TYPE_CHECKING:
    from pwkit.model.attuazione import Rete
    from pwkit.render.docx.context import RenderContext


def render_rete(ctx: RenderContext, data: Rete) -> None:
    """Stakeholder matrix (interest, influence), communication plan, network exchanges."""
    data_table(
        ctx,
        "Portatori di interesse",
        [
            Column("ID", 0.5),
            Column("Portatore di interesse", 2),
            Column("Tipo", 1.2),
            Column("Interesse (1–5)", 0.9, "center"),
            Column("Influenza (1–5)", 0.9, "center"),
            Column("Coinvolgimento", 2.6),
        ],
        [
            [s.id, s.nome, ctx.label(s.tipo), str(s.interesse), str(s.influenza), s.coinvolgimento]
            for s in data.stakeholder
        ],
    )
    data_table(
        ctx,
        "Azioni di comunicazione",
        [
            Column("Azione", 2.4),
            Column("Destinatari", 1.8),
            Column("Canale", 1.5),
            Column("Data", 1.3),
        ],
        [[c.azione, c.destinatari, c.canale, long_date(c.data)] for c in data.comunicazione],
    )
    if data.scambi_rete:
        data_table(
            ctx,
            "Scambi con altre Province",
            [Column("Provincia", 1.6), Column("Ruolo", 1.1), Column("Attività", 3.5)],
            [[s.provincia, ctx.label(s.ruolo), s.attivita] for s in data.scambi_rete],
        )
