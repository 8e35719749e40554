"""Tables of the service model: catalogue with one card per service (6) and platforms (9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date, money, number
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.servizio import CatalogoServizi, Piattaforme, Servizio, Sla
    from pwkit.render.docx.context import RenderContext


def _sla(sla: Sla) -> str:
    value = sla.valore if isinstance(sla.valore, str) else number(sla.valore)
    unit = sla.unita.strip()
    joined = f"{value}{unit}" if unit == "%" else f"{value} {unit}"
    return f"{sla.indicatore}: {joined}"


def _card(ctx: RenderContext, s: Servizio) -> None:
    label = ctx.label
    items: list[tuple[str, Cell]] = [
        ("Area di servizio", label(s.area)),
        ("Descrizione", s.descrizione),
        ("Destinatari", s.destinatari),
        ("Base giuridica", [label(b) for b in s.base_giuridica]),
    ]
    if s.note_giuridiche:
        items.append(("Riferimenti normativi", s.note_giuridiche))
    items += [
        ("Modalità di accesso", label(s.modalita_accesso)),
        ("Attività incluse", s.attivita_incluse),
    ]
    if s.esclusioni:
        items.append(("Esclusioni", s.esclusioni))
    items.append(
        (
            "Ripartizione dei compiti",
            [f"{c.attivita}: {label(c.a_carico)}" for c in s.ripartizione_compiti],
        )
    )
    if s.sla:
        items.append(("Livelli di servizio", [_sla(x) for x in s.sla]))
    items += [
        ("Volume annuo atteso", f"{number(s.volume_annuo.valore)} {s.volume_annuo.unita}"),
        ("Priorità", str(s.priorita)),
        ("Avvio", long_date(s.avvio)),
        ("Responsabile", ctx.lookup.ref(s.responsabile) if s.responsabile else None),
        ("Piattaforme", ctx.lookup.refs(s.piattaforme)),
        ("Indicatori (KPI)", ctx.lookup.refs(s.kpi)),
    ]
    key_value_table(ctx, f"Scheda del servizio {s.id} – {s.nome}", items)


def render_catalogo(ctx: RenderContext, data: CatalogoServizi) -> None:
    """One compact table of all services, then a card per service."""
    data_table(
        ctx,
        "Catalogo dei servizi",
        [
            Column("ID", 0.55),
            Column("Servizio", 2.6),
            Column("Area", 1.5),
            Column("Modalità di accesso", 1.5),
            Column("Priorità", 0.8, "center"),
            Column("Avvio", 1.5),
            Column("Volume annuo", 1.3, "right"),
        ],
        [
            [
                s.id,
                s.nome,
                ctx.label(s.area),
                ctx.label(s.modalita_accesso),
                str(s.priorita),
                long_date(s.avvio),
                f"{number(s.volume_annuo.valore)} {s.volume_annuo.unita}",
            ]
            for s in data.servizi
        ],
    )
    for service in data.servizi:
        _card(ctx, service)


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
