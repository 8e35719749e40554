"""The pages of the exported documents as LibreOffice lays them out (PDF, ``pdftotext``).

A tutor reads the PDF page by page: these tests look at what the pages show. They share one
export and one conversion of every document (``tests/e2e/conftest.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document as open_docx

from tests.e2e.conftest import DOCUMENTS, EXAMPLES, Page, pdf_boxes, pdf_pages

#: The margins of pwkit's page: 2.5 cm, in points.
MARGIN = 2.5 / 2.54 * 72

pytestmark = pytest.mark.libreoffice


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_running_header_reaches_the_right_margin_in_every_orientation(
    name: str, pdfs: dict[str, Path]
) -> None:
    pages = pdf_boxes(pdfs[name])
    orientations = set()
    for number, page in enumerate(pages[1:], start=2):
        top = [line for line in page.lines() if line[0].top < MARGIN]
        running = [line for line in top if abs(line[0].left - MARGIN) < 2]
        assert running, (number, [" ".join(w.text for w in line) for line in top])
        right = running[0][-1].right
        assert abs(right - (page.width - MARGIN)) < 2, (number, page.width, right)
        orientations.add(page.width > page.height)
    if name != "resoconto":
        assert orientations == {False, True}  # the Gantt is landscape


_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\s+\S", re.MULTILINE)


@pytest.mark.parametrize("name", [*EXAMPLES, "lagoverde-bozza"])
def test_heading_numbers_have_no_zero_and_no_missing_parent(
    name: str, pdfs: dict[str, Path]
) -> None:
    text = "\n".join(pdf_pages(pdfs[name]))
    numbers = _NUMBER.findall(text)
    assert numbers
    seen: set[str] = set()
    orphans = []
    for found in numbers:
        parts = found.split(".")
        assert "0" not in parts, found
        if ".".join(parts[:-1]) not in seen and len(parts) > 2:
            orphans.append(found)
        seen.add(found)
    assert orphans == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_toc_entry_ends_with_its_page_number(name: str, pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs[name])
    toc = [
        line.strip()
        for page in pages[1:4]
        if "Indice" in page
        for line in page.splitlines()
        if re.search(r"\.{5,}", line)
    ]
    assert len(toc) > 10
    assert [line for line in toc if not re.search(r"\.{5,}\s*\d+$", line)] == []


def _body_lines(page: Page) -> list[str]:
    """The lines of a page between its header and its footer."""
    lines = [
        " ".join(word.text for word in line)
        for line in page.lines()
        if MARGIN - 5 < line[0].top < page.height - MARGIN
    ]
    return [line for line in lines if not re.fullmatch(r"Pagina \d+ di \d+", line)]


def _chapter_titles(path: Path) -> list[str]:
    document = open_docx(str(path))
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Title")
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_page_is_nearly_empty_but_the_cover_and_chapter_ends(
    name: str, pdfs: dict[str, Path], exported: dict[str, Path]
) -> None:
    pages = pdf_boxes(pdfs[name])
    titles = _chapter_titles(exported[name])
    bodies = [_body_lines(page) for page in pages]
    sparse = []
    for number, body in enumerate(bodies[1:], start=2):
        following = bodies[number] if number < len(bodies) else []
        chapter_next = not following or any(following[0].endswith(t) for t in titles)
        if len(body) < 5 and not chapter_next:
            sparse.append((number, body))
    assert sparse == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_gantt_pages_hold_balanced_shares_of_the_chart(
    name: str, pdfs: dict[str, Path]
) -> None:
    pages = pdf_boxes(pdfs[name])
    gantt = [len(_body_lines(page)) for page in pages if page.width > page.height]
    assert len(gantt) >= 2
    assert min(gantt) >= max(gantt) / 2, gantt


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_catalogue_writes_each_start_date_on_one_line(name: str, pdfs: dict[str, Path]) -> None:
    text = "\n".join(pdf_pages(pdfs[name])).replace("\u00a0", " ")
    start = re.search(r"Tabella \d+ – Catalogo dei servizi", text)
    end = re.search(r"Tabella \d+ – Scheda del servizio", text)
    assert start and end
    catalogue = text[start.end() : end.start()]
    ids = re.findall(r"^\s*(S\d+)\s", catalogue, re.MULTILINE)
    dates = re.findall(
        r"\b\d{1,2}°? (?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|"
        r"agosto|settembre|ottobre|novembre|dicembre) \d{4}\b",
        catalogue,
    )
    assert ids and len(dates) == len(ids), (ids, dates)


def test_the_report_keeps_its_wide_tables_on_few_well_filled_landscape_pages(
    pdfs: dict[str, Path],
) -> None:
    pages = pdf_boxes(pdfs["resoconto"])
    wide = [len(_body_lines(page)) for page in pages if page.width > page.height]
    assert 1 <= len(wide) <= 2, wide
    text = " ".join(" ".join(_body_lines(page)) for page in pages)
    assert "l’ultima riga somma i servizi di ogni area" in text
    assert "l’ultima riga conta le Province" not in text
