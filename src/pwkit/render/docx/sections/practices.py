"""Tables of ``BuonePratiche``: reference practices, service level, SWOT (2×2) and gaps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

import pwkit.render.docx.table_text as text
from pwkit.model.plain import is_model
from pwkit.render.docx.formatting import date_or_text
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import hyperlink_element, run_element
from pwkit.render.docx.page import text_width
from pwkit.render.docx.styles import TABLE_TEXT_STYLE
from pwkit.render.docx.tables import (
    EDGE_ROWS,
    Column,
    add_table,
    cells_of,
    data_table,
    key_value_table,
    widths_for,
)
from pwkit.render.docx.xml_text import run, run_content

if TYPE_CHECKING:
    from pwkit.model.analisi import BuonaPratica, BuonePratiche
    from pwkit.model.edizione11 import BuonaPraticaFonte
    from pwkit.render.docx.context import RenderContext

#: A source's link that Word can open: a web address, nothing else (else it stays text).
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_W_P = qn("w:p")
#: The column of the good practices table that names the source.
_SOURCE_COLUMN = 3


def _level(ctx: RenderContext, value: int) -> str:
    label = ctx.project.manifest.label("Livello", str(value))
    return f"{value} – {label}" if label != str(value) else str(value)


def _swot_cell(style: str, bullets: int, title: str, items: Sequence[str], *, keep: bool) -> str:
    """A quadrant of the SWOT: its title in bold, then its items as a bulleted list."""
    opening = text.paragraph_opening(style, keep_next=keep)
    bullet = opening.replace(
        "</w:pPr>", f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{bullets}"/></w:numPr></w:pPr>'
    )
    paragraphs = [f"{opening}<w:r><w:rPr><w:b/></w:rPr>{run_content(title)}</w:r></w:p>"]
    paragraphs += [f"{bullet}{run('<w:r>', run_content(item))}</w:p>" for item in items]
    return "".join(paragraphs)


def _swot(ctx: RenderContext, data: BuonePratiche) -> None:
    """Strengths and weaknesses over opportunities and threats, kept on one page."""
    swot = data.swot
    quadrants = (
        (("Punti di forza", swot.punti_forza), ("Debolezze", swot.debolezze)),
        (("Opportunità", swot.opportunita), ("Minacce", swot.minacce)),
    )
    style, bullets = ctx.style_id(TABLE_TEXT_STYLE), ctx.numbering.bullet_num
    widths = widths_for((1, 1), text_width(ctx.document))
    kept = text.kept_rows(len(quadrants), whole=True, edge=EDGE_ROWS)
    trs = [
        text.row(
            [
                text.cell(width, _swot_cell(style, bullets, title, items, keep=index in kept))
                for width, (title, items) in zip(widths, pair, strict=True)
            ]
        )
        for index, pair in enumerate(quadrants)
    ]
    caption = "Analisi SWOT"
    look = text.look(first_row=False, last_row=False, first_column=False)
    add_table(ctx, caption, text.table_element(ctx, caption, widths, look, trs))


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


def _link_sources(ctx: RenderContext, tbl: Any, practices: Sequence[BuonaPratica]) -> None:
    """The web address of each source becomes a link Word and LibreOffice open."""
    style = ctx.style_id("Hyperlink")
    rows = list(tbl.iterchildren(qn("w:tr")))
    for tr, practice in zip(rows[1:], practices, strict=True):
        href = _web_address(practice)
        if href is None:
            continue
        p = cells_of(tr)[_SOURCE_COLUMN].findall(_W_P)[-1]
        for old in p.findall(qn("w:r")):
            p.remove(old)
        hyperlink = hyperlink_element(p, ctx.document.relate_hyperlink(href))
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
        editable=True,  # its sources become links below
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
    _swot(ctx, data)
    data_table(
        ctx,
        "Gap da colmare",
        [Column("Dimensione", 1.3), Column("Descrizione", 3.6), Column("Attività del piano", 2)],
        [[ctx.label(g.dimensione), g.descrizione, ctx.lookup.refs(g.azioni)] for g in data.gap],
    )
