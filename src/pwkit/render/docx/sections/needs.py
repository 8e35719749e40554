"""Tables of ``Fabbisogni``: the needs survey, needs by area, hirings, services delivered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date, number, percent, period
from pwkit.render.docx.tables import Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.analisi import Fabbisogni
    from pwkit.render.docx.context import RenderContext


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
