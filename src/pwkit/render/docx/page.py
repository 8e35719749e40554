"""The page: A4 with 2.5 cm margins, landscape and portrait sections, the width left to text."""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from functools import cache
from typing import TYPE_CHECKING, Any

from lxml import etree

from pwkit.render.docx.measure import EMU_PER_TWIP, emu_to_twips, twips_to_emu
from pwkit.render.docx.ns import NAMESPACES, qn
from pwkit.render.docx.oxml import element, insert_before_first, paragraph_properties

if TYPE_CHECKING:
    from pwkit.render.docx.word import WordDocument

PAGE_WIDTH = 11906  # A4, twips
PAGE_HEIGHT = 16838
MARGIN = 1417  # 2.5 cm
HEADER_DISTANCE = 708  # 1.25 cm

#: The children of ``w:sectPr`` after the header and footer references, in schema order.
_SECT_PR_ORDER = (
    "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
    "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
    "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
    "w:sectPrChange",
)  # fmt: skip
_W_P, _W_PPR, _W_SECT_PR = qn("w:p"), qn("w:pPr"), qn("w:sectPr")
_W_PGSZ, _W_PGMAR, _W_TYPE = qn("w:pgSz"), qn("w:pgMar"), qn("w:type")
_W_W, _W_H, _W_ORIENT = qn("w:w"), qn("w:h"), qn("w:orient")
_REFERENCES = (qn("w:headerReference"), qn("w:footerReference"))
#: Where a section break goes in a paragraph's properties: before a tracked change of them.
_BEFORE_PPR_CHANGE = (qn("w:pPrChange"),)


@cache
def _successors(tag: str) -> tuple[str, ...]:
    """The Clark names of the children of ``w:sectPr`` that come after ``tag``."""
    order = _SECT_PR_ORDER
    after = order if tag not in order else order[order.index(tag) + 1 :]
    return tuple(qn(name) for name in after)


def add_to_sect_pr(sect_pr: Any, child: Any, tag: str) -> Any:
    """Add ``child`` (a ``tag``) to ``sect_pr`` where python-docx puts it.

    A header or footer reference goes after those already there, before everything else.
    """
    return insert_before_first(sect_pr, child, _successors(tag))


def sect_pr_child(sect_pr: Any, tag: str) -> Any:
    """The child ``tag`` of ``sect_pr`` (``w:pgSz``, ``w:titlePg``...), added if missing."""
    found = sect_pr.find(qn(tag))
    return found if found is not None else add_to_sect_pr(sect_pr, element(tag), tag)


#: A section's properties: in a body paragraph's, or the body's own (XPath keeps document order).
_SECT_PRS = etree.XPath("w:p/w:pPr/w:sectPr | w:sectPr", namespaces={"w": NAMESPACES["w"]})


def sect_prs(document: WordDocument) -> Iterator[Any]:
    """The ``w:sectPr`` of every section in document order (the body's own one last).

    Found by lxml in one pass: the body's paragraphs are not each made a Python object.
    """
    yield from _SECT_PRS(body_of(document))


def body_of(document: WordDocument) -> Any:
    """The ``w:body`` element of ``document``."""
    return document.body


def _closing_sect_pr(body: Any) -> Any:
    """The body's own ``w:sectPr`` (the last section's properties), added if missing."""
    found = body.find(_W_SECT_PR)
    if found is None:
        found = element("w:sectPr")
        body.append(found)
    return found


def _set_length(parent: Any, name: str, emu: int) -> None:
    parent.set(qn(f"w:{name}"), emu_to_twips(emu))


def _set_size(sect_pr: Any, *, landscape: bool, width: int, height: int) -> None:
    """Orientation, then width and height in EMU, of the page of ``sect_pr``."""
    size = sect_pr_child(sect_pr, "w:pgSz")
    if landscape:
        size.set(_W_ORIENT, "landscape")
    else:
        size.attrib.pop(_W_ORIENT, None)
    _set_length(size, "w", width)
    _set_length(size, "h", height)


def set_page(document: WordDocument) -> None:
    """A4 portrait with 2.5 cm margins (python-docx starts from US Letter)."""
    sect_pr = next(sect_prs(document), None)
    if sect_pr is None:
        sect_pr = _closing_sect_pr(body_of(document))
    _set_size(
        sect_pr,
        landscape=False,
        width=PAGE_WIDTH * EMU_PER_TWIP,
        height=PAGE_HEIGHT * EMU_PER_TWIP,
    )
    for side in ("top", "bottom", "left", "right"):
        _set_length(sect_pr_child(sect_pr, "w:pgMar"), side, MARGIN * EMU_PER_TWIP)
    for distance in ("header", "footer"):
        _set_length(sect_pr_child(sect_pr, "w:pgMar"), distance, HEADER_DISTANCE * EMU_PER_TWIP)
    _set_length(sect_pr_child(sect_pr, "w:pgMar"), "gutter", 0)


def _size_attribute(sect_pr: Any, attribute: str) -> int | None:
    """EMU of ``w:pgSz/@w`` or ``@h`` of ``sect_pr`` (``None`` if it has none)."""
    size = sect_pr.find(_W_PGSZ)
    value = None if size is None else size.get(attribute)
    return None if value is None else twips_to_emu(value)


def _page_sides(document: WordDocument) -> tuple[int, int]:
    """Short and long side in EMU of the first section's page (A4 unless a reference says so)."""
    first = next(sect_prs(document))
    width = _size_attribute(first, _W_W) or PAGE_WIDTH * EMU_PER_TWIP
    height = _size_attribute(first, _W_H) or PAGE_HEIGHT * EMU_PER_TWIP
    return min(width, height), max(width, height)


def _end_section_in(p: Any, sentinel: Any) -> None:
    """Make ``w:p`` end a section with the properties of the body's last one, as they are.

    The last section then inherits its header and footer, and starts on a new page.
    """
    copy = deepcopy(sentinel)
    copy.attrib.clear()  # the rsid* attributes
    insert_before_first(paragraph_properties(p), copy, _BEFORE_PPR_CHANGE)
    for child in list(sentinel):
        if child.tag in _REFERENCES or child.tag == _W_TYPE:
            sentinel.remove(child)


def _new_section(document: WordDocument) -> Any:
    """End the current section with an empty paragraph; the ``w:sectPr`` of the new one."""
    body = body_of(document)
    sentinel = _closing_sect_pr(body)
    p = element("w:p")
    sentinel.addprevious(p)
    _end_section_in(p, sentinel)
    return sentinel


def landscape(document: WordDocument) -> None:
    """Start a landscape section on a new page (width and height swapped, same margins).

    The header and footer stay linked to the previous section.
    """
    short, long = _page_sides(document)
    _set_size(_new_section(document), landscape=True, width=long, height=short)


def portrait(document: WordDocument) -> None:
    """Start a portrait section on a new page (after a landscape one), as the first one.

    When the landscape section ends with a paragraph (the Gantt legend), that paragraph
    carries the section break: python-docx would add an empty one, which can spill onto a
    blank landscape page of its own.
    """
    short, long = _page_sides(document)
    sentinel = _closing_sect_pr(body_of(document))
    last = sentinel.getprevious()
    if last is not None and last.tag == _W_P and last.find(f"{_W_PPR}/{_W_SECT_PR}") is None:
        _end_section_in(last, sentinel)
    else:
        sentinel = _new_section(document)
    _set_size(sentinel, landscape=False, width=short, height=long)


def text_width(document: WordDocument) -> int:
    """Usable width of the last section in twips (tables are sized from it).

    The last section's properties are the body's closing ``w:sectPr``: reading them at the
    end of the body avoids a search of the whole body on every call.
    """
    body = body_of(document)
    last = body[-1] if len(body) else None
    closing = last if last is not None and last.tag == _W_SECT_PR else _closing_sect_pr(body)
    return section_text_width(closing)


def section_text_width(sect_pr: Any) -> int:
    """Usable width in twips of the section ``sect_pr``: the page less its side margins."""
    page = _size_attribute(sect_pr, _W_W) or PAGE_WIDTH * EMU_PER_TWIP
    margins = sect_pr.find(_W_PGMAR)
    left = None if margins is None else margins.get(qn("w:left"))
    right = None if margins is None else margins.get(qn("w:right"))
    left_emu = MARGIN * EMU_PER_TWIP if left is None else twips_to_emu(left)
    right_emu = MARGIN * EMU_PER_TWIP if right is None else twips_to_emu(right)
    return round((page - left_emu - right_emu) / EMU_PER_TWIP)
