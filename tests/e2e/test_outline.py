"""The outline of the exported documents, read back with python-docx: no level is skipped."""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from pwkit.render.docx.tables import EDGE_ROWS, PAGE_LINES, estimated_lines
from tests.conftest import run_cli
from tests.e2e.conftest import DOCUMENTS, EXAMPLES


def _heading_levels(path: Path) -> list[tuple[int, str]]:
    levels = []
    for paragraph in open_docx(str(path)).paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading ") and name[8:].isdigit():
            levels.append((int(name[8:]), paragraph.text))
    return levels


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_heading_sits_one_level_under_the_heading_before(
    name: str, exported: dict[str, Path]
) -> None:
    levels = _heading_levels(exported[name])
    assert levels and levels[0][0] == 1
    jumps = [(before, after) for before, after in pairwise(levels) if after[0] > before[0] + 1]
    assert jumps == []


def _tables_under(path: Path) -> list[tuple[str, str, int]]:
    """Each captioned table: the heading it sits under, its caption, its number."""
    document = open_docx(str(path))
    names = {s.style_id: s.name for s in document.styles}
    found: list[tuple[str, str, int]] = []
    heading = ""
    number = 0
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            name = names.get(style.get(qn("w:val")), "") if style is not None else ""
            text = "".join(t.text or "" for t in block.iter(qn("w:t")))
            if name.startswith("Heading"):
                heading = text
            elif name == "Caption":
                number = int(text.split()[1])
        caption = block.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if block.tag == qn("w:tbl") and caption is not None:
            found.append((heading, caption.get(qn("w:val")), number))
    return found


def test_generated_tables_sit_under_the_subheading_the_pack_declares(
    exported: dict[str, Path],
) -> None:
    found = _tables_under(exported["valdoria"])
    under = {caption: heading for heading, caption, _ in found}
    assert under["Voci di costo"] == "Costi"
    assert under["Costi per categoria e anno"] == "Costi"
    assert under["Tariffe per i Comuni"] == "Tariffe per i Comuni"
    assert under["Fonti di finanziamento"] == "Sostenibilità economica"
    assert under["Strumento giuridico"] == "Strumento giuridico"
    assert under["Organi di governo"] == "Organi di governo"
    assert under["Sviluppi previsti"] == "Sostenibilità nel tempo"
    assert [number for _, _, number in found] == list(range(1, len(found) + 1))


def test_a_marker_in_the_prose_places_a_generated_table(example: Path, tmp_path: Path) -> None:
    section = example / "sezioni" / "10-economia.md"
    text = section.read_text(encoding="utf-8")
    marked = text.replace("## Costi\n", "## Costi\n\n<!-- tabella: tariffe -->\n", 1)
    assert marked != text
    section.write_text(marked, encoding="utf-8")
    run_cli("export", example, "-o", tmp_path / "v.docx")
    found = _tables_under(tmp_path / "v.docx")
    captions = [caption for _, caption, _ in found]
    under = {caption: heading for heading, caption, _ in found}
    assert under["Tariffe per i Comuni"] == "Costi"
    assert captions.index("Tariffe per i Comuni") < captions.index("Voci di costo")
    assert [number for _, _, number in found] == list(range(1, len(found) + 1))


def _card_lines(card: Any) -> int:
    """The lines of text a card takes, as the renderer estimates them from its widths."""
    widths = [int(col.get(qn("w:w"))) for col in card.iter(qn("w:gridCol"))]
    total = 0
    for row in card.findall(qn("w:tr")):
        cells = [
            ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
            for tc in row.findall(qn("w:tc"))
        ]
        total += max(
            estimated_lines(text, width) for text, width in zip(cells, widths, strict=True)
        )
    return total


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_service_card_is_split_across_pages_only_when_longer_than_a_page(
    name: str, exported: dict[str, Path]
) -> None:
    body = open_docx(str(exported[name])).element.body
    cards = [
        tbl
        for tbl in body.iter(qn("w:tbl"))
        if (caption := tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")) is not None
        and caption.get(qn("w:val")).startswith("Scheda del servizio")
    ]
    assert cards
    whole = 0
    for card in cards:
        rows = card.findall(qn("w:tr"))
        assert all(row.find(f".//{qn('w:cantSplit')}") is not None for row in rows)
        kept = [row.find(f".//{qn('w:keepNext')}") is not None for row in rows[:-1]]
        if all(kept):
            whole += 1
            assert _card_lines(card) <= PAGE_LINES
            continue
        # Longer than a page (template 1.1.0 adds rows): it breaks between rows, its caption
        # with its first rows and its last rows together.
        assert _card_lines(card) > PAGE_LINES
        assert kept[:EDGE_ROWS] == [True] * EDGE_ROWS
        assert kept[-(EDGE_ROWS - 1) :] == [True] * (EDGE_ROWS - 1)
    assert whole >= len(cards) // 2  # most cards still read on one page


_NUMERIC = re.compile(r"[\d.,%€\s\u00a0–-]+")


def _table(path: Path, caption: str) -> Any:
    body = open_docx(str(path)).element.body
    return next(
        tbl
        for tbl in body.iter(qn("w:tbl"))
        if (found := tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")) is not None
        and found.get(qn("w:val")) == caption
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_catalogue_aligns_numbers_right_and_text_left(
    name: str, exported: dict[str, Path]
) -> None:
    table = _table(exported[name], "Catalogo dei servizi")
    rows = table.findall(qn("w:tr"))
    right = set()
    for row in rows[1:]:
        for index, cell in enumerate(row.findall(qn("w:tc"))):
            for p in cell.iter(qn("w:p")):
                text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
                if jc is not None and jc.get(qn("w:val")) in ("right", "end"):
                    assert _NUMERIC.fullmatch(text), (index, text)
                    right.add(index)
    assert right  # the volumes are numbers, right-aligned


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_table_has_a_caption(name: str, exported: dict[str, Path]) -> None:
    body = open_docx(str(exported[name])).element.body
    tables = list(body.iterchildren(qn("w:tbl")))
    missing = [
        "".join(t.text or "" for t in tbl.iter(qn("w:t")))[:60]
        for tbl in tables
        if tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}") is None
    ]
    assert missing == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_heat_map_has_a_legend_under_it(name: str, exported: dict[str, Path]) -> None:
    table = _table(exported[name], "Mappa di calore dei rischi (probabilità × impatto)")
    after = table.getnext()
    text = "".join(t.text or "" for t in after.iter(qn("w:t")))
    assert text.startswith("Legenda:")
    for band in ("alta", "media", "bassa"):
        assert band in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_gantt_bars_are_written_in_their_cells_too(name: str, exported: dict[str, Path]) -> None:
    table = _table(exported[name], "Cronoprogramma (diagramma di Gantt)")
    shaded = [
        "".join(t.text or "" for t in tc.iter(qn("w:t")))
        for tc in table.iter(qn("w:tc"))
        if tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}") is not None
    ]
    assert shaded and all(text.strip() for text in shaded)


def test_the_cover_has_no_page_number(exported: dict[str, Path]) -> None:
    document = open_docx(str(exported["valdoria"]))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_footer._element
    assert not [i.text for i in first.iter(qn("w:instrText"))]
    assert [i.text.strip() for i in section.footer._element.iter(qn("w:instrText"))] == [
        "PAGE",
        "NUMPAGES",
    ]


def test_a_project_still_on_template_1_0_0_places_its_tables_the_same_way(
    tmp_path: Path,
) -> None:
    project = tmp_path / "valdoria-1.0.0"
    shutil.copytree(Path(__file__).parents[1] / "data" / "valdoria-1.0.0", project)
    run_cli("export", project, "-o", tmp_path / "v.docx")
    under = {caption: heading for heading, caption, _ in _tables_under(tmp_path / "v.docx")}
    assert under["Voci di costo"] == "Costi"
    assert under["Tariffe per i Comuni"] == "Tariffe per i Comuni"
    assert under["Strumento giuridico"] == "Strumento giuridico"
