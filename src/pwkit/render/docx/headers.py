"""Running header (Provincia and title) and footer ("Pagina X di Y" with PAGE/NUMPAGES)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pwkit.load.ente import body_name
from pwkit.render.docx.draft import mark_header
from pwkit.render.docx.measure import EMU_PER_TWIP, emu_to_twips, twips_to_emu
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import (
    element,
    field_runs,
    get_or_add,
    insert_before_first,
    paragraph_properties,
    run_element,
    set_p_style,
)
from pwkit.render.docx.page import add_to_sect_pr, sect_pr_child, sect_prs, section_text_width

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext
    from pwkit.render.docx.word import WordDocument

#: Longest title shown in the running header before it is shortened with "…" (one line
#: beside the body's name, e.g. "Provincia di …", at 9 pt).
HEADER_TITLE_MAX = 60

_W_P, _W_PPR, _W_TAB, _W_TABS = qn("w:p"), qn("w:pPr"), qn("w:tab"), qn("w:tabs")
_W_POS, _W_VAL, _W_TYPE, _R_ID = qn("w:pos"), qn("w:val"), qn("w:type"), qn("r:id")
#: Where a style's ``w:pPr`` goes: before the first of these children of ``w:style``.
_STYLE_PPR_SUCCESSORS = tuple(
    qn(t) for t in ("w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")
)

Story = Literal["header", "footer"]


def short_title(title: str, limit: int = HEADER_TITLE_MAX) -> str:
    """The title cut at a word boundary so it fits the header on one line."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def new_story(document: WordDocument, kind: Story) -> tuple[str, Any]:
    """A new header or footer part, related from the document: its rId and its root element.

    The part is ``/word/header<N>.xml`` (``footer<N>``), the lowest ``N`` no part of the
    package has, made from python-docx's default header (footer) template: a ``w:hdr``
    (``w:ftr``) holding one paragraph in the Header (Footer) style. The document part relates
    to it with its lowest free ``rId<N>``. This is the one place a header or footer part is
    made: the order of the calls decides the part names and rIds, compared byte for byte.
    """
    return document.add_header() if kind == "header" else document.add_footer()


def _add_reference(sect_pr: Any, kind: Story, page: str, rid: str) -> None:
    """Point the ``page`` pages (``default``, ``first``) of ``sect_pr`` at story ``rid``."""
    tag = f"w:{kind}Reference"
    reference = add_to_sect_pr(sect_pr, element(tag), tag)
    reference.set(_W_TYPE, page)
    reference.set(_R_ID, rid)


def _new_paragraph(ctx: RenderContext, sect_pr: Any, kind: Story, page: str) -> tuple[str, Any]:
    """A new header or footer of the ``page`` pages of ``sect_pr``: its rId and paragraph.

    The paragraph is the one the new part holds, in the Header (Footer) style.
    """
    rid, root = new_story(ctx.document, kind)
    _add_reference(sect_pr, kind, page, rid)
    p = root.find(_W_P)
    set_p_style(p, ctx.style_id("Header" if kind == "header" else "Footer"))
    return rid, p


def _mark(ctx: RenderContext, rid: str, p: Any) -> None:
    """The draft mark in ``p``, a paragraph of the header ``rid`` (drafts only).

    The watermark is numbered from the name of the header part, the one ``rid`` relates the
    document to.
    """
    if ctx.draft is None:
        return
    mark_header(ctx, p, ctx.document.part.rels[rid].part.partname)


def _page_x_of_y(p: Any) -> None:
    run_element(p, "Pagina ")
    p.extend(field_runs("PAGE", "1"))
    run_element(p, " di ")
    p.extend(field_runs("NUMPAGES", "1"))


def _style_tab_positions(ctx: RenderContext, name: str) -> list[int]:
    """EMU of the tab stops the style ``name`` defines itself (its ``w:pPr`` made if missing).

    python-docx made the empty ``w:pPr`` when it read the stops: it stays in the output.
    """
    style = ctx.style(name)
    ppr = style.find(_W_PPR)
    if ppr is None:
        ppr = insert_before_first(style, element("w:pPr"), _STYLE_PPR_SUCCESSORS)
    tabs = ppr.find(_W_TABS)
    if tabs is None:
        return []
    return [twips_to_emu(tab.get(_W_POS), signed=True) for tab in tabs.iterchildren(_W_TAB)]


def _add_tab(p: Any, position: int, alignment: str) -> None:
    """A tab stop at ``position`` EMU, among the paragraph's stops in order of position."""
    tabs = get_or_add(paragraph_properties(p), "w:tabs")
    tab = element("w:tab")
    tab.set(_W_POS, emu_to_twips(position))
    tab.set(_W_VAL, alignment)
    new = twips_to_emu(tab.get(_W_POS), signed=True)
    for existing in tabs.iterchildren(_W_TAB):
        if new < twips_to_emu(existing.get(_W_POS), signed=True):
            existing.addprevious(tab)
            return
    tabs.append(tab)


def _right_tab_at(ctx: RenderContext, p: Any, width: int) -> None:
    """One right tab stop at the right margin of a section ``width`` twips wide.

    The Header style's own stops suit one page width only: in a landscape section the title
    would stop two-thirds across. Word's alignment tabs relative to the margin (``w:ptab``)
    would suit every width, but LibreOffice places them wrongly.
    """
    margin = width * EMU_PER_TWIP
    for inherited in _style_tab_positions(ctx, "Header"):
        if inherited != margin:
            _add_tab(p, inherited, "clear")
    _add_tab(p, margin, "right")


def _write_running(ctx: RenderContext, sect_pr: Any, left: str, title: str) -> None:
    """The header and footer of the pages of section ``sect_pr`` after the title page."""
    rid, paragraph = _new_paragraph(ctx, sect_pr, "header", "default")
    _right_tab_at(ctx, paragraph, section_text_width(sect_pr))
    run_element(paragraph, f"{left}\t{title}")
    if ctx.draft is not None:
        marker = element("w:p")
        paragraph.addprevious(marker)
        set_p_style(marker, ctx.style_id("Header"))
        _mark(ctx, rid, marker)
    _page_x_of_y(_new_paragraph(ctx, sect_pr, "footer", "default")[1])


def _write_title_page(ctx: RenderContext, sect_pr: Any) -> None:
    """The title page's header (the draft mark, in a draft) and its footer, without number."""
    sect_pr_child(sect_pr, "w:titlePg").attrib.pop(_W_VAL, None)
    _mark(ctx, *_new_paragraph(ctx, sect_pr, "header", "first"))
    _new_paragraph(ctx, sect_pr, "footer", "first")  # empty: a cover carries no page number


def _default_reference(sect_pr: Any, kind: Story) -> str:
    """The rId of the header or footer of the pages of ``sect_pr`` after the first."""
    tag = qn(f"w:{kind}Reference")
    return str(next(r.get(_R_ID) for r in sect_pr.iterchildren(tag) if r.get(_W_TYPE) == "default"))


def _share_running(sect_pr: Any, model: Any) -> None:
    """Point section ``sect_pr`` at the header and footer of ``model`` (a section as wide)."""
    header, footer = _default_reference(model, "header"), _default_reference(model, "footer")
    _add_reference(sect_pr, "header", "default", header)
    _add_reference(sect_pr, "footer", "default", footer)


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
    sections = list(sect_prs(ctx.document))
    _write_title_page(ctx, sections[0])
    by_width: dict[int, Any] = {}
    for sect_pr in sections:
        width = section_text_width(sect_pr)
        if width in by_width:
            _share_running(sect_pr, by_width[width])
        else:
            _write_running(ctx, sect_pr, left, title)
            by_width[width] = sect_pr
