"""The page: A4 with 2.5 cm margins, landscape and portrait sections, the width left to text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Length, Twips

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

PAGE_WIDTH = 11906  # A4, twips
PAGE_HEIGHT = 16838
MARGIN = 1417  # 2.5 cm
HEADER_DISTANCE = 708  # 1.25 cm


def set_page(document: Document) -> None:
    """A4 portrait with 2.5 cm margins (python-docx starts from US Letter)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(PAGE_WIDTH)
    section.page_height = Twips(PAGE_HEIGHT)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(HEADER_DISTANCE)
    section.gutter = Twips(0)


def _page_sides(document: Document) -> tuple[Length, Length]:
    """Short and long side of the first section's page (A4 unless a reference says otherwise)."""
    first = document.sections[0]
    width = first.page_width or Twips(PAGE_WIDTH)
    height = first.page_height or Twips(PAGE_HEIGHT)
    return Length(min(width, height)), Length(max(width, height))


def landscape(document: Document) -> None:
    """Start a landscape section on a new page (width and height swapped, same margins).

    The header and footer stay linked to the previous section.
    """
    short, long = _page_sides(document)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = long
    section.page_height = short


def portrait(document: Document) -> None:
    """Start a portrait section on a new page (after a landscape one), as the first one.

    When the landscape section ends with a paragraph (the Gantt legend), that paragraph
    carries the section break: python-docx would add an empty one, which can spill onto a
    blank landscape page of its own.
    """
    short, long = _page_sides(document)
    body = document.element.body
    sentinel = body.get_or_add_sectPr()
    last = sentinel.getprevious()
    if (
        last is not None
        and last.tag == qn("w:p")
        and last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None
    ):
        last.set_sectPr(sentinel.clone())
        for reference in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(reference)
        sentinel.start_type = WD_SECTION.NEW_PAGE
        section = document.sections[-1]
    else:
        section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = short
    section.page_height = long


def text_width(document: Document) -> int:
    """Usable width of the last section in twips (tables are sized from it).

    The last section's properties are the body's closing ``w:sectPr``: reading them there
    avoids ``document.sections``, which searches the whole body on every call.
    """
    from docx.section import Section

    body = document.element.body
    last = body[-1] if len(body) else None
    sect_pr = last if last is not None and last.tag == qn("w:sectPr") else body.get_or_add_sectPr()
    return section_text_width(Section(sect_pr, document.part))


def section_text_width(section: Section) -> int:
    """Usable width of ``section`` in twips: the page less its left and right margins."""
    page = section.page_width or Twips(PAGE_WIDTH)
    left = section.left_margin if section.left_margin is not None else Twips(MARGIN)
    right = section.right_margin if section.right_margin is not None else Twips(MARGIN)
    return round((page - left - right) / 635)
