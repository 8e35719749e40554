"""The table of contents of the .docx carries its page numbers when LibreOffice is installed.

Without LibreOffice the entries keep empty page fields that Word fills on opening (the TOC
field asks for an update), and ``export`` says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from tests.conftest import EXAMPLE, run_cli
from tests.e2e.conftest import DOCUMENTS


def _toc(path: Path) -> tuple[list[str], bool]:
    """The page number of every TOC entry, and whether the TOC asks Word to update it."""
    body = open_docx(str(path)).element.body
    sdt = next(
        s for s in body.iter(qn("w:sdt")) if s.find(f".//{qn('w:docPartGallery')}") is not None
    )
    pages = []
    for instr in sdt.iter(qn("w:instrText")):
        if (instr.text or "").strip().startswith("PAGEREF"):
            result = instr.getparent().getnext().getnext()
            pages.append("".join(t.text or "" for t in result.iter(qn("w:t"))))
    dirty = any(c.get(qn("w:dirty")) == "true" for c in sdt.iter(qn("w:fldChar")))
    return pages, dirty


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", DOCUMENTS)
def test_with_libreoffice_every_toc_entry_has_its_page_number(
    name: str, exported: dict[str, Path]
) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice non installato")
    pages, dirty = _toc(exported[name])
    assert pages and all(page.isdigit() for page in pages), pages
    assert [int(p) for p in pages] == sorted(int(p) for p in pages)
    assert not dirty


def test_without_libreoffice_word_fills_the_numbers_and_export_says_so(tmp_path: Path) -> None:
    out = run_cli("export", EXAMPLE, "-o", tmp_path / "v.docx")
    pages, dirty = _toc(tmp_path / "v.docx")
    assert pages and set(pages) == {""}
    assert dirty
    assert "numeri di pagina" in out.output and "Word" in out.output
