"""Running header (Provincia and title) and footer ("Pagina X di Y" with PAGE/NUMPAGES)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.render.docx.oxml import add_field, add_run

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

    from pwkit.render.docx.context import RenderContext

#: Longest title shown in the running header before it is shortened with "…".
HEADER_TITLE_MAX = 70


def _page_x_of_y(paragraph: Paragraph) -> None:
    add_run(paragraph, "Pagina ")
    add_field(paragraph, "PAGE", "1")
    add_run(paragraph, " di ")
    add_field(paragraph, "NUMPAGES", "1")


def add_header_footer(ctx: RenderContext) -> None:
    """Header on every page but the title page; the footer numbers every page."""
    progetto = ctx.project.progetto
    title = progetto.titolo if progetto else ctx.project.manifest.title
    if len(title) > HEADER_TITLE_MAX:
        title = title[: HEADER_TITLE_MAX - 1].rstrip() + "…"
    left = f"Provincia di {progetto.provincia.nome}" if progetto else ""
    header_style = ctx.style("Header")
    footer_style = ctx.style("Footer")
    for section in ctx.document.sections:
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = header_style
        add_run(paragraph, f"{left}\t\t{title}")
        first_header = section.first_page_header
        first_header.is_linked_to_previous = False
        first_header.paragraphs[0].style = header_style
        for footer in (section.footer, section.first_page_footer):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = footer_style
            _page_x_of_y(paragraph)
