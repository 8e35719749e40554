"""Tables of the analysis sections: summary (1), needs (3), practices and SWOT (4), goals (5)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date, number, percent, period
from pwkit.render.docx.oxml import add_run, set_numbering, set_paragraph_style
from pwkit.render.docx.tables import (
    Cell,
    Column,
    data_table,
    keep_together,
    key_value_table,
    new_table,
)

if TYPE_CHECKING:
    from docx.table import _Cell

    from pwkit.model.analisi import BuonePratiche, Fabbisogni, Obiettivi, Sintesi
    from pwkit.render.docx.context import RenderContext


def render_sintesi(ctx: RenderContext, data: Sintesi) -> None:
    """The project at a glance: priority services, target Comuni, start date, key KPIs."""
    comuni = len({c.codice_istat for c in ctx.project.comuni})
    target = number(data.comuni_target)
    if comuni:
        target += f" su {number(comuni)} del territorio"
    key_value_table(
        ctx,
        "Il Project Work in sintesi",
        [
            ("Servizi prioritari", ctx.lookup.refs(data.servizi_prioritari)),
            ("Comuni destinatari", target),
            ("Avvio del primo servizio", long_date(data.data_avvio_servizio)),
            ("KPI chiave", ctx.lookup.refs(data.kpi_chiave)),
        ],
    )


def render_fabbisogni(ctx: RenderContext, data: Fabbisogni) -> None:
    """The needs survey, the needs by area, planned hirings and services already delivered."""
    survey = data.rilevazione
    comuni = len({c.codice_istat for c in ctx.project.comuni})
    answered = number(survey.comuni_rispondenti)
    if comuni:
        answered += f" su {number(comuni)} ({percent(survey.comuni_rispondenti / comuni)})"
    key_value_table(
        ctx,
        "La rilevazione dei fabbisogni",
        [
            ("Metodo", ctx.label(survey.metodo)),
            ("Periodo", period(survey.inizio, survey.fine)),
            ("Comuni rispondenti", answered),
        ],
    )
    data_table(
        ctx,
        "Fabbisogni espressi dai Comuni",
        [
            Column("Area di servizio", 1.6),
            Column("Comuni interessati", 1, "right"),
            Column("Intensità (1–5)", 0.9, "center"),
            Column("Descrizione", 3.5),
        ],
        [
            [ctx.label(f.area), number(f.comuni_interessati), str(f.intensita), f.descrizione]
            for f in data.fabbisogni
        ],
    )
    if data.assunzioni_previste:
        data_table(
            ctx,
            "Assunzioni previste dai Comuni",
            [Column("Anno", 1), Column("Area del CCNL", 2.5), Column("Assunzioni", 1.2, "right")],
            [
                [str(a.anno), ctx.label(a.area_ccnl), number(a.numero)]
                for a in data.assunzioni_previste
            ],
            total=["Totale", "", number(sum(a.numero for a in data.assunzioni_previste))],
        )
    if data.servizi_attuali:
        data_table(
            ctx,
            "Servizi già erogati dalla Provincia",
            [
                Column("Servizio", 2.6),
                Column("Attivo dal", 1.4),
                Column("Comuni serviti", 1, "right"),
                Column("Volume annuo", 1.4, "right"),
            ],
            [
                [
                    s.nome,
                    long_date(s.dal),
                    number(s.comuni_serviti),
                    _volume(s.volume_annuo, s.unita),
                ]
                for s in data.servizi_attuali
            ],
        )


def _volume(value: float, unit: str) -> str:
    return f"{number(value)} {unit}"


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
