"""A draft says so without contradicting itself: status, watermark, open points for a reader."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn

from tests.conftest import REPO, run_cli

MISTO = REPO / "tests" / "data" / "projects" / "misto"
#: What a reader of the document must not meet: commands, options, project files.
_FOR_AUTHORS = re.compile(r"--bozza|pwkit|\.ya?ml\b|\.md\b|\.csv\b|sezioni/|dati/|, riga \d")


def _annex(path: Path) -> str:
    document = open_docx(str(path))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Punti aperti (bozza)")
    cells = [
        cell.text
        for table in document.tables
        if table._tbl.tblPr.find(qn("w:tblCaption")) is not None
        and "Punti aperti" in table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
        for row in table.rows
        for cell in row.cells
    ]
    return "\n".join(texts[start:] + cells)


def test_a_draft_cover_says_bozza_and_cites_no_approval(exported: dict[str, Path]) -> None:
    cover = [p.text for p in open_docx(str(exported["lagoverde-bozza"])).paragraphs[:20]]
    assert "Stato del documento: Bozza" in cover
    assert not [line for line in cover if "Consegnato" in line or "Approvato" in line]
    final = [p.text for p in open_docx(str(exported["lagoverde"])).paragraphs[:20]]
    assert "Stato del documento: Consegnato" in final
    assert any(line.startswith("Approvato con") for line in final)


def test_every_header_of_a_draft_carries_a_diagonal_watermark(
    exported: dict[str, Path],
) -> None:
    with zipfile.ZipFile(exported["lagoverde-bozza"]) as package:
        document = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        used = set(re.findall(r'<w:headerReference [^>]*r:id="(rId\d+)"', document))
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        targets |= {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
        headers = {targets[rid]: package.read(f"word/{targets[rid]}").decode() for rid in used}
    assert len(headers) >= 3  # the title page, portrait pages, landscape pages
    for name, xml in headers.items():
        assert re.search(r"<v:textpath [^>]*string=\"BOZZA\"", xml), name
        assert "rotation:315" in xml, name
    with zipfile.ZipFile(exported["lagoverde"]) as package:
        assert not any(
            b"v:textpath" in package.read(n) for n in package.namelist() if "header" in n
        )


def test_the_open_points_speak_to_a_reader(exported: dict[str, Path], tmp_path: Path) -> None:
    assert not _FOR_AUTHORS.findall(_annex(exported["lagoverde-bozza"]))
    run_cli("export", MISTO, "-o", tmp_path / "misto.docx", "--bozza", code=0)
    annex = _annex(tmp_path / "misto.docx")
    assert "Punti aperti" in annex and "Il testo ha" in annex
    assert sorted(set(_FOR_AUTHORS.findall(annex))) == []
