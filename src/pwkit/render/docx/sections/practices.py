"""Tables of ``BuonePratiche``: reference practices, service level, SWOT (2×2) and gaps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

from docx.oxml.ns import qn

from pwkit.model.plain import is_model
from pwkit.render.docx.formatting import date_or_text
from pwkit.render.docx.oxml import (
    hyperlink_element,
    numbering_properties,
    run_element,
    set_p_style,
    sub,
)
from pwkit.render.docx.tables import (
    Column,
    cells_of,
    data_table,
    keep_tbl_together,
    key_value_table,
    new_table_element,
)

if TYPE_CHECKING:
    from docx.table import Table

    from pwkit.model.analisi import BuonaPratica, BuonePratiche
    from pwkit.model.edizione11 import BuonaPraticaFonte
    from pwkit.render.docx.context import RenderContext

#: A source's link that Word can open: a web address, nothing else (else it stays text).
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_W_P, _W_PPR, _W_PSTYLE, _W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
#: The column of the good practices table that names the source.
_SOURCE_COLUMN = 3


def _level(ctx: RenderContext, value: int) -> str:
    label = ctx.project.manifest.label("Livello", str(value))
    return f"{value} – {label}" if label != str(value) else str(value)


def _swot_cell(ctx: RenderContext, tc: Any, title: str, items: Sequence[str]) -> None:
    style = ctx.style_id("Testo tabella")
    heading = tc.find(_W_P)
    set_p_style(heading, style)
    run_element(heading, title, bold=True)
    for item in items:
        p = sub(tc, _W_P)
        ppr = sub(p, _W_PPR)
        sub(ppr, _W_PSTYLE, {_W_VAL: style})
        ppr.append(numbering_properties(ctx.numbering.bullet_num, 0))
        run_element(p, item)


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
    rows = list(table._tbl.iterchildren(qn("w:tr")))
    for tr, practice in zip(rows[1:], practices, strict=True):
        href = _web_address(practice)
        if href is None:
            continue
        p = cells_of(tr)[_SOURCE_COLUMN].findall(_W_P)[-1]
        for run in p.findall(qn("w:r")):
            p.remove(run)
        hyperlink = hyperlink_element(p, ctx.document.part, href)
        run_element(hyperlink, href, style, literal=True)


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
    tbl = new_table_element(ctx, 2, (1, 1), caption="Analisi SWOT", header=False)
    quadrants = (
        ("Punti di forza", swot.punti_forza),
        ("Debolezze", swot.debolezze),
        ("Opportunità", swot.opportunita),
        ("Minacce", swot.minacce),
    )
    cells = [tc for tr in tbl.iterchildren(qn("w:tr")) for tc in cells_of(tr)]
    for tc, (title, items) in zip(cells, quadrants, strict=True):
        _swot_cell(ctx, tc, title, items)
    keep_tbl_together(tbl)
    data_table(
        ctx,
        "Gap da colmare",
        [Column("Dimensione", 1.3), Column("Descrizione", 3.6), Column("Attività del piano", 2)],
        [[ctx.label(g.dimensione), g.descrizione, ctx.lookup.refs(g.azioni)] for g in data.gap],
    )
