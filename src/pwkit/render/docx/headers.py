"""Running header (Provincia and title) and footer ("Pagina X di Y" with PAGE/NUMPAGES)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.load.ente import body_name
from pwkit.render.docx.draft import mark_header
from pwkit.render.docx.oxml import add_field, add_run, set_paragraph_style

if TYPE_CHECKING:
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


def add_header_footer(
    ctx: RenderContext, *, title: str | None = None, left: str | None = None
) -> None:
    """Header on every page but the title page; the footer numbers every page.

    The header shows ``left`` and ``title`` (by default the body's name and the project's title).
    A draft says «BOZZA» on a line of its own above the header of every page, the title
    page included (later sections, such as the landscape Gantt, link to these headers).
    """
    progetto = ctx.project.progetto
    if title is None:
        title = progetto.titolo if progetto else ctx.project.manifest.title
    title = short_title(title)
    if left is None:
        left = body_name(progetto.provincia) if progetto else ""
    header_style = ctx.style_id("Header")
    footer_style = ctx.style_id("Footer")
    # Defined on the first section only: later sections (the landscape Gantt) link to it.
    section = ctx.document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    set_paragraph_style(paragraph, header_style)
    add_run(paragraph, f"{left}\t\t{title}")
    if ctx.draft is not None:
        marker = paragraph.insert_paragraph_before()
        set_paragraph_style(marker, header_style)
        mark_header(ctx, marker)
    first_header = section.first_page_header
    first_header.is_linked_to_previous = False
    set_paragraph_style(first_header.paragraphs[0], header_style)
    mark_header(ctx, first_header.paragraphs[0])
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        set_paragraph_style(paragraph, footer_style)
        _page_x_of_y(paragraph)
