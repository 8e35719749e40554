"""Chapter «La rete delle Province»: mentors, peers, and the mentors as a diagram."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.sections.gantt import ACTIVITY_FILL, PHASE_FILL
from pwkit.render.docx.tables import Column, data_table

if TYPE_CHECKING:
    from pwkit.render.docx.report.context import ReportContext


def add_network(report: ReportContext) -> None:
    """The relations declared, with who declares each one."""
    ctx = report.ctx
    network = report.comparison.network
    ctx.heading("La rete delle Province", 1)
    ctx.paragraph(
        report.refs.fill(
            "Le relazioni dichiarate nel frontespizio (Provincia mentor, Province partner) e "
            "negli scambi della {Rete}. «Dichiarato da» dice quale delle due Province lo "
            "scrive nel proprio progetto: quando lo scrive una sola, vale la pena di verificare."
        )
    )
    if not network.mentors and not network.peers:
        ctx.paragraph("Nessun progetto dichiara relazioni con altre Province.")
        return
    if network.mentors:
        data_table(
            ctx,
            "Province mentor e Province affiancate",
            [
                Column("Mentor", 2),
                Column("Provincia affiancata", 2),
                Column("Dichiarato da", 2),
            ],
            [
                [m.mentor, m.mentee, "entrambe" if m.mutual else ", ".join(m.declared_by)]
                for m in network.mentors
            ],
        )
        _add_diagram(report)
    if network.peers:
        data_table(
            ctx,
            "Province partner alla pari",
            [Column("Provincia", 2), Column("Provincia", 2), Column("Dichiarato da", 2)],
            [
                [p.first, p.second, "entrambe" if p.mutual else ", ".join(p.declared_by)]
                for p in network.peers
            ],
        )


def _add_diagram(report: ReportContext) -> None:
    """The mentors as a diagram: each mentor, an arrow, the Province it accompanies."""
    groups = report.comparison.network.mentees_of()
    fills = {(index, 0): PHASE_FILL for index in range(len(groups))}
    fills.update({(index, 2): ACTIVITY_FILL for index in range(len(groups))})
    data_table(
        report.ctx,
        "Schema della rete dei mentor",
        [
            Column("Mentor", 2),
            Column("affianca", 0.8, "center"),
            Column("Province affiancate", 3),
        ],
        [[mentor, "──►", mentees] for mentor, mentees in groups.items()],
        fills=fills,
        bold_columns=frozenset({0}),  # a mentor's name: one line
    )
