"""Tables of ``BuonePratiche``: reference practices, service level, SWOT (2×2) and gaps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pwkit.render.docx.oxml import add_run, set_numbering, set_paragraph_style
from pwkit.render.docx.tables import Column, data_table, keep_together, key_value_table, new_table

if TYPE_CHECKING:
    from docx.table import _Cell

    from pwkit.model.analisi import BuonePratiche
    from pwkit.render.docx.context import RenderContext


def _level(ctx: RenderContext, value: int) -> str:
    label = ctx.project.manifest.label("Livello", str(value))
    return f"{value} – {label}" if label != str(value) else str(value)


def _swot_cell(ctx: RenderContext, cell: _Cell, title: str, items: Sequence[str]) -> None:
    style = ctx.style_id("Testo tabella")
    heading = cell.paragraphs[0]
    set_paragraph_style(heading, style)
    add_run(heading, title).bold = True
    for item in items:
        paragraph = cell.add_paragraph()
        set_paragraph_style(paragraph, style)
        set_numbering(paragraph, ctx.numbering.bullet_num, 0)
        add_run(paragraph, item)


def render_buone_pratiche(ctx: RenderContext, data: BuonePratiche) -> None:
    """Reference good practices, service level, SWOT (2×2) and gaps."""
    data_table(
        ctx,
        "Buone pratiche di riferimento",
        [
            Column("Ente", 1.5),
            Column("Area di servizio", 1.4),
            Column("Descrizione", 3.4),
            Column("Fonte", 1.4),
        ],
        [[p.ente, ctx.label(p.area), p.descrizione, p.fonte] for p in data.buone_pratiche],
    )
    key_value_table(
        ctx,
        "Livello del servizio: situazione attuale e obiettivo",
        [
            ("Livello attuale", _level(ctx, data.livello_attuale)),
            ("Livello obiettivo", _level(ctx, data.livello_obiettivo)),
        ],
    )
    swot = data.swot
    table = new_table(ctx, 2, (1, 1), caption="Analisi SWOT", header=False)
    quadrants = (
        ("Punti di forza", swot.punti_forza),
        ("Debolezze", swot.debolezze),
        ("Opportunità", swot.opportunita),
        ("Minacce", swot.minacce),
    )
    cells = [cell for row in table.rows for cell in row.cells]
    for cell, (title, items) in zip(cells, quadrants, strict=True):
        _swot_cell(ctx, cell, title, items)
    keep_together(table)
    data_table(
        ctx,
        "Gap da colmare",
        [Column("Dimensione", 1.3), Column("Descrizione", 3.6), Column("Attività del piano", 2)],
        [[ctx.label(g.dimensione), g.descrizione, ctx.lookup.refs(g.azioni)] for g in data.gap],
    )
