"""The outline of the exported documents, read back with python-docx: no level is skipped."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document as open_docx

from tests.e2e.conftest import DOCUMENTS


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
