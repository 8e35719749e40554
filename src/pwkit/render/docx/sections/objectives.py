"""Tables of ``Obiettivi``: vision, general objective and the logical framework (OS → RA → KPI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.analisi import Obiettivi
    from pwkit.render.docx.context import RenderContext


def render_obiettivi(ctx: RenderContext, data: Obiettivi) -> None:
    """Vision and general objective, then the logical framework (OS → RA → KPI)."""
    items: list[tuple[str, Cell]] = [
        ("Visione", data.visione),
        ("Obiettivo generale", data.obiettivo_generale),
    ]
    if data.ipotesi:
        items.append(("Ipotesi e condizioni esterne", data.ipotesi))
    key_value_table(ctx, "Visione e obiettivo generale", items)
    rows: list[list[Cell]] = []
    for objective in data.obiettivi_specifici:
        results = [r for r in data.risultati_attesi if r.obiettivo == objective.id]
        rows.append(
            [
                f"{objective.id} – {objective.descrizione}",
                [f"{r.id} – {r.descrizione}" for r in results],
                ctx.lookup.refs(objective.kpi),
            ]
        )
    # Results pointing to an undefined objective (a draft): shown, not lost.
    known = {o.id for o in data.obiettivi_specifici}
    orphans = [r for r in data.risultati_attesi if r.obiettivo not in known]
    for key in dict.fromkeys(r.obiettivo for r in orphans):
        lines = [f"{r.id} – {r.descrizione}" for r in orphans if r.obiettivo == key]
        rows.append([key, lines, None])
    data_table(
        ctx,
        "Quadro logico: obiettivi specifici, risultati attesi e indicatori",
        [
            Column("Obiettivo specifico", 2.2),
            Column("Risultati attesi", 2.6),
            Column("Indicatori (KPI)", 2),
        ],
        rows,
    )
