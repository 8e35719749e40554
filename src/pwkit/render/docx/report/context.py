"""What every chapter of the report writes with: the document, the comparison, the references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pwkit.report.figures import CROSS_CUTTING

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext
    from pwkit.report.compare import Comparison
    from pwkit.report.figures import ProjectFigures
    from pwkit.report.references import SectionReferences


@dataclass(frozen=True)
class ReportContext:
    """The document being built, the comparison it shows, «sezione N» by data model."""

    ctx: RenderContext
    comparison: Comparison
    refs: SectionReferences

    @property
    def projects(self) -> list[ProjectFigures]:
        """The projects read, by Provincia."""
        return self.comparison.projects

    def area_label(self, area: str) -> str:
        """The full Italian name of a service area."""
        if area == CROSS_CUTTING:
            return "KPI non legati a un servizio (trasversali)"
        return self.ctx.label(area, "Area")
