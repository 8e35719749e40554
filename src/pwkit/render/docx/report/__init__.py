"""The Word report of phase 4: every project work compared, one page per Provincia, the network.

It is built with the same styles, tables and Italian formatting as a project's document; the
numbers come from ``pwkit.report`` (the CSV and JSON show the same ones), the section numbers
it refers to and the labels from the template's manifest it is given.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.model.project import Project
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.headers import add_header_footer
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.page import landscape, portrait
from pwkit.render.docx.report.areas import add_kpis, add_services
from pwkit.render.docx.report.comuni import add_comuni
from pwkit.render.docx.report.context import ReportContext
from pwkit.render.docx.report.method import add_method
from pwkit.render.docx.report.money import add_money
from pwkit.render.docx.report.network import add_network
from pwkit.render.docx.report.provinces import add_provinces
from pwkit.render.docx.report.risks import add_risks_and_instruments
from pwkit.render.docx.report.summary import add_summary
from pwkit.render.docx.report.timeline import add_timeline
from pwkit.render.docx.report.titlepage import REPORT_TITLE, add_title_page, set_properties
from pwkit.render.docx.saving import save_document
from pwkit.render.docx.toc import add_toc_placeholder, fill_toc
from pwkit.report.references import SectionReferences

if TYPE_CHECKING:
    from pwkit.pack.manifest import TemplateManifest
    from pwkit.render.docx.word import WordDocument
    from pwkit.report.compare import Comparison

__all__ = ["REPORT_TITLE", "build_report", "export_report"]


def _report_context(comparison: Comparison, manifest: TemplateManifest) -> ReportContext:
    """A document in pwkit's styles, framed by ``manifest`` (a project with no data)."""
    frame = Project(Path(), manifest, None, (), ())
    document, numbering = create_document(frame)
    ctx = RenderContext(document, frame, numbering, Lookup.of(frame))
    return ReportContext(ctx, comparison, SectionReferences(manifest))


def build_report(comparison: Comparison, manifest: TemplateManifest) -> WordDocument:
    """The Word report of ``comparison`` (nothing is written to disk).

    ``manifest`` is the template the report speaks of: the programme on the title page, the
    labels of its vocabularies, the numbers of the sections it refers to.
    """
    report = _report_context(comparison, manifest)
    ctx = report.ctx
    add_title_page(report)
    toc = add_toc_placeholder(ctx)
    add_summary(report)
    add_services(report)
    add_kpis(report)
    # Only the calendar needs the width: one column per quarter of the plans.
    landscape(ctx.document)
    add_timeline(report)
    portrait(ctx.document)
    add_comuni(report)
    add_money(report)
    add_risks_and_instruments(report)
    add_network(report)
    add_provinces(report)
    add_method(report)
    fill_toc(ctx, toc)
    add_header_footer(ctx, title=REPORT_TITLE, left="Programma «Province & Comuni»")
    set_properties(report)
    return ctx.document


def export_report(
    comparison: Comparison, manifest: TemplateManifest, output: Path, *, force: bool = False
) -> None:
    """Build the report and write it to ``output`` whole (replacing a file only with ``force``)."""
    save_document(build_report(comparison, manifest), output, force=force)
