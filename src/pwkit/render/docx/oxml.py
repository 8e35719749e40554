"""Small OXML helpers python-docx lacks: safe text, ordered insertion, fields, widths, shading."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser

if TYPE_CHECKING:
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

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
_make = oxml_parser.makeelement


def OxmlElement(tag: str) -> Any:
    """A new element (``w:p``), as python-docx's ``OxmlElement`` makes it.

    ``w:`` tags skip python-docx's parsing of the tag on each call: an export creates tens of
    thousands of elements.
    """
    if not tag.startswith("w:"):
        from docx.oxml import OxmlElement as make

        return make(tag)
    return _make(_clark(tag), nsmap=_W_NSMAP)


@cache
def _clark(tag: str) -> str:
    return qn(tag)


_W_R, _W_T, _W_BR, _W_TAB = qn("w:r"), qn("w:t"), qn("w:br"), qn("w:tab")
_W_RPR, _W_RSTYLE, _W_PPR, _W_PSTYLE = qn("w:rPr"), qn("w:rStyle"), qn("w:pPr"), qn("w:pStyle")
_W_VAL, _XML_SPACE = qn("w:val"), qn("xml:space")
_BREAKS = re.compile("([\n\t])")


def add_run(
    paragraph: Paragraph, text: str, style_id: str | None = None, *, literal: bool = False
) -> Run:
    """Append a run with sanitised text (a newline becomes a line break, a tab a tab).

    Apostrophes become typographic unless ``literal`` (code keeps what was typed). The run is
    built as XML directly: python-docx's ordered insertion rescans siblings on every call,
    which dominated the export of long documents.
    """
    from docx.text.run import Run

    safe = xml_safe(text)
    r = OxmlElement("w:r")
    if style_id:
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(_W_VAL, style_id)
        rpr.append(rstyle)
        r.append(rpr)
    for piece in _BREAKS.split(safe if literal else typographic(safe)):
        if piece == "\n":
            r.append(OxmlElement("w:br"))
        elif piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece:
            t = OxmlElement("w:t")
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_XML_SPACE, "preserve")
            r.append(t)
    paragraph._p.append(r)
    return Run(r, paragraph)


def paragraph_properties(p: Any) -> Any:
    """The ``w:pPr`` of a ``w:p`` element (always its first child), created if missing."""
    ppr = p.find(_W_PPR)
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


def set_paragraph_style(paragraph: Paragraph, style_id: str) -> None:
    """Apply a paragraph style by id (``w:pStyle`` is always the first child of ``w:pPr``).

    python-docx's ``paragraph.style =`` scans every style on each call, which dominated
    the export time of a long document (seconds for the bundled example).
    """
    ppr = paragraph_properties(paragraph._p)
    pstyle = ppr.find(_W_PSTYLE)
    if pstyle is None:
        pstyle = OxmlElement("w:pStyle")
        ppr.insert(0, pstyle)
    pstyle.set(_W_VAL, style_id)


# Child order of the containers we write into (ECMA-376 Part 1, §17): an element appended
# after a later sibling is a schema error Word may report as unreadable content.
_SEQUENCES: dict[str, tuple[str, ...]] = {
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ),
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
        "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
        "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
    ),
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    ),
    "w:trPr": (
        # CT_TrPrBase is a repeated choice: any order, but the change-tracking elements last.
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
        "w:ins", "w:del", "w:trPrChange",
    ),
    "w:settings": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
        "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
        "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
        "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts",
        "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
        "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
        "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
        "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType",
        "w:mailMerge", "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves",
        "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
        "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
        "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
        "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
        "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting",
        "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
        "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
        "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
        "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
        "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
        "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
        "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent",
        "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
        "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
        "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields",
        "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
        "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
        "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
        "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
        "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
    ),
}  # fmt: skip
_ORDER: dict[str, tuple[str, ...]] = {
    qn(parent): tuple(qn(child) for child in children) for parent, children in _SEQUENCES.items()
}


def element(tag: str, **attrs: str) -> Any:
    """A new ``w:`` element; keyword arguments become ``w:`` attributes (``val="x"``)."""
    elm = OxmlElement(tag)
    for name, value in attrs.items():
        elm.set(qn(f"w:{name}"), value)
    return elm


def set_child(parent: Any, child: Any) -> Any:
    """Put ``child`` in ``parent`` at its schema position, replacing one with the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = _later(parent.tag, child.tag)
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


@cache
def _later(parent: str, child: str) -> frozenset[str]:
    """The tags that must follow ``child`` inside ``parent`` (Clark notation)."""
    order = _ORDER[parent]
    return frozenset(order[order.index(child) + 1 :])


def get_or_add(parent: Any, tag: str) -> Any:
    """The child ``tag`` of ``parent``, created at its schema position if missing."""
    found = parent.find(qn(tag))
    return found if found is not None else set_child(parent, element(tag))


def remove_children(parent: Any, *tags: str) -> None:
    """Remove every child of ``parent`` with one of ``tags``."""
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


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


def set_paragraph_shading(paragraph: Paragraph, fill: str) -> None:
    """Shade a paragraph's background with an RGB hex colour."""
    ppr = paragraph._p.get_or_add_pPr()
    set_child(ppr, element("w:shd", val="clear", color="auto", fill=fill))


def set_bottom_border(paragraph: Paragraph, color: str = "A6A6A6") -> None:
    """Draw a thin line under a paragraph (a thematic break)."""
    ppr = paragraph._p.get_or_add_pPr()
    border = element("w:pBdr")
    border.append(element("w:bottom", val="single", sz="6", space="1", color=color))
    set_child(ppr, border)


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Attach a paragraph to list ``num_id`` at nesting ``level`` (0-based)."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = element("w:numPr")
    numpr.append(element("w:ilvl", val=str(level)))
    numpr.append(element("w:numId", val=str(num_id)))
    set_child(ppr, numpr)


def add_bookmark(paragraph: Paragraph, bookmark_id: int, name: str) -> None:
    """Wrap the whole paragraph content in a bookmark (a target for TOC links and PAGEREF)."""
    p = paragraph._p
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.pPr
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


def add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES``, ``SEQ Tabella``...) with a cached value."""
    for run in field_runs(instruction, cached):
        paragraph._p.append(run)


# -- tables ----------------------------------------------------------------------------


def set_table_widths(table: Table, widths: Sequence[int]) -> None:
    """Fixed layout with widths in twips on ``tblW``, every ``gridCol`` and every ``tcW``.

    Word reads the cell widths, LibreOffice the grid: both must agree. Merged cells
    (``gridSpan``) get the sum of the columns they cover.
    """
    tbl = table._tbl
    tblpr = tbl.tblPr
    set_child(tblpr, element("w:tblW", w=str(sum(widths)), type="dxa"))
    set_child(tblpr, element("w:tblLayout", type="fixed"))
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.set(qn("w:w"), str(width))
    span_tag, tcpr_tag = qn("w:gridSpan"), qn("w:tcPr")
    for tr in tbl.tr_lst:
        column = 0
        for tc in tr.iterchildren(qn("w:tc")):
            tcpr = tc.find(tcpr_tag)
            if tcpr is None:  # w:tcPr is the first child of w:tc
                tcpr = OxmlElement("w:tcPr")
                tc.insert(0, tcpr)
            spanned = tcpr.find(span_tag)
            span = int(spanned.get(_W_VAL)) if spanned is not None else 1
            width = sum(widths[column : column + span])
            set_child(tcpr, element("w:tcW", w=str(width), type="dxa"))
            column += span


def set_table_look(
    table: Table, *, first_row: bool, last_row: bool = False, first_column: bool = False
) -> None:
    """Which conditional formats of the table style apply (header row, total row, first column)."""
    flags = {
        "firstRow": first_row,
        "lastRow": last_row,
        "firstColumn": first_column,
        "lastColumn": False,
        "noHBand": True,
        "noVBand": True,
    }
    bits = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100}
    value = sum(bit for name, bit in bits.items() if flags[name]) | 0x200 | 0x400
    look = element("w:tblLook", val=f"{value:04X}")
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
    set_child(table._tbl.tblPr, look)


def set_table_caption(table: Table, caption: str) -> None:
    """Alternative-text title of the table (read by screen readers)."""
    set_child(table._tbl.tblPr, element("w:tblCaption", val=xml_safe(caption)))


def mark_header_row(row: _Row) -> None:
    """Repeat the row at the top of each page (only leading rows honour it)."""
    set_child(row._tr.get_or_add_trPr(), element("w:tblHeader"))


def keep_row_together(row: _Row) -> None:
    """Do not split the row across pages."""
    set_child(row._tr.get_or_add_trPr(), element("w:cantSplit"))


def set_cell_shading(cell: Any, fill: str) -> None:
    """Shade a table cell with an RGB hex colour."""
    set_child(cell._tc.get_or_add_tcPr(), element("w:shd", val="clear", color="auto", fill=fill))


def set_picture_description(shape: Any, description: str) -> None:
    """Alternative text of an inline picture (``wp:docPr/@descr``), for screen readers."""
    shape._inline.docPr.set("descr", xml_safe(description))
