"""The table of contents of the .docx carries its page numbers when LibreOffice is installed.

Without LibreOffice the entries keep empty page fields that Word fills on opening (the TOC
field asks for an update), and ``export`` says so.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from pwkit.render import pdf
from tests.conftest import EXAMPLE, edit, run_cli
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


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


@pytest.mark.libreoffice
def test_an_unchanged_project_reuses_the_page_numbers_and_one_word_more_asks_again(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice non installato")
    monkeypatch.delenv("PWKIT_NO_LIBREOFFICE")
    started: list[list[str]] = []
    original = pdf._run

    def spy(command: list[str], produced: Path) -> str | None:
        started.append(command)
        return original(command, produced)

    monkeypatch.setattr(pdf, "_run", spy)
    first, second, third = (tmp_path / f"{n}.docx" for n in ("prima", "seconda", "terza"))
    run_cli("export", example, "-o", first)
    assert len(started) == 1
    run_cli("export", example, "-o", second)
    assert len(started) == 1, "LibreOffice started again for an unchanged project"
    assert _document_xml(second) == _document_xml(first)
    pages, dirty = _toc(second)
    assert pages == _toc(first)[0] and all(page.isdigit() for page in pages) and not dirty

    edit(example / "sezioni" / "02-contesto.md", "La Provincia", "La nostra Provincia")
    run_cli("export", example, "-o", third)
    assert len(started) == 2, "a changed body reused the page numbers"
    assert _document_xml(third) != _document_xml(first)
    assert all(page.isdigit() for page in _toc(third)[0])


@pytest.mark.libreoffice
def test_when_libreoffice_fails_export_says_so_rather_than_asking_to_install_it(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice non installato")
    monkeypatch.delenv("PWKIT_NO_LIBREOFFICE")
    monkeypatch.setattr(pdf, "_run", lambda command, produced: " (crash simulato).")
    out = run_cli("export", example, "-o", tmp_path / "pw.docx")
    said = " ".join(out.stderr.split())
    assert "LibreOffice non è riuscito a impaginare il documento" in said
    assert "Con LibreOffice installato" not in said
    pages, dirty = _toc(tmp_path / "pw.docx")
    assert dirty and not any(pages)


@pytest.mark.libreoffice
def test_a_draft_with_comments_gets_its_page_numbers_and_its_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice non installato")
    monkeypatch.delenv("PWKIT_NO_LIBREOFFICE")
    misto = Path(__file__).parents[1] / "data" / "projects" / "misto"
    target = tmp_path / "bozza.docx"
    run_cli("export", misto, "-o", target, "--bozza", "--pdf")
    with zipfile.ZipFile(target) as package:
        assert b"<w:commentReference" in package.read("word/document.xml")
    pages, dirty = _toc(target)
    assert pages and all(page.isdigit() for page in pages) and not dirty
    assert target.with_suffix(".pdf").stat().st_size > 0
