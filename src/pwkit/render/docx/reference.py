"""The reference document (``documento.modello_word``): its styles, as Pandoc's --reference-doc.

The export starts from the reference .docx instead of pwkit's blank document: its body is
emptied, but its styles, numbering definitions, theme, settings and page setup stay. Styles
are matched by **name** ("heading 1"), never by styleId, which Italian Word localises
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

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pwkit.base.errors import PwkitError
from pwkit.base.fsutil import file_problem, inside
from pwkit.load.wordparts import HINT_FIX, format_hint
from pwkit.render.docx.oxml import element, set_child, set_lang

if TYPE_CHECKING:
    from docx.document import Document

    from pwkit.model.project import Project
    from pwkit.render.docx.numbering import Numbering

LANG = "it-IT"
#: Font of pwkit's own definitions: dropped from the styles added to a reference, so they
#: inherit the reference's font.
PWKIT_FONT = "Calibri"
#: Styles pwkit's definitions are based on without defining them (Word always has them).
_BASE_STYLES = {"DefaultParagraphFont": "Default Paragraph Font", "TableNormal": "Normal Table"}
#: Parts of the reference kept even though the emptied body no longer points to them.
_KEPT_PARTS = {
    RT.STYLES,
    RT.NUMBERING,
    RT.SETTINGS,
    RT.THEME,
    RT.FONT_TABLE,
    RT.WEB_SETTINGS,
    RT.FOOTNOTES,
    RT.ENDNOTES,
    RT.CUSTOM_XML,
}
#: Order of a ``w:style``'s children after its paragraph properties.
_AFTER_PPR = ("w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: What Word does with some external relationships, for the warning.
_EXTERNAL_KINDS = {
    f"{_R}/attachedTemplate": "modello collegato",
    f"{_R}/mailMergeSource": "origine dati della stampa unione",
    f"{_R}/mailMergeHeaderSource": "origine dati della stampa unione",
    f"{_R}/image": "immagine collegata",
    f"{_R}/hyperlink": "collegamento ipertestuale",
}


def _error(rel: str, message: str, hint: str, path: Path | None) -> PwkitError:
    return PwkitError(f"Il documento di riferimento «{rel}» {message}", hint=hint, path=path)


def load_reference(project: Project, warnings: list[str] | None = None) -> Document | None:
    """The project's reference document, emptied and ready to receive pwkit's content.

    ``None`` when ``progetto.yaml`` names none. A file that is missing, outside the project,
    not a regular file or not a Word .docx within ``wordpackage``'s limits is a
    ``PwkitError`` (exit 2) with an Italian message. What was removed from it for safety
    (links to files outside the document) is described in ``warnings``.
    """
    from pwkit.load.wordpackage import read_docx
    from pwkit.load.wordparts import PackageProblem

    progetto = project.progetto
    if progetto is None or progetto.documento is None or not progetto.documento.modello_word:
        return None
    rel = progetto.documento.modello_word
    path = inside(project.root, rel)
    if path is None:
        raise _error(
            rel,
            "è fuori dalla cartella del progetto.",
            f"Copialo dentro la cartella del progetto (es. in allegati/) {HINT_FIX}.",
            None,
        )
    problem = file_problem(path)
    if problem is not None:
        raise _error(
            rel, problem, f"Controlla il percorso in «documento: modello_word» {HINT_FIX}.", path
        )
    try:
        document, removed = _open(read_docx(path))
    except PackageProblem as exc:
        raise _error(rel, exc.what, exc.hint, path) from None
    except OSError as exc:
        raise _error(
            rel, "non si può leggere.", f"{exc.strerror or exc}: chiudilo in Word e riprova.", path
        ) from None
    except Exception:  # python-docx refusing what the package check let through
        raise _error(
            rel, "non è un documento Word (.docx) valido.", format_hint(path), path
        ) from None
    if removed and warnings is not None:
        warnings.append(
            f"dal documento di riferimento «{rel}» sono stati tolti i collegamenti a file "
            f"esterni, che Word avrebbe aperto da solo: {'; '.join(removed)}."
        )
    return document


def _open(raw: bytes) -> tuple[Document, list[str]]:
    """Open the reference and empty it; every part pwkit writes into is parsed here.

    Returns the document and the external links removed from it.
    """
    import io

    import docx

    document = docx.Document(io.BytesIO(raw))
    _ = document.styles.element, document.settings.element, document.core_properties
    _empty_body(document)
    _drop_unused_parts(document)
    removed = _drop_external_links(document)
    _ensure_numbering_part(document)
    core = document.core_properties._element
    for child in list(core):
        core.remove(child)
    return document, removed


def _empty_body(document: Document) -> None:
    """Remove the reference's content and its headers and footers (pwkit writes its own)."""
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        body.append(element("w:sectPr"))
        return
    for tag in ("w:headerReference", "w:footerReference", "w:titlePg"):
        for old in sect_pr.findall(qn(tag)):
            sect_pr.remove(old)


def _drop_unused_parts(document: Document) -> None:
    """Drop what only the reference's content used (images, links, comments, headers)."""
    part = document.part
    xml = document.element.xml
    for rid, rel in list(part.rels.items()):
        if rel.reltype not in _KEPT_PARTS and f'"{rid}"' not in xml:
            del part.rels[rid]
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]


def _drop_external_links(document: Document) -> list[str]:
    r"""Remove every relationship to something outside the package, and what refers to it.

    Word follows them on its own when the document is opened: an attached template on a
    share (``\\host\share\t.dotm``) sends the user's Windows credentials to that host.
    The reference's own content is gone by now, so none of them is a link the user wrote.
    Returns a description of each one removed.
    """
    package = document.part.package
    removed: list[str] = []
    for owner in [package, *package.iter_parts()]:
        dropped = set()
        for rid, rel in list(owner.rels.items()):
            if rel.is_external:
                kind = _EXTERNAL_KINDS.get(rel.reltype, "collegamento")
                removed.append(f"{kind} «{rel.target_ref}»")
                dropped.add(rid)
                del owner.rels[rid]
        root = getattr(owner, "_element", None)
        if dropped and root is not None:
            _drop_references(root, dropped)
    return removed


def _drop_references(root: Any, rids: set[str]) -> None:
    """Remove the elements of ``root`` that name one of ``rids`` (``r:id``, ``r:link``...).

    A linked picture keeps its embedded copy (only ``r:link`` goes); a mail merge without its
    data source cannot work, so it goes whole.
    """
    for elm in list(root.iter()):
        names = [
            name
            for name, value in elm.attrib.items()
            if name.startswith(f"{{{_R}}}") and value in rids
        ]
        if not names:
            continue
        if names == [f"{{{_R}}}link"]:
            del elm.attrib[names[0]]
            continue
        merge = next(elm.iterancestors(qn("w:mailMerge")), None)
        doomed = merge if merge is not None else elm
        parent = doomed.getparent()
        if parent is not None:
            parent.remove(doomed)


def _ensure_numbering_part(document: Document) -> None:
    """A reference without lists has no numbering part; python-docx cannot create one."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        numbering = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            document.part.package,
        )
        document.part.relate_to(numbering, RT.NUMBERING)


# -- styles ------------------------------------------------------------------------------


def _attr(elm: Any, tag: str) -> str | None:
    child = elm.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _styles(document: Document) -> list[Any]:
    return list(document.styles.element.findall(qn("w:style")))


def _by_name(document: Document) -> dict[str, str]:
    """The styleId of every style by name (the first one wins, as in Word)."""
    found: dict[str, str] = {}
    for style in _styles(document):
        name = _attr(style, "w:name")
        if name is not None:
            found.setdefault(name, style.get(qn("w:styleId")))
    return found


def _normalise_names(document: Document, names: set[str]) -> None:
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


def plan_style_ids(document: Document, definitions: list[str]) -> dict[str, str]:
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


def _num_pr(num_id: int, level: int) -> Any:
    num_pr = element("w:numPr")
    num_pr.append(element("w:ilvl", val=str(level)))
    num_pr.append(element("w:numId", val=str(num_id)))
    return num_pr


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
    for fonts in list(style.iter(qn("w:rFonts"))):
        if fonts.get(qn("w:ascii")) == PWKIT_FONT:
            fonts.getparent().remove(fonts)


def adopt_styles(
    document: Document, definitions: list[str], plan: dict[str, str], numbering: Numbering
) -> list[str]:
    """Add pwkit's definition of every needed style the reference lacks; fix what pwkit needs.

    Returns the names of the styles added.
    """
    styles_elm = document.styles.element
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


def _find(document: Document, style_id: str) -> Any:
    return document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")


def _enforce_structure(document: Document, plan: dict[str, str], numbering: Numbering) -> None:
    """Heading numbering and page breaks: what the document's structure relies on."""
    heading_ids = [plan[f"Heading{level}"] for level in (1, 2, 3)]
    for level, style_id in enumerate(heading_ids, start=1):
        ppr = _style_ppr(_find(document, style_id))
        if level == 1:
            set_child(ppr, element("w:pageBreakBefore"))
        set_child(ppr, _num_pr(numbering.heading_num, level - 1))
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
            set_child(ppr, _num_pr(numbering.unnumbered_num, 0))
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


def _italian(document: Document) -> None:
    """Italian proofing on the document defaults and every style that names a language."""
    styles_elm = document.styles.element
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
