"""Tables of ``CatalogoServizi``: the catalogue, then one card per service."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from pwkit.base.italian import join
from pwkit.model.plain import is_model
from pwkit.render.docx.formatting import long_date, number
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

#: A no-break space: a date in a narrow column stays on one line.
NBSP = "\u00a0"

if TYPE_CHECKING:
    from pwkit.model.edizione11 import ServizioTutele, TrattamentoDati
    from pwkit.model.servizio import CatalogoServizi, Servizio, Sla
    from pwkit.render.docx.context import RenderContext


def _sla(sla: Sla) -> str:
    value = sla.valore if isinstance(sla.valore, str) else number(sla.valore)
    unit = sla.unita.strip()
    joined = f"{value}{unit}" if unit == "%" else f"{value} {unit}"
    return f"{sla.indicatore}: {joined}"


def _privacy(ctx: RenderContext, data: TrattamentoDati) -> list[str]:
    """The Provincia's role for the service's data, its DPIA, how data pass to other Comuni."""
    roles = join([ctx.label(role) for role in data.ruolo_provincia])
    lines = [
        f"Ruolo della Provincia: {roles}",
        f"{ctx.label(data.dpia)} (art. 35 GDPR)",
    ]
    if data.comunicazione_dati:
        lines.append(f"Comunicazione dei dati ad altri Comuni: {data.comunicazione_dati}")
    return lines


def _with_safeguards(s: Servizio) -> TypeGuard[ServizioTutele]:
    return is_model(s, "ServizioTutele")


def _safeguards(ctx: RenderContext, s: Servizio) -> list[tuple[str, Cell]]:
    """Anticorruption and data protection rows: only a template that asks for them (1.1.0)."""
    if not _with_safeguards(s):
        return []
    return [
        ("Prevenzione della corruzione", s.misure_anticorruzione),
        ("Protezione dei dati", _privacy(ctx, s.trattamento_dati)),
    ]


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
        *_safeguards(ctx, s),
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


#: The catalogue's columns: text on the left, numbers on the right.
_CATALOGUE = (
    ("ID", "left"),
    ("Servizio", "left"),
    ("Area", "left"),
    ("Modalità di accesso", "left"),
    ("Priorità", "right"),
    ("Avvio", "left"),
    ("Volume annuo", "left"),
)
#: Beyond this many characters a column's text wraps rather than widening it further.
_LONGEST = 60


def _weights(rows: list[list[str]]) -> list[float]:
    """Column weights from their content: the average length of its texts (header included).

    The longest word of each column sets its minimum width (``data_table``).
    """
    columns = zip(*[[header for header, _ in _CATALOGUE], *rows], strict=True)
    return [
        sum(min(len(text), _LONGEST) for text in column) / len(column) + 2.0
        for column in (list(c) for c in columns)
    ]


def render_catalogo(ctx: RenderContext, data: CatalogoServizi) -> None:
    """One compact table of all services, then a card per service.

    Widths follow the content and a start date never breaks; text (the volume too, a number
    with its unit in words) is left-aligned, the priority, a number, right-aligned.
    """
    rows = [
        [
            s.id,
            s.nome,
            ctx.label(s.area),
            ctx.label(s.modalita_accesso),
            str(s.priorita),
            long_date(s.avvio).replace(" ", NBSP),
            f"{number(s.volume_annuo.valore)} {s.volume_annuo.unita}",
        ]
        for s in data.servizi
    ]
    weights = _weights(rows)
    data_table(
        ctx,
        "Catalogo dei servizi",
        [
            Column(header, weight, align)  # type: ignore[arg-type]
            for (header, align), weight in zip(_CATALOGUE, weights, strict=True)
        ],
        [list(row) for row in rows],
    )
    for service in data.servizi:
        _card(ctx, service)
