"""Running header (Provincia and title) and footer ("Pagina X di Y" with PAGE/NUMPAGES)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.section import WD_HEADER_FOOTER
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Twips

from pwkit.load.ente import body_name
from pwkit.render.docx.draft import mark_header
from pwkit.render.docx.oxml import add_field, add_run, set_paragraph_style
from pwkit.render.docx.page import section_text_width

if TYPE_CHECKING:
    from docx.section import Section
    from docx.text.paragraph import Paragraph

    from pwkit.render.docx.context import RenderContext

#: Longest title shown in the running header before it is shortened with "…" (one line
#: beside the body's name, e.g. "Provincia di …", at 9 pt).
HEADER_TITLE_MAX = 60


def short_title(title: str, limit: int = HEADER_TITLE_MAX) -> str:
    """The title cut at a word boundary so it fits the header on one line."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def _page_x_of_y(paragraph: Paragraph) -> None:
    add_run(paragraph, "Pagina ")
    add_field(paragraph, "PAGE", "1")
    add_run(paragraph, " di ")
    add_field(paragraph, "NUMPAGES", "1")


def _right_tab_at(ctx: RenderContext, paragraph: Paragraph, width: int) -> None:
    """One right tab stop at the right margin of a section ``width`` twips wide.

    The Header style's own stops suit one page width only: in a landscape section the title
    would stop two-thirds across. Word's alignment tabs relative to the margin (``w:ptab``)
    would suit every width, but LibreOffice places them wrongly.
    """
    stops = paragraph.paragraph_format.tab_stops
    for inherited in ctx.style("Header").paragraph_format.tab_stops:
        if inherited.position != Twips(width):
            stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT)


def _write_running(ctx: RenderContext, section: Section, left: str, title: str) -> None:
    """The header and footer of the pages of ``section`` after the title page."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    set_paragraph_style(paragraph, ctx.style_id("Header"))
    _right_tab_at(ctx, paragraph, section_text_width(section))
    add_run(paragraph, f"{left}\t{title}")
    if ctx.draft is not None:
        marker = paragraph.insert_paragraph_before()
        set_paragraph_style(marker, ctx.style_id("Header"))
        mark_header(ctx, marker)
    footer = section.footer
    footer.is_linked_to_previous = False
    set_paragraph_style(footer.paragraphs[0], ctx.style_id("Footer"))
    _page_x_of_y(footer.paragraphs[0])


def _write_title_page(ctx: RenderContext, section: Section) -> None:
    """The title page's header (the draft mark, in a draft) and its footer, without number."""
    section.different_first_page_header_footer = True
    first_header = section.first_page_header
    first_header.is_linked_to_previous = False
    set_paragraph_style(first_header.paragraphs[0], ctx.style_id("Header"))
    mark_header(ctx, first_header.paragraphs[0])
    first_footer = section.first_page_footer  # empty: a cover carries no page number
    first_footer.is_linked_to_previous = False
    set_paragraph_style(first_footer.paragraphs[0], ctx.style_id("Footer"))


def _share_running(section: Section, model: Section) -> None:
    """Point ``section`` at the header and footer of ``model`` (a section as wide)."""
    sect_pr, source = section._sectPr, model._sectPr
    header = source.get_headerReference(WD_HEADER_FOOTER.PRIMARY)
    footer = source.get_footerReference(WD_HEADER_FOOTER.PRIMARY)
    assert header is not None and footer is not None  # written by _write_running
    sect_pr.add_headerReference(WD_HEADER_FOOTER.PRIMARY, header.rId)
    sect_pr.add_footerReference(WD_HEADER_FOOTER.PRIMARY, footer.rId)


def add_header_footer(
    ctx: RenderContext, *, title: str | None = None, left: str | None = None
) -> None:
    """Header and numbered footer on every page but the title page (which counts as page 1).

    The header shows ``left`` and ``title`` (by default the body's name and the project's
    title), the title flush with the right margin. Sections as wide as the first one share
    its header and footer; a section of another width (the landscape Gantt) gets its own,
    with the tab stop at its own margin. A draft says «BOZZA» on a line of its own above the
    header of every page, the title page included.
    """
    progetto = ctx.project.progetto
    if title is None:
        title = progetto.titolo if progetto else ctx.project.manifest.title
    title = short_title(title)
    if left is None:
        left = body_name(progetto.provincia) if progetto else ""
    sections = list(ctx.document.sections)
    _write_title_page(ctx, sections[0])
    by_width: dict[int, Section] = {}
    for section in sections:
        width = section_text_width(section)
        if width in by_width:
            _share_running(section, by_width[width])
        else:
            _write_running(ctx, section, left, title)
            by_width[width] = section
