"""Each section's Markdown is parsed once per export, however long the section is."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pwkit import api
from pwkit.check.pipeline import KEEP_TOKENS_MAX_CHARS
from pwkit.load import markdown

#: A paragraph of the example's kind, repeated to make a long section.
_PARAGRAPH = (
    "La Provincia gestisce il servizio associato per i Comuni del territorio, con un "
    "ufficio unico e procedure condivise.\n\n"
)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """How many times markdown-it parsed a text of each length (by ``len(text)``)."""
    counted: Counter[int] = Counter()
    real = markdown.parser()

    class Counting:
        def parse(self, text: str, env: Any = None) -> Any:
            counted[len(text)] += 1
            return real.parse(text, env)

    monkeypatch.setattr(markdown, "parser", lambda: Counting())
    return counted


def _lengthen(example: Path, times: int) -> int:
    """Make the first section's body ``times`` paragraphs longer; its new length."""
    section = sorted((example / "sezioni").glob("*.md"))[0]
    text = section.read_text(encoding="utf-8") + _PARAGRAPH * times
    section.write_text(text, encoding="utf-8")
    body = text[4:].partition("\n---\n")[2]
    return len(body)


@pytest.mark.parametrize("times", [1, 1200], ids=["ordinary", "over 64 KB"])
def test_an_export_parses_every_section_once(
    example: Path, tmp_path: Path, parses: Counter[int], times: int
) -> None:
    length = _lengthen(example, times)
    assert (length > KEEP_TOKENS_MAX_CHARS) == (times > 1)
    result = api.export_document(example, output=tmp_path / "pw.docx", draft=True)
    assert result.document is not None
    assert (tmp_path / "pw.docx").stat().st_size > 0
    assert parses[length] == 1, parses
    assert all(count == 1 for count in parses.values()), parses


@pytest.mark.parametrize("times", [1, 1200], ids=["ordinary", "over 64 KB"])
def test_a_checked_unchanged_project_is_exported_from_the_tokens_the_check_kept(
    example: Path, tmp_path: Path, parses: Counter[int], times: int
) -> None:
    length = _lengthen(example, times)
    api.check_project(example)
    checked = Counter(parses)
    parses.clear()
    result = api.export_document(example, output=tmp_path / "pw.docx", draft=True)
    assert result.document is not None
    exported = dict(parses)
    assert len(checked) == len(list((example / "sezioni").glob("*.md")))
    # Only a long section's tokens are not kept: it alone is parsed again.
    assert exported == ({length: 1} if length > KEEP_TOKENS_MAX_CHARS else {})
