"""Chapter «Come sono calcolate le cifre»: where each figure of the report comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.formatting import number
from pwkit.render.docx.oxml import set_p_numbering
from pwkit.report.figures import SMALL_COMUNE

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext
    from pwkit.report.references import SectionReferences


def _rules(refs: SectionReferences) -> tuple[str, ...]:
    """One sentence per kind of figure, naming the sections it comes from."""
    return (
        "Ogni progetto è controllato con le stesse regole di pwkit check; le cifre vengono "
        "dai dati strutturati delle sezioni valide, mai dal testo.",
        f"Comuni: righe di dati/comuni.csv; piccoli Comuni sotto i {number(SMALL_COMUNE)} "
        f"abitanti; Comuni target dalla {refs['Sintesi']}.",
        f"FTE e costo del personale: somma dei ruoli della {refs['Organizzazione']} (FTE × "
        f"costo annuo per FTE, a regime). Costi e finanziamenti: somma delle voci della "
        f"{refs['Economia']} di tutti gli anni.",
        f"Calendario: milestone della {refs['Piano']}; primo avvio: la data di avvio più "
        f"vicina tra i servizi della {refs['CatalogoServizi']}.",
        f"KPI per area: ogni KPI della {refs['Monitoraggio']} conta nell'area dei servizi che "
        "lo usano.",
        f"Rete: Provincia mentor e partner del frontespizio, scambi della {refs['Rete']}.",
    )


def add_method(report: ReportContext) -> None:
    """The rules behind the figures, as a bulleted list."""
    ctx = report.ctx
    ctx.heading("Come sono calcolate le cifre", 1)
    for line in _rules(report.refs):
        set_p_numbering(ctx.paragraph(line, "List Bullet"), ctx.numbering.bullet_num, 0)
