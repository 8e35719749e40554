"""Small OXML helpers: safe text, elements, runs, paragraph properties, fields."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.ns import new_element, qn
from pwkit.render.docx.package import PARSER

#: Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text python-docx accepts: VT (Word's manual line break) → LF, CR/CRLF → LF, rest removed.

    This is the one place where text is made safe; every run and property goes through it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _ILLEGAL_XML.sub("", text)


#: A straight apostrophe between letters (d'Italia, dell'UPD), typed in YAML or CSV values.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=\w)")


def typographic(text: str) -> str:
    """Italian typographic apostrophes, as the prose gets them from the Markdown parser."""
    return _APOSTROPHE.sub("\u2019", text)


_W_NSMAP = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_make = PARSER.makeelement


def OxmlElement(tag: str) -> Any:
    """A new element (``w:p``) declaring only its own prefix, as python-docx makes one."""
    if not tag.startswith("w:"):
        return new_element(tag)
    return _make(qn(tag), nsmap=_W_NSMAP)


_W_R, _W_T, _W_BR, _W_TAB = qn("w:r"), qn("w:t"), qn("w:br"), qn("w:tab")
_W_RPR, _W_RSTYLE, _W_PPR, _W_PSTYLE = qn("w:rPr"), qn("w:rStyle"), qn("w:pPr"), qn("w:pStyle")
_W_B, _W_I, _W_STRIKE, _W_HIGHLIGHT = qn("w:b"), qn("w:i"), qn("w:strike"), qn("w:highlight")
_W_VAL, _XML_SPACE = qn("w:val"), qn("xml:space")
_BREAKS = re.compile("([\n\t])")
#: A new child element at the end of its parent, as lxml makes it (no python-docx lookups).
sub = etree.SubElement


def run_element(
    parent: Any,
    text: str,
    style_id: str | None = None,
    *,
    literal: bool = False,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    highlight: bool = False,
) -> Any:
    """Append a ``w:r`` with sanitised text to ``parent`` (a ``w:p`` or ``w:hyperlink``).

    A newline becomes a line break, a tab a tab; apostrophes become typographic unless
    ``literal`` (code keeps what was typed). Its properties are written at once, in their
    schema order (``highlight`` is the yellow of a draft's placeholders).
    """
    r = sub(parent, _W_R)
    if style_id or bold or italic or strike or highlight:
        rpr = sub(r, _W_RPR)
        if style_id:
            sub(rpr, _W_RSTYLE, {_W_VAL: style_id})
        if bold:
            sub(rpr, _W_B)
        if italic:
            sub(rpr, _W_I)
        if strike:
            sub(rpr, _W_STRIKE)
        if highlight:
            sub(rpr, _W_HIGHLIGHT, {_W_VAL: "yellow"})
    safe = xml_safe(text)
    for piece in _BREAKS.split(safe if literal else typographic(safe)):
        if piece == "\n":
            sub(r, _W_BR)
        elif piece == "\t":
            sub(r, _W_TAB)
        elif piece:
            t = sub(r, _W_T)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_XML_SPACE, "preserve")
    return r


def hyperlink_element(p: Any, rid: str) -> Any:
    """Append to ``w:p`` an empty ``w:hyperlink`` to the link related as ``rid``."""
    hyperlink = element("w:hyperlink")
    hyperlink.set(qn("r:id"), rid)
    hyperlink.set(qn("w:history"), "1")
    p.append(hyperlink)
    return hyperlink


_W_HYPERLINK, _W_TYPE = qn("w:hyperlink"), qn("w:type")
#: The text python-docx reads for a run's content other than ``w:t`` and ``w:br``.
_RUN_TEXT = {qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-", qn("w:ptab"): "\t", _W_TAB: "\t"}


def paragraph_text(p: Any) -> str:
    """The text of ``w:p`` as python-docx's ``Paragraph.text`` reads it, without its proxies.

    Its runs and hyperlinks in order: text, tabs, line breaks (a page or column break is
    nothing), non-breaking hyphens.
    """
    parts: list[str] = []
    for child in p:
        if child.tag == _W_R:
            _run_text(child, parts)
        elif child.tag == _W_HYPERLINK:
            for run in child.iterchildren(_W_R):
                _run_text(run, parts)
    return "".join(parts)


def _run_text(r: Any, parts: list[str]) -> None:
    for item in r:
        tag = item.tag
        if tag == _W_T:
            parts.append(item.text or "")
        elif tag == _W_BR:
            parts.append("\n" if item.get(_W_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])


def paragraph_properties(p: Any) -> Any:
    """The ``w:pPr`` of a ``w:p`` element (always its first child), created if missing."""
    ppr = p.find(_W_PPR)
    if ppr is None:
        ppr = sub(p, _W_PPR)
        if len(p) > 1:
            p.insert(0, ppr)
    return ppr


def set_p_style(p: Any, style_id: str) -> None:
    """Apply a paragraph style by id (``w:pStyle`` is always the first child of ``w:pPr``).

    python-docx's ``paragraph.style =`` scans every style on each call, which dominated
    the export time of a long document (seconds for the bundled example).
    """
    ppr = paragraph_properties(p)
    pstyle = ppr.find(_W_PSTYLE)
    if pstyle is None:
        pstyle = sub(ppr, _W_PSTYLE)
        if len(ppr) > 1:
            ppr.insert(0, pstyle)
    pstyle.set(_W_VAL, style_id)


def element(tag: str, **attrs: str) -> Any:
    """A new ``w:`` element; keyword arguments become ``w:`` attributes (``val="x"``)."""
    elm = OxmlElement(tag)
    for name, value in attrs.items():
        elm.set(qn(f"w:{name}"), value)
    return elm


def get_or_add(parent: Any, tag: str) -> Any:
    """The child ``tag`` of ``parent``, created at its schema position if missing."""
    found = parent.find(qn(tag))
    return found if found is not None else set_child(parent, element(tag))


# -- runs and paragraphs ---------------------------------------------------------------


def set_fonts(rpr: Any, font: str) -> None:
    """Set one font for every script and drop theme fonts, which would win over it."""
    fonts = get_or_add(rpr, "w:rFonts")
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)


def set_lang(rpr: Any, lang: str) -> None:
    """Set the proofing language of a run property set (``it-IT``)."""
    set_child(rpr, element("w:lang", val=lang, eastAsia=lang, bidi="ar-SA"))


def numbering_properties(num_id: int, level: int) -> Any:
    """A ``w:numPr``: list ``num_id`` at nesting ``level`` (0-based)."""
    numpr = element("w:numPr")
    numpr.append(element("w:ilvl", val=str(level)))
    numpr.append(element("w:numId", val=str(num_id)))
    return numpr


def bookmark_p(p: Any, bookmark_id: int, name: str) -> None:
    """Wrap the whole content of ``w:p`` in a bookmark (a target for TOC links and PAGEREF)."""
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.find(_W_PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(element("w:bookmarkEnd", id=str(bookmark_id)))


def _field_char(kind: str, *, dirty: bool = False) -> Any:
    char = element("w:fldChar", fldCharType=kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return char


def field_runs(instruction: str, cached: str, *, dirty: bool = False) -> list[Any]:
    """The five ``w:r`` of a complex field with its cached result (shown until updated)."""
    runs = []
    for part in ("begin", "instr", "separate", "result", "end"):
        run = element("w:r")
        if part == "instr":
            instr = element("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f" {instruction} "
            run.append(instr)
        elif part == "result":
            text = element("w:t")
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = xml_safe(cached)
            run.append(text)
        else:
            run.append(_field_char(part, dirty=dirty and part == "begin"))
        runs.append(run)
    return runs


# -- paragraph properties as elements --------------------------------------------------


def set_p_numbering(p: Any, num_id: int, level: int) -> None:
    """Attach a ``w:p`` to list ``num_id`` at nesting ``level`` (0-based)."""
    set_child(paragraph_properties(p), numbering_properties(num_id, level))


def set_p_property(p: Any, tag: str, **attrs: str) -> Any:
    """Set ``w:`` attributes of a ``w:pPr`` child (``w:spacing``, ``w:jc``...) of ``w:p``.

    The child is created at its schema position if missing; its other attributes stay, as
    python-docx's ``paragraph_format`` setters leave them.
    """
    child = get_or_add(paragraph_properties(p), tag)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def set_run_color(r: Any, rgb: str) -> None:
    """The colour of a ``w:r``'s text (``C00000``), at its place in the run's properties."""
    rpr = r.find(_W_RPR)
    if rpr is None:
        rpr = sub(r, _W_RPR)
        if len(r) > 1:
            r.insert(0, rpr)
    set_child(rpr, element("w:color", val=rgb))


def insert_before_first(parent: Any, child: Any, successors: tuple[str, ...]) -> Any:
    """Insert ``child`` before the first of ``successors`` (Clark names) ``parent`` has.

    The successors are tried in their order, not the children in theirs; without any, the
    child goes last. This is where python-docx puts a new child, in a container that
    ``set_child`` does not know (``w:sectPr``) or where the output must stay what python-docx
    wrote.
    """
    for tag in successors:
        found = parent.find(tag)
        if found is not None:
            found.addprevious(child)
            return child
    parent.append(child)
    return child
