"""Tables of ``Organizzazione``: where the service sits, roles, costs and hiring capacity."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeGuard

from pwkit.model.plain import is_model
from pwkit.render.docx.formatting import long_date, money, number
from pwkit.render.docx.tables import Cell, Column, data_table, key_value_table

if TYPE_CHECKING:
    from pwkit.model.edizione11 import CapacitaAssunzionale, OrganizzazioneCapacita
    from pwkit.model.servizio import Organizzazione, Ruolo
    from pwkit.render.docx.context import RenderContext


def yearly_cost(role: Ruolo) -> Decimal:
    """Full-year cost of a role: FTE × cost per FTE, to the cent."""
    return (Decimal(str(role.fte)) * role.costo_annuo_fte).quantize(Decimal("0.01"))


def residual(capacity: CapacitaAssunzionale) -> str:
    """The capacity left: available minus used, both as declared; an overrun says so."""
    left = capacity.spazi_disponibili - capacity.spazi_utilizzati
    return money(left) if left >= 0 else f"nessuna: superata di {money(-left)}"


def _capacity(ctx: RenderContext, capacity: CapacitaAssunzionale) -> None:
    """The hiring capacity the new staff uses (art. 33 DL 34/2019), as the Provincia declares it."""
    items: list[tuple[str, Cell]] = [
        ("Anno", str(capacity.anno)),
        ("Atto che la determina", capacity.atto),
        ("Capacità disponibile", money(capacity.spazi_disponibili)),
        ("Capacità utilizzata dalle nuove assunzioni", money(capacity.spazi_utilizzati)),
        ("Capacità residua", residual(capacity)),
    ]
    if capacity.limite_spesa:
        items.append(("Limite di spesa di personale", capacity.limite_spesa))
    key_value_table(ctx, "Capacità assunzionale", items)


def _with_capacity(data: Organizzazione) -> TypeGuard[OrganizzazioneCapacita]:
    return is_model(data, "OrganizzazioneCapacita")


def render_organizzazione(ctx: RenderContext, data: Organizzazione) -> None:
    """Where the service sits, roles with FTE and yearly cost, the hiring capacity (1.1.0)."""
    struttura = data.struttura
    key_value_table(
        ctx,
        "Collocazione organizzativa",
        [
            ("Unità organizzativa", struttura.unita),
            ("Dirigente responsabile", struttura.dirigente),
            ("Collocazione", struttura.collocazione),
        ],
    )
    rows: list[list[Cell]] = [
        [
            r.id,
            r.ruolo,
            ctx.label(r.area_ccnl),
            ctx.label(r.provenienza),
            number(r.fte),
            money(r.costo_annuo_fte),
            money(yearly_cost(r)),
            long_date(r.dal) if r.dal else None,
        ]
        for r in data.ruoli
    ]
    fte = round(sum(r.fte for r in data.ruoli), 2)
    total = sum((yearly_cost(r) for r in data.ruoli), Decimal(0))
    data_table(
        ctx,
        "Ruoli, FTE e costo annuo del personale",
        [
            Column("ID", 0.55),
            Column("Ruolo", 2),
            Column("Area CCNL", 1.2),
            Column("Provenienza", 1.2),
            Column("FTE", 0.6, "right"),
            Column("Costo annuo per FTE", 1.3, "right"),
            Column("Costo annuo", 1.3, "right"),
            Column("Dal", 1.2),
        ],
        rows,
        total=["", "Totale", "", "", number(fte), "", money(total), ""],
    )
    if _with_capacity(data) and data.capacita_assunzionale is not None:
        _capacity(ctx, data.capacita_assunzionale)
