"""pwkit's styles in a reference document: matched by name, added where missing, made to fit.

Styles are matched by **name** ("heading 1"), never by styleId, which Italian Word localises
("Titolo1").

A style the renderer needs and the reference lacks gets pwkit's own definition (as Pandoc
does with its default reference.docx). Refusing instead would reject almost every real
reference: Word stores in ``styles.xml`` only the styles a document has used or changed,
so a template made in Word rarely defines "List Number", "Caption" or "TOC Heading", and
never pwkit's own table and title-page styles.

What pwkit needs to build the document wins over the reference: Heading 1–3 are numbered
by pwkit's multilevel list (1, 1.1, 1.1.1), Heading 1 and the TOC heading start a new
page, a caption stays with its table; the proofing language is Italian; headers and
footers are pwkit's ("Pagina X di Y").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import element, numbering_properties, set_lang
from pwkit.render.docx.package import parse_xml
from pwkit.render.docx.styles import FONT, LANG

if TYPE_CHECKING:
    from pwkit.render.docx.numbering import Numbering
    from pwkit.render.docx.word import WordDocument

#: Styles pwkit's definitions are based on without defining them (Word always has them).
_BASE_STYLES = {"DefaultParagraphFont": "Default Paragraph Font", "TableNormal": "Normal Table"}
#: Order of a ``w:style``'s children after its paragraph properties.
_AFTER_PPR = ("w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")


def _attr(elm: Any, tag: str) -> str | None:
    child = elm.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _styles(document: WordDocument) -> list[Any]:
    return list(document.styles.findall(qn("w:style")))


def _by_name(document: WordDocument) -> dict[str, str]:
    """The styleId of every style by name (the first one wins, as in Word)."""
    found: dict[str, str] = {}
    for style in _styles(document):
        name = _attr(style, "w:name")
        if name is not None:
            found.setdefault(name, style.get(qn("w:styleId")))
    return found


def _normalise_names(document: WordDocument, names: set[str]) -> None:
    """Spell built-in names as Word does ("heading 1"), whatever tool wrote the reference."""
    folded = {n.casefold(): n for n in names}
    present = set(_by_name(document))
    for style in _styles(document):
        name_elm = style.find(qn("w:name"))
        if name_elm is None:
            continue
        name = name_elm.get(qn("w:val"))
        canonical = folded.get(name.casefold())
        if canonical is not None and canonical != name and canonical not in present:
            name_elm.set(qn("w:val"), canonical)
            present.add(canonical)


def _parse(definitions: list[str]) -> list[Any]:
    return [parse_xml(xml.strip()) for xml in definitions]


def plan_style_ids(document: WordDocument, definitions: list[str]) -> dict[str, str]:
    """Map pwkit's styleIds to those the styles have (or will have) in the reference.

    A style the reference has keeps its (possibly localised) id; one it lacks keeps pwkit's
    id, made unique if the reference uses it for another style.
    """
    parsed = _parse(definitions)
    _normalise_names(
        document, {str(_attr(s, "w:name")) for s in parsed} | set(_BASE_STYLES.values())
    )
    by_name = _by_name(document)
    taken = {s.get(qn("w:styleId")) for s in _styles(document)}
    plan: dict[str, str] = {}
    for style in parsed:
        pwkit_id = style.get(qn("w:styleId"))
        existing = by_name.get(str(_attr(style, "w:name")))
        if existing is not None:
            plan[pwkit_id] = existing
            continue
        candidate, n = pwkit_id, 1
        while candidate in taken:
            candidate, n = f"{pwkit_id}{n}", n + 1
        taken.add(candidate)
        plan[pwkit_id] = candidate
    for pwkit_id, name in _BASE_STYLES.items():
        if name in by_name:
            plan[pwkit_id] = by_name[name]
    return plan


def _style_ppr(style: Any) -> Any:
    """The style's ``w:pPr``, created before its run and table properties if missing."""
    ppr = style.find(qn("w:pPr"))
    if ppr is not None:
        return ppr
    ppr = element("w:pPr")
    for tag in _AFTER_PPR:
        later = style.find(qn(tag))
        if later is not None:
            later.addprevious(ppr)
            return ppr
    style.append(ppr)
    return ppr


def _adapt_definition(style: Any, plan: dict[str, str], has_default: bool) -> None:
    """Make one of pwkit's definitions fit the reference: its ids, font and links."""
    style.set(qn("w:styleId"), plan[style.get(qn("w:styleId"))])
    if has_default:
        style.attrib.pop(qn("w:default"), None)
    for tag in ("w:basedOn", "w:next"):
        ref = style.find(qn(tag))
        if ref is not None:
            target = plan.get(ref.get(qn("w:val")))
            if target is None:
                style.remove(ref)
            else:
                ref.set(qn("w:val"), target)
    # Linked character styles ("Heading 1 Char") are not added: drop the link.
    for link in style.findall(qn("w:link")):
        style.remove(link)
    # pwkit's font goes: the style inherits the reference's font.
    for fonts in list(style.iter(qn("w:rFonts"))):
        if fonts.get(qn("w:ascii")) == FONT:
            fonts.getparent().remove(fonts)


def adopt_styles(
    document: WordDocument, definitions: list[str], plan: dict[str, str], numbering: Numbering
) -> list[str]:
    """Add pwkit's definition of every needed style the reference lacks; fix what pwkit needs.

    Returns the names of the styles added.
    """
    styles_elm = document.styles
    by_name = _by_name(document)
    has_default = any(
        s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in {"1", "true", "on"}
        for s in _styles(document)
    )
    added = []
    for style in _parse(definitions):
        name = str(_attr(style, "w:name"))
        if name in by_name:
            continue
        _adapt_definition(style, plan, has_default)
        styles_elm.append(style)
        added.append(name)
    _enforce_structure(document, plan, numbering)
    _italian(document)
    return added


def _find(document: WordDocument, style_id: str) -> Any:
    return document.styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")


def _enforce_structure(document: WordDocument, plan: dict[str, str], numbering: Numbering) -> None:
    """Heading numbering and page breaks: what the document's structure relies on."""
    heading_ids = [plan[f"Heading{level}"] for level in (1, 2, 3)]
    for level, style_id in enumerate(heading_ids, start=1):
        ppr = _style_ppr(_find(document, style_id))
        if level == 1:
            set_child(ppr, element("w:pageBreakBefore"))
        set_child(ppr, numbering_properties(numbering.heading_num, level - 1))
        set_child(ppr, element("w:outlineLvl", val=str(level - 1)))
    toc_heading = _style_ppr(_find(document, plan["TOCHeading"]))
    set_child(toc_heading, element("w:pageBreakBefore"))
    # A caption stays on the page of the table it introduces.
    set_child(_style_ppr(_find(document, plan["Caption"])), element("w:keepNext"))
    # Styles based on a heading (Word's "TOC Heading" is based on Heading 1) would inherit
    # its number and outline level: the TOC title would read "1 Indice" and list itself.
    parents = {
        s.get(qn("w:styleId")): _attr(s, "w:basedOn")
        for s in _styles(document)
        if s.get(qn("w:type")) == "paragraph"
    }
    for style in _styles(document):
        style_id = style.get(qn("w:styleId"))
        if style_id not in parents or style_id in heading_ids:
            continue
        if not _inherits(style_id, heading_ids, parents):
            continue
        ppr = _style_ppr(style)
        if ppr.find(qn("w:numPr")) is None:
            set_child(ppr, numbering_properties(numbering.unnumbered_num, 0))
        if ppr.find(qn("w:outlineLvl")) is None:
            set_child(ppr, element("w:outlineLvl", val="9"))


def _inherits(style_id: str, ancestors: list[str], parents: dict[str, str | None]) -> bool:
    seen: set[str] = set()
    current = parents.get(style_id)
    while current is not None and current not in seen:
        if current in ancestors:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _italian(document: WordDocument) -> None:
    """Italian proofing on the document defaults and every style that names a language."""
    styles_elm = document.styles
    defaults = styles_elm.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = element("w:docDefaults")
        styles_elm.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = element("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        rpr_default.append(rpr)
    set_lang(rpr, LANG)
    for lang in list(styles_elm.iter(qn("w:lang"))):
        set_lang(lang.getparent(), LANG)
