"""pwkit's styles: their definitions (data in ``styles.xml``), installed in a blank document."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.ns import nsdecls, qn
from pwkit.render.docx.oxml import element, set_fonts, set_lang
from pwkit.render.docx.package import parse_xml

if TYPE_CHECKING:
    from pwkit.render.docx.numbering import Numbering
    from pwkit.render.docx.word import WordDocument

#: The definitions of every style pwkit writes, with the numIds of its lists as ``$names``.
STYLES_FILE = Path(__file__).resolve().with_name("styles.xml")
LANG = "it-IT"
#: Metric-compatible in LibreOffice: Calibri ↔ Carlito (the font of ``styles.xml``).
FONT = "Calibri"
TABLE_STYLE = "Tabella pwkit"
TABLE_TEXT_STYLE = "Testo tabella"
#: styleIds of Heading 1–3 as pwkit writes them (the heading numbering links to them).
HEADING_STYLE_IDS = ("Heading1", "Heading2", "Heading3")

#: Every style the renderer applies, by the name python-docx and Word's UI use (the styleId
#: may be localised: Italian Word writes "Titolo1" for "heading 1"). pwkit defines each of
#: them; a reference document (``documento.modello_word``) may redefine any of them.
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "Caption",
    "Quote",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "Header",
    "Footer",
    "List Bullet",
    "List Number",
    "List Continue",
    "Source Code",
    TABLE_TEXT_STYLE,
    "Frontespizio programma",
    "Frontespizio ente",
    "Frontespizio",
    "Hyperlink",
    "Verbatim Char",
    TABLE_STYLE,
)


_STYLE = re.compile(r"<w:style\b.*?</w:style>", re.DOTALL)


@cache
def _styles_template(path: Path) -> Template:
    return Template(path.read_text(encoding="utf-8"))


def style_definitions(bullet_num: int, ordered_num: int, headings: int) -> list[str]:
    """Every style pwkit writes or replaces, as XML (same styleIds as Word's built-ins).

    The numbers are the ``numId``s of the bullet list, of the "List Number" list and of the
    heading numbering.
    """
    text = _styles_template(STYLES_FILE).substitute(
        bullet_num=bullet_num, ordered_num=ordered_num, heading_num=headings
    )
    declared = f"<w:style {nsdecls('w')} "
    return [style.replace("<w:style ", declared, 1) for style in _STYLE.findall(text)]


def num_ids(numbering: Numbering) -> tuple[int, int, int]:
    """The numIds ``style_definitions`` takes, in its order."""
    return numbering.bullet_num, numbering.default_ordered_num, numbering.heading_num


def install_styles(document: WordDocument, numbering: Numbering) -> None:
    """Replace the template's styles by pwkit's (same ids, so nothing dangles) and add ours."""
    styles = document.styles
    for xml in style_definitions(*num_ids(numbering)):
        new = parse_xml(xml.strip())
        style_id = new.get(qn("w:styleId"))
        old = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if old is not None:
            old.addprevious(new)
            styles.remove(old)
        else:
            styles.append(new)
    # Theme fonts win over explicit ones in Word: strip them from every remaining style.
    for fonts in list(styles.iter(qn("w:rFonts"))):
        if any(a.endswith("Theme") or a.endswith("theme") for a in fonts.attrib):
            set_fonts(fonts.getparent(), FONT)
    for lang in list(styles.iter(qn("w:lang"))):
        set_lang(lang.getparent(), LANG)


def set_doc_defaults(document: WordDocument) -> None:
    """Italian, Calibri 11 pt as the defaults every style inherits."""
    styles = document.styles
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, FONT)
    set_lang(rpr, LANG)
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    set_child(ppr, element("w:spacing", after="120", line="264", lineRule="auto"))
