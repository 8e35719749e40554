"""Golden outline of the bundled example's Word export (docx.md, "Acceptance").

The exported document is reduced to a normalised, human-readable outline: one line per body
paragraph with its style name and text (cut at ~80 characters), tables as
``TABLE <caption> rows×cols`` plus their header row, and section breaks with their
orientation and page size. The test exports the example afresh and compares its outline with
``tests/golden/provincia-di-valdoria.outline.txt``, which has been read through by a person.

When a change to the renderer or to the example is intended, regenerate the file with::

    PWKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/e2e/test_golden.py

then review the diff of the golden file (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.conftest import EXAMPLE, REPO, run_cli

GOLDEN = REPO / "tests" / "golden" / "provincia-di-valdoria.outline.txt"
WIDTH = 80
_HEADER = (
    "# Outline of examples/provincia-di-valdoria exported by pwkit (tests/e2e/test_golden.py).\n"
    "# Regenerate with PWKIT_UPDATE_GOLDEN=1 and review the diff.\n"
)


def _clip(text: str, width: int = WIDTH) -> str:
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _style_names(document: Any) -> dict[str, str]:
    names = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        names[style.get(qn("w:styleId"))] = name.get(qn("w:val")) if name is not None else "?"
    return names


def _paragraph_line(p: Any, styles: dict[str, str], document: Any) -> str:
    ppr = p.find(qn("w:pPr"))
    style_id = None
    level = ""
    if ppr is not None:
        pstyle = ppr.find(qn("w:pStyle"))
        style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
        ilvl = ppr.find(f"{qn('w:numPr')}/{qn('w:ilvl')}")
        if ilvl is not None and ilvl.get(qn("w:val")) != "0":
            level = f"[{ilvl.get(qn('w:val'))}]"
    style = styles.get(style_id or "Normal", style_id or "Normal")
    text = Paragraph(p, document).text
    images = [d.get("descr") or "?" for d in p.iter(qn("wp:docPr"))]
    parts = [_clip(text)] if text.strip() else []
    parts += [f"[immagine: {_clip(d, 40)}]" for d in images]
    return f"{style}{level} | {' '.join(parts) if parts else '(vuoto)'}"


def _section_line(sect_pr: Any, number: int) -> str:
    size = sect_pr.find(qn("w:pgSz"))
    width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    orientation = "landscape" if width > height else "portrait"
    return f"=== end of section {number}: {orientation} {width}×{height}"


def _table_lines(tbl: Any, previous_caption: str | None, document: Any) -> list[str]:
    table = Table(tbl, document)
    caption_elm = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    caption = caption_elm.get(qn("w:val")) if caption_elm is not None else previous_caption
    rows, cols = len(table.rows), len(table.columns)
    lines = [f"TABLE «{_clip(caption or '(senza didascalia)', 60)}» {rows}×{cols}"]
    if rows:
        # A merged cell (the Gantt's years) is listed once, not once per grid column.
        cells = list({id(c._tc): c for c in table.rows[0].cells}.values())
        header = [_clip(c.text, 24) for c in cells]
        lines.append("  header: " + " | ".join(header))
    return lines


def outline(path: Path) -> str:
    """The normalised outline of a .docx: the golden file's content."""
    document = open_docx(str(path))
    styles = _style_names(document)
    lines: list[str] = []
    sections = 0
    previous_caption: str | None = None

    def body(container: Any) -> Iterator[Any]:
        for child in container:
            if child.tag == qn("w:sdt"):
                yield from body(child.find(qn("w:sdtContent")))
            else:
                yield child

    for child in body(document.element.body):
        if child.tag == qn("w:p"):
            line = _paragraph_line(child, styles, document)
            lines.append(line)
            previous_caption = line.split(" | ", 1)[1] if line.startswith("caption") else None
            sect_pr = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect_pr is not None:
                sections += 1
                lines.append(_section_line(sect_pr, sections))
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(child, previous_caption, document))
            previous_caption = None
        elif child.tag == qn("w:sectPr"):
            sections += 1
            lines.append(_section_line(child, sections))
    first = document.sections[0]
    for label, part in (
        ("header", first.header),
        ("first-page header", first.first_page_header),
        ("footer", first.footer),
    ):
        text = " / ".join(_clip(p.text) for p in part.paragraphs if p.text.strip())
        lines.append(f"{label.upper()} | {text or '(vuoto)'}")
    return _HEADER + "\n".join(lines) + "\n"


def test_the_example_matches_its_golden_outline(tmp_path: Path) -> None:
    target = tmp_path / "valdoria.docx"
    run_cli("export", EXAMPLE, "-o", target)
    actual = outline(target)
    if os.environ.get("PWKIT_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert actual == expected, (
        "The export no longer matches tests/golden/provincia-di-valdoria.outline.txt: if the "
        "change is intended, rerun with PWKIT_UPDATE_GOLDEN=1 and review the diff."
    )
