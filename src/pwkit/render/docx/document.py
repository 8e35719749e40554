"""A new document: blank or from the reference, with pwkit's styles, settings and properties."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pwkit.load.ente import body_name
from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.ns import qn
from pwkit.render.docx.numbering import Numbering
from pwkit.render.docx.oxml import element, get_or_add, xml_safe
from pwkit.render.docx.page import set_page
from pwkit.render.docx.styles import (
    HEADING_STYLE_IDS,
    LANG,
    install_styles,
    num_ids,
    set_doc_defaults,
    style_definitions,
)
from pwkit.render.docx.word import WordDocument
from pwkit.render.docx.xml_text import escape

if TYPE_CHECKING:
    from pwkit.base.fsutil import ResolvedFile
    from pwkit.model.project import Project

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _set_settings(document: WordDocument) -> None:
    """Italian proofing and separators; let Word spell-check (the template says "clean")."""
    settings = document.settings
    for tag in ("w:proofState", "w:rsids", "w:attachedTemplate"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    theme_lang = get_or_add(settings, "w:themeFontLang")
    for attr in list(theme_lang.attrib):
        del theme_lang.attrib[attr]
    theme_lang.set(qn("w:val"), LANG)
    set_child(settings, element("w:decimalSymbol", val=","))
    set_child(settings, element("w:listSeparator", val=";"))


def _clean_package(document: WordDocument, company: str) -> None:
    """Drop template leftovers: stylesWithEffects, the blank thumbnail, Word-for-Mac app.xml."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            del part.rels[rid]
    package = document.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == THUMBNAIL:
            del package.rels[rid]
    for candidate in package.iter_parts():
        if candidate.partname == "/docProps/app.xml":
            candidate.blob = _app_properties(company)


def _app_properties(company: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    company_xml = escape(company)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{ns}" xmlns:vt="{vt}">'
        f"<Company>{xml_safe(company_xml)}</Company><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><Application>pwkit</Application>"
        "<DocSecurity>0</DocSecurity></Properties>"
    ).encode()


def _set_core_properties(document: WordDocument, project: Project) -> None:
    """Title, author (the Provincia), subject, keywords, language and fixed dates."""
    manifest = project.manifest
    progetto = project.progetto
    core = document.core
    author = body_name(progetto.provincia) if progetto else ""
    keywords = ["Project Work", manifest.programme.name, "gestione del personale"]
    if progetto is not None:
        keywords.append(author)
    core.set_text("dc:title", xml_safe(progetto.titolo if progetto else manifest.title))
    core.set_text("dc:subject", xml_safe(manifest.title))
    core.set_text("dc:creator", xml_safe(author))
    core.set_text("cp:lastModifiedBy", xml_safe(author))
    core.set_text("cp:keywords", xml_safe("; ".join(keywords)))
    core.set_text("dc:description", "")
    core.set_text("cp:category", "Project Work")
    core.set_text("dc:language", LANG)
    core.set_text("cp:revision", "1")
    if progetto is not None:
        core.set_text("cp:version", xml_safe(progetto.versione))
        core.set_text("cp:contentStatus", xml_safe(manifest.label("Stato", progetto.stato.value)))
        # Noon, so the date reads the same in every time zone a reviewer may be in.
        moment = dt.datetime.combine(progetto.data_redazione, dt.time(12, 0))
    else:
        moment = dt.datetime(2000, 1, 1, 12, 0)
    core.set_date("dcterms:created", moment)
    core.set_date("dcterms:modified", moment)


def create_document(
    project: Project,
    *,
    reference: ResolvedFile | None = None,
    warnings: list[str] | None = None,
) -> tuple[WordDocument, Numbering]:
    """A new empty document with A4 page, Italian language, pwkit styles and properties.

    With a ``reference`` (``documento.modello_word`` as the check resolved it) the document
    starts from that reference .docx instead: its styles, numbering definitions, theme,
    settings and page setup are kept, and pwkit adds its own definition only of the styles
    the reference lacks (see ``reference_styles``). What had to be changed in the reference
    is described in ``warnings``.
    """
    document = None
    if reference is not None:
        from pwkit.render.docx.reference import load_reference

        document = load_reference(reference, warnings)
    if document is None:
        document = WordDocument.blank()
        body = document.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        numbering = Numbering(document, HEADING_STYLE_IDS)
        set_page(document)
        set_doc_defaults(document)
        install_styles(document, numbering)
    else:
        from pwkit.render.docx.reference_styles import adopt_styles, plan_style_ids

        ids = plan_style_ids(document, style_definitions(0, 0, 0))
        heading_ids = tuple(ids[style_id] for style_id in HEADING_STYLE_IDS)
        numbering = Numbering(document, heading_ids)
        adopt_styles(document, style_definitions(*num_ids(numbering)), ids, numbering)
        if document.body.find(f"{qn('w:sectPr')}/{qn('w:pgSz')}") is None:
            set_page(document)
    _set_settings(document)
    progetto = project.progetto
    _clean_package(document, body_name(progetto.provincia) if progetto else "")
    _set_core_properties(document, project)
    return document, numbering
