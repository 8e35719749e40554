"""Tables of ``Sostenibilita``: planned evolution of the service, transferable elements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.tables import Column, data_table

if TYPE_CHECKING:
    from pwkit.model.attuazione import Sostenibilita
    from pwkit.render.docx.context import RenderContext


def render_sostenibilita(ctx: RenderContext, data: Sostenibilita) -> None:
    """Evolution by year (if any) and the elements other Province can reuse."""
    if data.evoluzione:
        data_table(
            ctx,
            "Sviluppi previsti",
            [Column("Anno", 0.8, "center"), Column("Sviluppo previsto", 5)],
            [[str(e.anno), e.descrizione] for e in data.evoluzione],
        )
    data_table(
        ctx,
        "Elementi trasferibili ad altre Province",
        [Column("N.", 0.5, "right"), Column("Elemento", 5.3)],
        [[str(n), item] for n, item in enumerate(data.elementi_trasferibili, start=1)],
    )
