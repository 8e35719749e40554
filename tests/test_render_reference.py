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

from pwkit.render.docx.document import REQUIRED_STYLES, style_definitions
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
    from pwkit.checker import check_project

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
    out, output = _export(example, code=2)
    assert "Il documento di riferimento «allegati/modello.docx»" in output
    assert "non è un documento Word (.docx) valido" in output
    assert "modello_word" in output
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
