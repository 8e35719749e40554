"""Word export of a project work: ``build_document`` and ``export_docx``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.draft import add_draft_matter
from pwkit.render.docx.files import document_files, reference_of
from pwkit.render.docx.frozen import FrozenBody
from pwkit.render.docx.headers import add_header_footer
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.placement import last_block, place_tables, renumber_tables
from pwkit.render.docx.prose import ProseRenderer
from pwkit.render.docx.saving import pages_left_to_word, save_document
from pwkit.render.docx.sections import render_structured
from pwkit.render.docx.tables import Column, data_table
from pwkit.render.docx.titlepage import add_title_page
from pwkit.render.docx.toc import add_toc_placeholder, fill_toc

if TYPE_CHECKING:
    from pathlib import Path

    from pwkit.base.diagnostics import CheckReport
    from pwkit.base.fsutil import ResolvedFiles
    from pwkit.model.project import Project, Section
    from pwkit.render.docx.word import WordDocument

#: Title of the closing chapter that lists the annexes.
ANNEXES_TITLE = "Allegati"

__all__ = ["ANNEXES_TITLE", "build_document", "export_docx"]


def _sections_in_order(project: Project) -> list[tuple[str, Section | None]]:
    """Every section of the manifest, in its order, with the project's section if loaded."""
    by_key = {s.spec.key: s for s in project.sections}
    return [(spec.title, by_key.get(spec.key)) for spec in project.manifest.sections]


def _add_annexes(ctx: RenderContext) -> None:
    progetto = ctx.project.progetto
    if progetto is None or not progetto.allegati:
        return
    ctx.heading(ANNEXES_TITLE, 1, numbered=False)
    data_table(
        ctx,
        "Elenco degli allegati",
        [Column("N.", 0.5, "right"), Column("Allegato", 3.6), Column("File", 2.4)],
        [[str(n), a.titolo, a.file] for n, a in enumerate(progetto.allegati, start=1)],
    )


def build_document(
    project: Project,
    *,
    files: ResolvedFiles | None = None,
    draft: CheckReport | None = None,
    warnings: list[str] | None = None,
    frozen: FrozenBody | None = None,
) -> WordDocument:
    """The complete Word document of ``project`` (nothing is written to disk).

    ``files`` are the logos and the reference document as the check resolved them
    (``CheckResult``); without them they are resolved here. With ``draft`` (the check's
    findings) the document is a draft (``--bozza``). What the user should know about how it
    was built (Italian sentences) is added to ``warnings``. With ``frozen``, each finished
    chapter leaves the tree as XML bytes (``frozen.py``), written back when the document is
    saved: the tree of a long document is never whole in memory.
    """
    files = document_files(project) if files is None else files
    document, numbering = create_document(
        project, reference=reference_of(project, files), warnings=warnings
    )
    ctx = RenderContext(
        document, project, numbering, Lookup.of(project), draft=draft, files=files, frozen=frozen
    )
    add_title_page(ctx)
    toc = add_toc_placeholder(ctx)
    prose = ProseRenderer(ctx)
    for title, section in _sections_in_order(project):
        heading = ctx.heading(title, 1)
        if section is None:
            continue
        anchors = {}
        if section.body is not None:
            anchors = prose.render(section.body.tokens)
            section.body.release()
        prose_end = last_block(ctx)
        render_structured(ctx, section.data)
        place_tables(ctx, section.spec, heading, prose_end, anchors)
        renumber_tables(ctx, heading)
        if frozen is not None:
            frozen.chapter_done(heading)
    _add_annexes(ctx)
    add_draft_matter(ctx)
    fill_toc(ctx, toc)
    add_header_footer(ctx)
    if frozen is not None:
        frozen.attach(document)
    return document


def export_docx(
    project: Project,
    output: Path,
    *,
    files: ResolvedFiles | None = None,
    draft: CheckReport | None = None,
    force: bool = False,
) -> list[str]:
    """Build the document and write it to ``output`` whole (all or nothing).

    An existing ``output`` is replaced only with ``force``: see :func:`fsutil.write_output`.
    Returns the warnings to show the user (Italian sentences), e.g. what was removed from
    the reference document, or that the TOC's page numbers are left to Word.
    """
    warnings: list[str] = []
    frozen = FrozenBody()
    document = build_document(project, files=files, draft=draft, warnings=warnings, frozen=frozen)
    if not save_document(document, output, force=force, after_save=frozen.require_spliced):
        warnings.append(pages_left_to_word())
    return warnings
