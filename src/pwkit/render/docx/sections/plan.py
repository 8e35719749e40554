"""Tables of ``Piano``: phases, activities, milestones and the Gantt chart (landscape)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.sections.gantt import render_gantt
from pwkit.render.docx.tables import Column, data_table

if TYPE_CHECKING:
    from pwkit.model.attuazione import Piano
    from pwkit.render.docx.context import RenderContext


def render_piano(ctx: RenderContext, data: Piano) -> None:
    """Phases, activities (owner, dependencies), milestones, then the Gantt chart."""
    data_table(
        ctx,
        "Fasi del piano di attuazione",
        [Column("ID", 0.5), Column("Fase", 3), Column("Inizio", 1.3), Column("Fine", 1.3)],
        [[f.id, f.nome, long_date(f.inizio), long_date(f.fine)] for f in data.fasi],
    )
    data_table(
        ctx,
        "Attività",
        [
            Column("ID", 0.5),
            Column("Attività", 2.2),
            Column("Fase", 0.55),
            Column("Inizio", 1.3),
            Column("Fine", 1.3),
            Column("Responsabile", 1.5),
            Column("Dipende da", 0.8),
            Column("Prodotto", 1.5),
        ],
        [
            [
                a.id,
                a.nome,
                a.fase,
                long_date(a.inizio),
                long_date(a.fine),
                ctx.lookup.name(a.responsabile),
                ", ".join(a.dipende_da),
                a.output,
            ]
            for a in data.attivita
        ],
    )
    data_table(
        ctx,
        "Milestone",
        [
            Column("ID", 0.5),
            Column("Milestone", 2.2),
            Column("Data", 1.4),
            Column("Tipo", 1.4),
            Column("Verifica", 2.2),
            Column("Servizi", 0.8),
        ],
        [
            [
                m.id,
                m.nome,
                long_date(m.data),
                ctx.label(m.tipo),
                m.verifica,
                ", ".join(m.servizi),
            ]
            for m in data.milestone
        ],
    )
    render_gantt(ctx, data)
