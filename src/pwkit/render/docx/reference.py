"""The reference document (``documento.modello_word``), opened and emptied: the base of an export.

As Pandoc's --reference-doc, the export starts from the reference .docx instead of pwkit's
blank document: its body is emptied, but its styles, numbering definitions, theme, settings
and page setup stay (how pwkit's styles join them: ``reference_styles``). The reference is
untrusted input: links to files outside the package go, and so does what only its content used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pwkit.base.errors import PwkitError
from pwkit.load.wordparts import HINT_FIX, format_hint
from pwkit.render.docx.oxml import element

if TYPE_CHECKING:
    from docx.document import Document

    from pwkit.base.fsutil import ResolvedFile

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


def load_reference(
    reference: ResolvedFile | None, warnings: list[str] | None = None
) -> Document | None:
    """The reference document, emptied and ready to receive pwkit's content.

    ``reference`` is the file ``documento.modello_word`` names, as the check resolved it
    (``None`` when ``progetto.yaml`` names none). A file outside the project, missing, not a
    regular file or not a Word .docx within ``wordpackage``'s limits is a ``PwkitError``
    (exit 2) with an Italian message. What was removed from it for safety (links to files
    outside the document) is described in ``warnings``.
    """
    from pwkit.load.wordpackage import read_docx
    from pwkit.load.wordparts import PackageProblem

    if reference is None:
        return None
    rel, path = reference.written, reference.path
    if path is None:
        raise _error(
            rel,
            "è fuori dalla cartella del progetto.",
            f"Copialo dentro la cartella del progetto (es. in allegati/) {HINT_FIX}.",
            None,
        )
    if reference.problem is not None:
        raise _error(
            rel,
            reference.problem,
            f"Controlla il percorso in «documento: modello_word» {HINT_FIX}.",
            path,
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
