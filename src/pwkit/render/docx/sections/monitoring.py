"""Tables of ``Monitoraggio``: KPIs with baseline and targets, their sources, the reporting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import long_date, number
from pwkit.render.docx.tables import Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.attuazione import Kpi, Monitoraggio
    from pwkit.render.docx.context import RenderContext


def measure(value: float, unit: str) -> str:
    """A value with its unit: ``45%``, ``30 giorni``."""
    unit = unit.strip()
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}".strip()


def _baseline(kpi: Kpi) -> str:
    return f"{measure(kpi.baseline.valore, kpi.unita)} al {long_date(kpi.baseline.data)}"


def _targets(kpi: Kpi) -> list[str]:
    return [f"{measure(t.valore, kpi.unita)} entro il {long_date(t.data)}" for t in kpi.target]


def render_monitoraggio(ctx: RenderContext, data: Monitoraggio) -> None:
    """KPI table (baseline, targets), who measures what, and how results are reported."""
    data_table(
        ctx,
        "Indicatori (KPI): valori di partenza e obiettivi",
        [
            Column("ID", 0.45),
            Column("Indicatore", 2.1),
            Column("Tipo", 0.9),
            Column("Direzione", 0.9),
            Column("Valore di partenza", 1.6),
            Column("Obiettivi", 1.9),
            Column("Frequenza", 0.9),
        ],
        [
            [
                k.id,
                k.nome,
                ctx.label(k.tipo),
                ctx.label(k.direzione),
                _baseline(k),
                _targets(k),
                ctx.label(k.frequenza),
            ]
            for k in data.kpi
        ],
    )
    data_table(
        ctx,
        "Fonti dei dati e responsabili dei KPI",
        [
            Column("ID", 0.45),
            Column("Fonte dei dati", 2.5),
            Column("Fonte del valore di partenza", 2.2),
            Column("Responsabile", 1.8),
        ],
        [[k.id, k.fonte_dati, k.baseline.fonte, ctx.lookup.name(k.responsabile)] for k in data.kpi],
    )
    reporting = data.reporting
    key_value_table(
        ctx,
        "Reporting dei risultati",
        [
            ("Destinatari", reporting.destinatari),
            ("Frequenza", ctx.label(reporting.frequenza)),
            ("Strumento", reporting.strumento),
        ],
    )
