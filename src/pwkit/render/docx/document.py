"""The blank document: A4 page, Italian language, pwkit's styles, clean package and properties."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Twips

from pwkit.load.ente import body_name
from pwkit.render.docx.numbering import Numbering
from pwkit.render.docx.oxml import element, get_or_add, set_child, set_fonts, set_lang, xml_safe

if TYPE_CHECKING:
    from docx.document import Document

    from pwkit.model.project import Project

LANG = "it-IT"
#: Metric-compatible in LibreOffice: Calibri ↔ Carlito, Courier New ↔ Liberation Mono.
FONT = "Calibri"
MONO = "Courier New"
DARK = "1F3864"
ACCENT = "2F5496"
HEADER_FILL = "D9E2F3"
LIGHT_FILL = "F2F2F2"

PAGE_WIDTH = 11906  # A4, twips
PAGE_HEIGHT = 16838
MARGIN = 1417  # 2.5 cm
HEADER_DISTANCE = 708  # 1.25 cm
#: Width available to text and tables on a portrait page, in twips.
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

TABLE_STYLE = "Tabella pwkit"
#: styleIds of Heading 1–3 as pwkit writes them (the heading numbering links to them).
HEADING_STYLE_IDS = ("Heading1", "Heading2", "Heading3")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
TABLE_TEXT_STYLE = "Testo tabella"

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

_W = nsdecls("w")
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
_MONO_FONTS = f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:eastAsia="{MONO}" w:cs="{MONO}"/>'
_LANG = f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _heading(
    level: int,
    *,
    size: int,
    color: str,
    before: int,
    after: int,
    extra: str = "",
    num_id: int | None = None,
) -> str:
    page_break = "<w:pageBreakBefore/>" if level == 1 else ""
    numbering = (
        f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/></w:numPr>'
        if num_id is not None
        else ""
    )
    italic = "<w:i/><w:iCs/>" if level == 4 else ""
    return f"""
<w:style {_W} w:type="paragraph" w:styleId="Heading{level}">
  <w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:link w:val="Heading{level}Char"/><w:uiPriority w:val="9"/>{extra}<w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/>{page_break}{numbering}
    <w:spacing w:before="{before}" w:after="{after}"/><w:outlineLvl w:val="{level - 1}"/></w:pPr>
  <w:rPr>{_FONTS}<w:b/><w:bCs/>{italic}<w:color w:val="{color}"/>{_size(size)}</w:rPr>
</w:style>"""


def _paragraph_style(
    style_id: str,
    name: str,
    *,
    ppr: str = "",
    rpr: str = "",
    based_on: str = "Normal",
    custom: bool = False,
    priority: int = 99,
    extra: str = "",
) -> str:
    custom_attr = ' w:customStyle="1"' if custom else ""
    return f"""
<w:style {_W} w:type="paragraph"{custom_attr} w:styleId="{style_id}">
  <w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/><w:next w:val="Normal"/>{extra}
  <w:uiPriority w:val="{priority}"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr>
</w:style>"""


def _border(side: str, size: int = 4, color: str = "8C8C8C", space: int = 0) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


_TABLE_STYLE = f"""
<w:style {_W} w:type="table" w:customStyle="1" w:styleId="TabellaPwkit">
  <w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr>{_size(19)}</w:rPr>
  <w:tblPr>
    <w:tblBorders>{"".join(_border(s) for s in ("top", "left", "bottom", "right"))}
      {_border("insideH")}{_border("insideV")}</w:tblBorders>
    <w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{DARK}"/></w:rPr>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="lastRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr><w:tcBorders>{_border("top", 8, "595959")}</w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_FILL}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="firstCol">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_FILL}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""


def style_definitions(bullet_num: int, ordered_num: int, headings: int) -> list[str]:
    """Every style pwkit writes or replaces, as XML (same styleIds as Word's built-ins).

    The numbers are the ``numId``s of the bullet list, of the "List Number" list and of the
    heading numbering.
    """
    keep = "<w:keepNext/>"
    return [
        f"""<w:style {_W} w:type="paragraph" w:default="1" w:styleId="Normal">
  <w:name w:val="Normal"/><w:qFormat/>
  <w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
  <w:rPr>{_FONTS}{_size(22)}{_LANG}</w:rPr></w:style>""",
        _heading(1, size=32, color=DARK, before=0, after=240, num_id=headings),
        _heading(2, size=26, color=ACCENT, before=280, after=120, num_id=headings),
        _heading(3, size=23, color=ACCENT, before=220, after=80, num_id=headings),
        _heading(4, size=22, color=ACCENT, before=180, after=60, extra="<w:unhideWhenUsed/>"),
        _paragraph_style(
            "Title",
            "Title",
            ppr='<w:spacing w:before="360" w:after="240" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="center"/>',
            rpr=f'{_FONTS}<w:b/><w:bCs/><w:color w:val="{DARK}"/><w:kern w:val="28"/>{_size(48)}',
            priority=10,
            extra='<w:link w:val="TitleChar"/>',
        ),
        _paragraph_style(
            "Subtitle",
            "Subtitle",
            ppr='<w:spacing w:after="360"/><w:jc w:val="center"/>',
            rpr=f'{_FONTS}<w:color w:val="{ACCENT}"/>{_size(28)}',
            priority=11,
            extra='<w:link w:val="SubtitleChar"/>',
        ),
        _paragraph_style(
            "Caption",
            "caption",
            ppr=f'{keep}<w:spacing w:before="200" w:after="80"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{DARK}"/>{_size(19)}',
            priority=35,
        ),
        _paragraph_style(
            "Quote",
            "Quote",
            ppr=f"<w:pBdr>{_border('left', 12, 'BFBFBF', 8)}</w:pBdr>"
            '<w:ind w:left="567" w:right="567"/>',
            rpr='<w:i/><w:iCs/><w:color w:val="404040"/>',
            priority=29,
            extra='<w:link w:val="QuoteChar"/>',
        ),
        _paragraph_style(
            "TOCHeading",
            "TOC Heading",
            ppr=f'{keep}<w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{DARK}"/>{_size(32)}',
            priority=39,
        ),
        _paragraph_style(
            "TOC1",
            "toc 1",
            ppr='<w:tabs><w:tab w:val="left" w:pos="440"/>'
            f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:before="100" w:after="40"/>',
            rpr="<w:b/><w:bCs/>",
            priority=39,
        ),
        _paragraph_style(
            "TOC2",
            "toc 2",
            ppr='<w:tabs><w:tab w:val="left" w:pos="1000"/>'
            f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:after="40"/><w:ind w:left="440"/>',
            priority=39,
        ),
        _paragraph_style(
            "Header",
            "header",
            ppr='<w:tabs><w:tab w:val="center" w:pos="4536"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f'<w:color w:val="595959"/>{_size(18)}',
            extra='<w:link w:val="HeaderChar"/>',
        ),
        _paragraph_style(
            "Footer",
            "footer",
            ppr='<w:tabs><w:tab w:val="center" w:pos="4536"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            rpr=f'<w:color w:val="595959"/>{_size(18)}',
            extra='<w:link w:val="FooterChar"/>',
        ),
        _paragraph_style(
            "ListBullet",
            "List Bullet",
            ppr=f'<w:numPr><w:numId w:val="{bullet_num}"/></w:numPr>'
            '<w:spacing w:after="60"/><w:contextualSpacing/>',
        ),
        _paragraph_style(
            "ListNumber",
            "List Number",
            ppr=f'<w:numPr><w:numId w:val="{ordered_num}"/></w:numPr>'
            '<w:spacing w:after="60"/><w:contextualSpacing/>',
        ),
        _paragraph_style(
            "ListContinue", "List Continue", ppr='<w:spacing w:after="60"/><w:ind w:left="360"/>'
        ),
        _paragraph_style(
            "SourceCode",
            "Source Code",
            ppr=f'<w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_FILL}"/>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f"{_MONO_FONTS}<w:noProof/>{_size(18)}",
            custom=True,
        ),
        _paragraph_style(
            "Testotabella",
            TABLE_TEXT_STYLE,
            ppr='<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>',
            rpr=_size(19),
            custom=True,
        ),
        _paragraph_style(
            "FrontespizioProgramma",
            "Frontespizio programma",
            ppr='<w:spacing w:after="40"/><w:jc w:val="center"/>',
            rpr=f'<w:color w:val="{ACCENT}"/>{_size(20)}',
            custom=True,
        ),
        _paragraph_style(
            "FrontespizioEnte",
            "Frontespizio ente",
            ppr='<w:spacing w:before="1800" w:after="240"/><w:jc w:val="center"/>',
            rpr=f'<w:b/><w:bCs/><w:smallCaps/><w:color w:val="{DARK}"/>{_size(36)}',
            custom=True,
        ),
        _paragraph_style(
            "Frontespizio",
            "Frontespizio",
            ppr='<w:spacing w:after="60"/><w:jc w:val="center"/>',
            custom=True,
        ),
        f"""<w:style {_W} w:type="character" w:styleId="Hyperlink">
  <w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>""",
        f"""<w:style {_W} w:type="character" w:customStyle="1" w:styleId="VerbatimChar">
  <w:name w:val="Verbatim Char"/><w:basedOn w:val="DefaultParagraphFont"/>
  <w:uiPriority w:val="99"/><w:rPr>{_MONO_FONTS}<w:noProof/>{_size(20)}</w:rPr></w:style>""",
        _TABLE_STYLE,
    ]


def _num_ids(numbering: Numbering) -> tuple[int, int, int]:
    return numbering.bullet_num, numbering.default_ordered_num, numbering.heading_num


def _install_styles(document: Document, numbering: Numbering) -> None:
    """Replace the template's styles by pwkit's (same ids, so nothing dangles) and add ours."""
    styles = document.styles.element
    for xml in style_definitions(*_num_ids(numbering)):
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


def _set_doc_defaults(document: Document) -> None:
    """Italian, Calibri 11 pt as the defaults every style inherits."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, FONT)
    set_lang(rpr, LANG)
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    set_child(ppr, element("w:spacing", after="120", line="264", lineRule="auto"))


def _set_page(document: Document) -> None:
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


def _set_settings(document: Document) -> None:
    """Italian proofing and separators; let Word spell-check (the template says "clean")."""
    settings = document.settings.element
    for tag in ("w:proofState", "w:rsids", "w:attachedTemplate"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    theme_lang = get_or_add(settings, "w:themeFontLang")
    for attr in list(theme_lang.attrib):
        del theme_lang.attrib[attr]
    theme_lang.set(qn("w:val"), LANG)
    set_child(settings, element("w:decimalSymbol", val=","))
    set_child(settings, element("w:listSeparator", val=";"))


def _clean_package(document: Document, company: str) -> None:
    """Drop template leftovers: stylesWithEffects, the blank thumbnail, Word-for-Mac app.xml."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            del part.rels[rid]
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    for candidate in package.iter_parts():
        if candidate.partname == "/docProps/app.xml":
            candidate._blob = _app_properties(company)


def _app_properties(company: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    company_xml = company.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{ns}" xmlns:vt="{vt}">'
        f"<Company>{xml_safe(company_xml)}</Company><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><Application>pwkit</Application>"
        "<DocSecurity>0</DocSecurity></Properties>"
    ).encode()


def _set_core_properties(document: Document, project: Project) -> None:
    """Title, author (the Provincia), subject, keywords, language and fixed dates."""
    manifest = project.manifest
    progetto = project.progetto
    core = document.core_properties
    author = body_name(progetto.provincia) if progetto else ""
    keywords = ["Project Work", manifest.programme.name, "gestione del personale"]
    if progetto is not None:
        keywords.append(author)
    core.title = xml_safe(progetto.titolo if progetto else manifest.title)
    core.subject = xml_safe(manifest.title)
    core.author = xml_safe(author)
    core.last_modified_by = xml_safe(author)
    core.keywords = xml_safe("; ".join(keywords))
    core.comments = ""
    core.category = "Project Work"
    core.language = LANG
    core.revision = 1
    if progetto is not None:
        core.version = xml_safe(progetto.versione)
        core.content_status = xml_safe(manifest.label("Stato", progetto.stato.value))
        # Noon, so the date reads the same in every time zone a reviewer may be in.
        moment = dt.datetime.combine(progetto.data_redazione, dt.time(12, 0))
    else:
        moment = dt.datetime(2000, 1, 1, 12, 0)
    core.created = moment
    core.modified = moment


def create_document(
    project: Project, warnings: list[str] | None = None
) -> tuple[Document, Numbering]:
    """A new empty document with A4 page, Italian language, pwkit styles and properties.

    With ``documento.modello_word`` the document starts from that reference .docx instead:
    its styles, numbering definitions, theme, settings and page setup are kept, and pwkit
    adds its own definition only of the styles the reference lacks (see ``reference``).
    What had to be changed in the reference is described in ``warnings``.
    """
    from pwkit.render.docx.reference import adopt_styles, load_reference, plan_style_ids

    document = load_reference(project, warnings)
    if document is None:
        import docx

        document = docx.Document()
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        numbering = Numbering(document, HEADING_STYLE_IDS)
        _set_page(document)
        _set_doc_defaults(document)
        _install_styles(document, numbering)
    else:
        ids = plan_style_ids(document, style_definitions(0, 0, 0))
        heading_ids = tuple(ids[style_id] for style_id in HEADING_STYLE_IDS)
        numbering = Numbering(document, heading_ids)
        adopt_styles(document, style_definitions(*_num_ids(numbering)), ids, numbering)
        if document.sections[0]._sectPr.pgSz is None:
            _set_page(document)
    _set_settings(document)
    progetto = project.progetto
    _clean_package(document, body_name(progetto.provincia) if progetto else "")
    _set_core_properties(document, project)
    return document, numbering


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
    section = Section(sect_pr, document.part)
    page = section.page_width or Twips(PAGE_WIDTH)
    left = section.left_margin if section.left_margin is not None else Twips(MARGIN)
    right = section.right_margin if section.right_margin is not None else Twips(MARGIN)
    return round((page - left - right) / 635)
