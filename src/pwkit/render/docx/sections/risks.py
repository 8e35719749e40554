"""Tables of ``Rischi``: the risk register with exposure (probability × impact), a heat map."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pwkit.render.docx.table_text as text
from pwkit.render.docx.page import text_width
from pwkit.render.docx.styles import TABLE_TEXT_STYLE
from pwkit.render.docx.tables import EDGE_ROWS, Cell, Column, add_table, data_table, widths_for

if TYPE_CHECKING:
    from pwkit.model.attuazione import Rischi, Rischio
    from pwkit.render.docx.context import RenderContext

#: Probability and impact are scored 1–5.
SCALE = 5
#: Exposure bands (lowest exposure of the band, fill colour): high from 12 (rules.md PW506).
EXPOSURE_BANDS: tuple[tuple[int, str, str], ...] = (
    (12, "alta", "F4B6B6"),
    (6, "media", "FFE699"),
    (1, "bassa", "C6E0B4"),
)

#: How the legend names the fill colours of the bands.
_COLOUR_NAMES = {"F4B6B6": "rosso", "FFE699": "giallo", "C6E0B4": "verde"}


def exposure(risk: Rischio) -> int:
    """Probability × impact (1–25)."""
    return risk.probabilita * risk.impatto


def band(value: int) -> tuple[str, str]:
    """Italian name and fill colour of an exposure value's band."""
    for low, name, fill in EXPOSURE_BANDS:
        if value >= low:
            return name, fill
    return EXPOSURE_BANDS[-1][1], EXPOSURE_BANDS[-1][2]


def _responses(risk: Rischio) -> list[str]:
    lines = list(risk.mitigazione)
    if risk.contingenza:
        lines.append(f"Contingenza: {risk.contingenza}")
    return lines


def render_rischi(ctx: RenderContext, data: Rischi) -> None:
    """The risk register: P × I = exposure, its cell shaded by band (high ≥ 12)."""
    rows: list[list[Cell]] = [
        [
            r.id,
            [r.descrizione, f"Categoria: {ctx.label(r.categoria)}"],
            f"{r.probabilita} × {r.impatto} = {exposure(r)} ({band(exposure(r))[0]})",
            ctx.label(r.strategia),
            _responses(r),
            ctx.lookup.name(r.responsabile),
        ]
        for r in data.rischi
    ]
    data_table(
        ctx,
        "Registro dei rischi",
        [
            Column("ID", 0.45),
            Column("Rischio", 2.4),
            Column("P × I = esposizione", 0.9, "center"),
            Column("Strategia", 0.9),
            Column("Mitigazione e contingenza", 2.6),
            Column("Responsabile", 1.4),
        ],
        rows,
        fills={(index, 2): band(exposure(r))[1] for index, r in enumerate(data.rischi)},
    )
    heat_map(ctx, data)


def heat_map(ctx: RenderContext, data: Rischi) -> None:
    """5×5 matrix: probability (rows, 5 at the top) × impact (columns); ids in their cell.

    Each cell is coloured by the band of its exposure, so the matrix reads as a heat map
    even where it holds no risk.
    """
    caption = "Mappa di calore dei rischi (probabilità × impatto)"
    grid: list[list[Cell]] = [["Probabilità / impatto", *(str(i) for i in range(1, SCALE + 1))]]
    fills: dict[tuple[int, int], str] = {}
    for index, probability in enumerate(range(SCALE, 0, -1), start=1):
        cells: list[Cell] = [str(probability)]
        for impact in range(1, SCALE + 1):
            ids = [
                r.id for r in data.rischi if r.probabilita == probability and r.impatto == impact
            ]
            cells.append(", ".join(ids) if ids else " ")
            fills[index, impact] = band(probability * impact)[1]
        grid.append(cells)
    widths = widths_for([1.6] + [1.0] * SCALE, text_width(ctx.document))
    trs = text.grid_rows(
        ctx,
        grid,
        widths,
        ["center"] * (SCALE + 1),
        header=True,
        kept=text.kept_rows(len(grid), whole=True, edge=EDGE_ROWS),
        fills=fills,
    )
    look = text.look(first_row=True, last_row=False, first_column=True)
    add_table(ctx, caption, text.table_element(ctx, caption, widths, look, trs))
    ctx.p(_legend(), TABLE_TEXT_STYLE)


def _legend() -> str:
    """What the colours of the heat map mean, in words (print in grey, screen readers)."""
    bands = []
    upper = SCALE * SCALE
    for low, name, fill in EXPOSURE_BANDS:
        bands.append(f"{_COLOUR_NAMES[fill]} = esposizione {name} (da {low} a {upper})")
        upper = low - 1
    return (
        "Legenda: righe = probabilità, colonne = impatto (da 1 a 5); in ogni casella i rischi "
        "con quei valori. L’esposizione è probabilità × impatto: " + "; ".join(bands) + "."
    )
