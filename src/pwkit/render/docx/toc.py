"""The table of contents: a real TOC field Word updates, pre-filled so it is never blank."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pwkit.render.docx.context import TOC_LEVELS
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import element, field_runs, xml_safe

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext
    from pwkit.render.docx.word import WordDocument

TOC_TITLE = "Indice"
_GALLERY = f".//{qn('w:docPartGallery')}"


def add_toc_placeholder(ctx: RenderContext) -> Any:
    """Reserve the TOC's place (a ``w:p``): ``fill_toc`` replaces it once every heading is known."""
    return ctx.paragraph()


def _paragraph(style_id: str) -> Any:
    paragraph = element("w:p")
    ppr = element("w:pPr")
    ppr.append(element("w:pStyle", val=style_id))
    paragraph.append(ppr)
    return paragraph


def _text_run(text: str) -> Any:
    run = element("w:r")
    t = element("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = xml_safe(text)
    run.append(t)
    return run


def fill_toc(ctx: RenderContext, placeholder: Any) -> None:
    r"""Replace the placeholder with the TOC: ``TOC \o "1-2" \h \z \u`` marked dirty.

    Entries link to the headings' bookmarks; their page numbers are PAGEREF fields whose
    value Word (on update) or LibreOffice computes. Pre-filling matters: LibreOffice and
    previews show only the cached result, and drop an empty TOC field on import.
    """
    sdt = element("w:sdt")
    sdt_pr = element("w:sdtPr")
    part_obj = element("w:docPartObj")
    part_obj.append(element("w:docPartGallery", val="Table of Contents"))
    part_obj.append(element("w:docPartUnique"))
    sdt_pr.append(part_obj)
    sdt.append(sdt_pr)
    content = element("w:sdtContent")
    sdt.append(content)

    title = _paragraph(ctx.style_id("TOC Heading"))
    title.append(_text_run(TOC_TITLE))
    content.append(title)

    begin = field_runs(f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u', "", dirty=True)[:3]
    styles = {level: ctx.style_id(f"toc {level}") for level in range(1, TOC_LEVELS + 1)}
    entries = ctx.toc or []
    for index, entry in enumerate(entries):
        paragraph = _paragraph(styles[entry.level])
        if index == 0:
            for run in begin:
                paragraph.append(run)
        link = element("w:hyperlink", anchor=entry.bookmark, history="1")
        if entry.number:
            link.append(_text_run(entry.number))
            number_tab = element("w:r")
            number_tab.append(element("w:tab"))
            link.append(number_tab)
        link.append(_text_run(entry.text))
        tab = element("w:r")
        tab.append(element("w:tab"))
        link.append(tab)
        for run in field_runs(f"PAGEREF {entry.bookmark} \\h", ""):
            link.append(run)
        paragraph.append(link)
        content.append(paragraph)
    # The field ends in the last entry: an extra empty paragraph could spill onto a page
    # of its own when the TOC fills its page.
    if entries:
        closing = content[-1]
    else:
        closing = _paragraph(styles[1])
        for run in begin:
            closing.append(run)
        content.append(closing)
    end = element("w:r")
    end.append(element("w:fldChar", fldCharType="end"))
    closing.append(end)

    placeholder.addprevious(sdt)
    placeholder.getparent().remove(placeholder)


def set_toc_pages(document: WordDocument, pages: Sequence[int]) -> bool:
    """Write ``pages`` into the TOC entries' page fields and stop asking Word to update it.

    False (nothing changed) when the number of pages is not that of the entries.
    """
    sdt = next(
        (s for s in document.body.iter(qn("w:sdt")) if s.find(_GALLERY) is not None),
        None,
    )
    if sdt is None:
        return False
    results = [
        instr.getparent().getnext().getnext()
        for instr in sdt.iter(qn("w:instrText"))
        if (instr.text or "").strip().startswith("PAGEREF")
    ]
    if len(results) != len(pages) or not results:
        return False
    for run, page in zip(results, pages, strict=True):
        run.find(qn("w:t")).text = str(page)
    for char in sdt.iter(qn("w:fldChar")):
        char.attrib.pop(qn("w:dirty"), None)
    return True
