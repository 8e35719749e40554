"""The reference document (``documento.modello_word``), opened and emptied: the base of an export.

As Pandoc's --reference-doc, the export starts from the reference .docx instead of pwkit's
blank document: its body is emptied, but its styles, numbering definitions, theme, settings
and page setup stay (how pwkit's styles join them: ``reference_styles``). The reference is
untrusted input: links to files outside the package go, and so does what only its content used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pwkit.base.errors import PwkitError
from pwkit.load.wordparts import HINT_FIX, format_hint
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import element
from pwkit.render.docx.package import Package, Part

if TYPE_CHECKING:
    from pwkit.base.fsutil import ResolvedFile
    from pwkit.render.docx.word import WordDocument

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Parts of the reference kept even though the emptied body no longer points to them.
_KEPT_PARTS = {
    f"{_R}/{name}"
    for name in (
        "styles",
        "numbering",
        "settings",
        "theme",
        "fontTable",
        "webSettings",
        "footnotes",
        "endnotes",
        "customXml",
    )
}
_CUSTOM_PROPERTIES = f"{_R}/custom-properties"
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
) -> WordDocument | None:
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
    except Exception:  # the package reader refusing what the package check let through
        raise _error(
            rel, "non è un documento Word (.docx) valido.", format_hint(path), path
        ) from None
    if removed and warnings is not None:
        warnings.append(
            f"dal documento di riferimento «{rel}» sono stati tolti i collegamenti a file "
            f"esterni, che Word avrebbe aperto da solo: {'; '.join(removed)}."
        )
    return document


def _open(raw: bytes) -> tuple[WordDocument, list[str]]:
    """Open the reference and empty it; the parts pwkit writes into are made if missing.

    Returns the document and the external links removed from it.
    """
    import io

    from pwkit.render.docx.word import WordDocument

    document = WordDocument.open(io.BytesIO(raw))
    _ = document.styles, document.settings, document.core
    _empty_body(document)
    _drop_unused_parts(document)
    removed = _drop_external_links(document)
    _ = document.numbering  # a reference without lists has none
    core = document.core.element
    for child in list(core):
        core.remove(child)
    return document, removed


def _empty_body(document: WordDocument) -> None:
    """Remove the reference's content and its headers and footers (pwkit writes its own)."""
    body = document.body
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


def _drop_unused_parts(document: WordDocument) -> None:
    """Drop what only the reference's content used (images, links, comments, headers)."""
    from lxml import etree

    part = document.part
    xml = etree.tostring(document.element, encoding="unicode")
    for rid, rel in list(part.rels.items()):
        if rel.reltype not in _KEPT_PARTS and f'"{rid}"' not in xml:
            del part.rels[rid]
    package = document.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == _CUSTOM_PROPERTIES:
            del package.rels[rid]


def _drop_external_links(document: WordDocument) -> list[str]:
    r"""Remove every relationship to something outside the package, and what refers to it.

    Word follows them on its own when the document is opened: an attached template on a
    share (``\\host\share\t.dotm``) sends the user's Windows credentials to that host.
    The reference's own content is gone by now, so none of them is a link the user wrote.
    Returns a description of each one removed.
    """
    package = document.package
    removed: list[str] = []
    owners: list[Package | Part] = [package, *package.iter_parts()]
    for owner in owners:
        dropped = set()
        for rid, rel in list(owner.rels.items()):
            if rel.external:
                kind = _EXTERNAL_KINDS.get(rel.reltype, "collegamento")
                removed.append(f"{kind} «{rel.target}»")
                dropped.add(rid)
                del owner.rels[rid]
        if dropped and isinstance(owner, Part) and owner.is_xml:
            _drop_references(owner.element, dropped)
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
