"""What pwkit says and writes, locked: the check and the exported text of four projects.

For the three bundled examples and a project full of mistakes (``tests/data/projects/misto``),
the golden files in ``tests/golden/`` hold the ``check --format json`` output and every text of
the exported document (body paragraphs and table cells in order, then headers and footers),
read back with python-docx. A change that is not meant to change behaviour (a restructuring)
must leave them identical; an intended change regenerates them with::

    PWKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/e2e/test_behaviour_lock.py

and the diff of ``tests/golden`` is reviewed before committing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.conftest import REPO, run_cli

GOLDEN = REPO / "tests" / "golden"
PROJECTS = {
    "valdoria": REPO / "examples" / "provincia-di-valdoria",
    "montalto": REPO / "examples" / "provincia-di-montalto",
    "lagoverde": REPO / "examples" / "provincia-di-lagoverde",
    "misto": REPO / "tests" / "data" / "projects" / "misto",
}


def _blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, inside content controls (the TOC) too."""
    for child in container:
        if child.tag == qn("w:sdt"):
            yield from _blocks(child.find(qn("w:sdtContent")))
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


def document_text(path: Path) -> str:
    """Every text of a .docx, one line per paragraph or table cell, in reading order."""
    document = open_docx(str(path))
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == qn("w:p"):
            lines.append(Paragraph(block, document).text)
            continue
        table = Table(block, document)
        lines.append(f"[tabella {len(table.rows)}×{len(table.columns)}]")
        for r, row in enumerate(table.rows):
            seen: set[int] = set()
            for c, cell in enumerate(row.cells):
                if id(cell._tc) in seen:  # a merged cell is one text
                    continue
                seen.add(id(cell._tc))
                lines.append(f"  [{r},{c}] " + " / ".join(p.text for p in cell.paragraphs))
    for number, section in enumerate(document.sections, 1):
        for label, part in (
            ("intestazione", section.header),
            ("intestazione prima pagina", section.first_page_header),
            ("piè di pagina", section.footer),
        ):
            text = " / ".join(p.text for p in part.paragraphs)
            lines.append(f"[sezione {number}, {label}] {text}")
    return "\n".join(lines) + "\n"


def _check_json(root: Path) -> str:
    result = run_cli("check", root, "--format", "json", "--no-cache", code=_exit(root))
    data = json.loads(result.stdout)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _exit(root: Path) -> int:
    return 1 if root.name == "misto" else 0


def _compare(name: str, actual: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("PWKIT_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), (
        f"tests/golden/{name} differs: if the change is intended, rerun with "
        "PWKIT_UPDATE_GOLDEN=1 and review the diff."
    )


@pytest.mark.parametrize("name", list(PROJECTS))
def test_check_says_what_it_said(name: str, tmp_path: Path) -> None:
    root = tmp_path / PROJECTS[name].name
    shutil.copytree(PROJECTS[name], root, ignore=shutil.ignore_patterns("export"))
    _compare(f"{name}.check.json", _check_json(root))


@pytest.mark.parametrize("name", list(PROJECTS))
def test_export_writes_what_it_wrote(name: str, tmp_path: Path) -> None:
    root = tmp_path / PROJECTS[name].name
    shutil.copytree(PROJECTS[name], root, ignore=shutil.ignore_patterns("export"))
    target = tmp_path / "pw.docx"
    draft = ("--bozza",) if _exit(root) else ()
    run_cli("export", root, "-o", target, *draft)
    _compare(f"{name}.text.txt", document_text(target))
