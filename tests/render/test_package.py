"""pwkit's own .docx package writes what python-docx writes, member for member."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from pwkit.render.docx.package import Package, PackageError
from pwkit.render.docx.word import WordDocument, template
from tests.conftest import EXAMPLE, png

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _members(blob: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _saved(save: Callable[[io.BytesIO], None]) -> list[tuple[str, bytes]]:
    out = io.BytesIO()
    save(out)
    return _members(out.getvalue())


def _zip(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _both_ways(raw: bytes) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """The members python-docx and pwkit write after opening ``raw`` and saving it."""
    theirs = _saved(docx.Document(io.BytesIO(raw)).save)
    ours = _saved(Package.read(io.BytesIO(raw)).write)
    return theirs, ours


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The example exported as a draft (headers, footers, comments, links, numbering)."""
    from pwkit.check.pipeline import check_project
    from pwkit.render.docx import export_docx

    root = tmp_path_factory.mktemp("pkg") / "esempio"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    result = check_project(root, for_export=True)
    assert result.project is not None
    out = root / "out.docx"
    export_docx(result.project, out, files=result.files, draft=result.report)
    return out.read_bytes()


def test_python_docx_default_document_is_written_back_member_for_member() -> None:
    theirs, ours = _both_ways(template("default.docx"))
    assert [name for name, _ in ours] == [name for name, _ in theirs]
    assert ours == theirs


def test_an_exported_document_is_written_back_member_for_member(exported: bytes) -> None:
    theirs, ours = _both_ways(exported)
    assert len(ours) > 15
    assert ours == theirs


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_a_document_pandoc_wrote_is_written_back_member_for_member(tmp_path: Path) -> None:
    source = tmp_path / "testo.md"
    source.write_text("# Titolo\n\nTesto con [un link](https://example.org).\n\n- uno\n- due\n")
    out = tmp_path / "testo.docx"
    subprocess.run(["pandoc", str(source), "-o", str(out), "--toc"], check=True)
    theirs, ours = _both_ways(out.read_bytes())
    assert ours == theirs


def _package_by_hand(document_rels: str, extra: dict[str, str | bytes] | None = None) -> bytes:
    """A small package whose relationships and content types are written by hand."""
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                '2006/content-types"><Default Extension="RELS" ContentType="application/'
                'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
                '<Override PartName="/WORD/Document.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                '<Override PartName="/word/styles.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="word/Document.xml"/></Relationships>'
            ),
            "word/Document.xml": (
                f'<?xml version="1.0"?>\n<w:document xmlns:w="{W}">\n  <w:body>\n'
                '    <w:p><w:r><w:t xml:space="preserve"> spazi </w:t></w:r></w:p>\n'
                "  </w:body>\n</w:document>\n"
            ),
            "word/_rels/Document.xml.rels": document_rels,
            "word/styles.xml": f'<w:styles xmlns:w="{W}"/>',
            "word/media/image1.png": b"\x89PNG not really",
            "word/unreachable.xml": "<nessuno/>",
            **(extra or {}),
        }
    )


def test_relationships_targets_and_content_types_are_read_as_python_docx_reads_them() -> None:
    """Upper-case names, a picture, an external link, an unreachable part left out."""
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="media/image1.png"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="../word/styles.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
        'Target="https://example.org/?a=1&amp;b=&quot;2&quot;" TargetMode="External"/>'
        "</Relationships>"
    )
    theirs, ours = _both_ways(_package_by_hand(rels))
    assert "word/unreachable.xml" not in dict(ours)
    assert ours == theirs


def test_a_related_part_missing_from_the_zip_is_refused() -> None:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="assente.xml"/></Relationships>'
    )
    with pytest.raises(PackageError):
        Package.read(io.BytesIO(_package_by_hand(rels)))


def _same_edits(
    raw: bytes, python_docx: Callable[[Any], None], pwkit: Callable[[WordDocument], None]
) -> None:
    theirs_doc = docx.Document(io.BytesIO(raw))
    python_docx(theirs_doc)
    ours_doc = WordDocument.open(io.BytesIO(raw))
    pwkit(ours_doc)
    assert _saved(ours_doc.save) == _saved(theirs_doc.save)


def test_headers_footers_comments_and_links_are_added_as_python_docx_adds_them() -> None:
    def theirs(document: Any) -> None:
        part = document.part
        for _ in range(2):
            header, _ = part.add_header_part()
            header.element.append(header.element[0].__copy__())
            part.add_footer_part()
        assert part.relate_to("https://example.org/a", RT.HYPERLINK, is_external=True) == "rId13"
        part.relate_to("https://example.org/b", RT.HYPERLINK, is_external=True)
        part.relate_to("https://example.org/a", RT.HYPERLINK, is_external=True)
        document.comments._comments_elm.set("prova", "1")

    def ours(document: WordDocument) -> None:
        for _ in range(2):
            _, header = document.add_header()
            header.append(header[0].__copy__())
            document.add_footer()
        assert document.relate_hyperlink("https://example.org/a") == "rId13"
        document.relate_hyperlink("https://example.org/b")
        document.relate_hyperlink("https://example.org/a")
        document.comments.set("prova", "1")

    _same_edits(template("default.docx"), theirs, ours)


def test_core_properties_are_set_as_python_docx_sets_them() -> None:
    moment = dt.datetime(2026, 4, 30, 12, 0)
    texts = {
        "title": ("dc:title", "Il «Progetto» & co."),
        "subject": ("dc:subject", "Oggetto"),
        "author": ("dc:creator", "Provincia di Lagoverde"),
        "last_modified_by": ("cp:lastModifiedBy", "Provincia"),
        "keywords": ("cp:keywords", "a; b"),
        "comments": ("dc:description", ""),
        "category": ("cp:category", "Project Work"),
        "language": ("dc:language", "it-IT"),
        "version": ("cp:version", "1.0"),
        "content_status": ("cp:contentStatus", "Bozza"),
    }

    def theirs(document: Any) -> None:
        core = document.core_properties
        for name, (_, value) in texts.items():
            setattr(core, name, value)
        core.revision = 1
        core.created = moment
        core.modified = moment

    def ours(document: WordDocument) -> None:
        core = document.core
        for tag, value in texts.values():
            core.set_text(tag, value)
        core.set_text("cp:revision", "1")
        core.set_date("dcterms:created", moment)
        core.set_date("dcterms:modified", moment)

    _same_edits(template("default.docx"), theirs, ours)


def test_a_core_property_longer_than_python_docx_accepts_is_refused() -> None:
    with pytest.raises(ValueError, match="255"):
        WordDocument.blank().core.set_text("dc:title", "x" * 256)


def test_a_package_without_styles_settings_or_numbering_gets_python_docx_defaults() -> None:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"/>'
    )
    raw = _package_by_hand(rels)

    def theirs(document: Any) -> None:
        _ = document.styles.element, document.settings.element

    def ours(document: WordDocument) -> None:
        _ = document.styles, document.settings

    _same_edits(raw, theirs, ours)


def test_pictures_are_numbered_and_shared_as_python_docx_does(tmp_path: Path) -> None:
    """A picture already there keeps its number; the same picture twice is one part."""
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>'
    )
    raw = _package_by_hand(rels)
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(png(4, 2, 96))
    second.write_bytes(png(3, 3, 300))

    def theirs(document: Any) -> None:
        for path in (first, second, first):
            document.part.get_or_add_image(str(path))

    def ours(document: WordDocument) -> None:
        for path in (first, second, first):
            document.add_image(path.read_bytes(), "png", "image/png", path.name)

    _same_edits(raw, theirs, ours)


def test_a_picture_in_a_run_is_what_python_docx_makes(tmp_path: Path) -> None:
    from docx.shared import Cm

    from pwkit.render.docx.oxml import run_element
    from pwkit.render.docx.pictures import EMU_PER_CM, add_picture

    logo, same, other = (tmp_path / name for name in ("stemma provincia.png", "b.png", "c.png"))
    logo.write_bytes(png(40, 25, 150))
    same.write_bytes(logo.read_bytes())  # the same picture under another name: one part
    other.write_bytes(png(3, 3, 300))
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>'
    )
    had = _package_by_hand(rels, {"word/media/image1.png": other.read_bytes()})
    for raw in (template("default.docx"), had):

        def theirs(document: Any) -> None:
            paragraph = document.add_paragraph()
            for path in (logo, same, other):
                paragraph.add_run("  ").add_picture(str(path), height=Cm(2))

        def ours(document: WordDocument) -> None:
            paragraph = document.body.makeelement(f"{{{W}}}p")
            closing = document.body.find(f"{{{W}}}sectPr")
            if closing is not None:  # before the closing w:sectPr, as python-docx
                closing.addprevious(paragraph)
            else:
                document.body.append(paragraph)
            for path in (logo, same, other):
                add_picture(document, run_element(paragraph, "  "), path, 2 * EMU_PER_CM)

        _same_edits(raw, theirs, ours)


def test_pwkit_knows_the_namespaces_python_docx_knows() -> None:
    from docx.oxml.ns import nsdecls as their_nsdecls
    from docx.oxml.ns import nsmap

    from pwkit.render.docx.ns import NAMESPACES, nsdecls, qn

    assert nsmap == NAMESPACES
    assert qn("w:p") == f"{{{W}}}p"
    assert nsdecls("w", "r") == their_nsdecls("w", "r")
