"""Table of ``Competenze``: the training plan with hours, participants and totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import date_or_text, number
from pwkit.render.docx.tables import Column, data_table

if TYPE_CHECKING:
    from pwkit.model.attuazione import Competenze
    from pwkit.render.docx.context import RenderContext


def render_competenze(ctx: RenderContext, data: Competenze) -> None:
    """Training actions; the total row sums participants and person-hours."""
    actions = data.azioni_formative
    data_table(
        ctx,
        "Piano di sviluppo delle competenze",
        [
            Column("ID", 0.5),
            Column("Tema", 2.2),
            Column("Destinatari", 1.4),
            Column("Ambito", 1.1),
            Column("Ore", 0.6, "right"),
            Column("Partecipanti", 0.9, "right"),
            Column("Ore × partecipanti", 1, "right"),
            Column("Periodo", 1.2),
        ],
        [
            [
                a.id,
                a.tema,
                ctx.label(a.destinatari),
                ctx.label(a.ambito),
                number(a.ore),
                number(a.partecipanti),
                number(a.ore * a.partecipanti),
                date_or_text(a.periodo),
            ]
            for a in actions
        ],
        total=[
            "",
            "Totale",
            "",
            "",
            "",
            number(sum(a.partecipanti for a in actions)),
            number(sum(a.ore * a.partecipanti for a in actions)),
            "",
        ],
    )
