"""Tables of ``BuonePratiche``: reference practices, service level, SWOT (2×2) and gaps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeGuard

from docx.oxml.ns import qn

from pwkit.model.plain import is_model
from pwkit.render.docx.formatting import date_or_text
from pwkit.render.docx.oxml import add_hyperlink, add_run, set_numbering, set_paragraph_style
from pwkit.render.docx.tables import (
    Column,
    data_table,
    keep_together,
    key_value_table,
    new_table,
    row_cells,
)

if TYPE_CHECKING:
    from docx.table import Table, _Cell

    from pwkit.model.analisi import BuonaPratica, BuonePratiche
    from pwkit.model.edizione11 import BuonaPraticaFonte
    from pwkit.render.docx.context import RenderContext

#: A source's link that Word can open: a web address, nothing else (else it stays text).
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
#: The column of the good practices table that names the source.
_SOURCE_COLUMN = 3


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


def _with_source(practice: BuonaPratica) -> TypeGuard[BuonaPraticaFonte]:
    return is_model(practice, "BuonaPraticaFonte")


def _web_address(practice: BuonaPratica) -> str | None:
    link = practice.fonte_link if _with_source(practice) else None
    return link if link and _WEB_ADDRESS.fullmatch(link) else None


def _source(practice: BuonaPratica) -> list[str]:
    """The source of a practice: the act or document, its date, its link (template 1.1.0)."""
    lines = [practice.fonte] if practice.fonte else []
    if _with_source(practice):
        if practice.fonte_data is not None:
            lines.append(date_or_text(practice.fonte_data))
        if practice.fonte_link:
            lines.append(practice.fonte_link)
    return lines


def _link_sources(ctx: RenderContext, table: Table, practices: Sequence[BuonaPratica]) -> None:
    """The web address of each source becomes a link Word and LibreOffice open."""
    style = ctx.style_id("Hyperlink")
    for row, practice in zip(table.rows[1:], practices, strict=True):
        href = _web_address(practice)
        if href is None:
            continue
        paragraph = row_cells(row)[_SOURCE_COLUMN].paragraphs[-1]
        for run in paragraph._p.findall(qn("w:r")):
            paragraph._p.remove(run)
        hyperlink = add_hyperlink(paragraph, href)
        hyperlink.append(add_run(paragraph, href, style, literal=True)._r)


def render_buone_pratiche(ctx: RenderContext, data: BuonePratiche) -> None:
    """Reference good practices, service level, SWOT (2×2) and gaps."""
    practices = data.buone_pratiche
    table = data_table(
        ctx,
        "Buone pratiche di riferimento",
        [
            Column("Ente", 1.4),
            Column("Area di servizio", 1.3),
            Column("Descrizione", 3.0),
            Column("Fonte", 2.0),  # the act or document, its date, its link
        ],
        [[p.ente, ctx.label(p.area), p.descrizione, _source(p)] for p in practices],
    )
    _link_sources(ctx, table, practices)
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
