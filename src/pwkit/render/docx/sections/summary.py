"""Tables of ``Sintesi``: the project at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date, number
from pwkit.render.docx.tables import key_value_table

if TYPE_CHECKING:
    from pwkit.model.analisi import Sintesi
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
