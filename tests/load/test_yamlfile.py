from __future__ import annotations

import pytest

from pwkit.base.diagnostics import Diagnostic
from pwkit.load.yamlfile import parse_yaml


@pytest.mark.parametrize("text", ["“abc", "‘Sintesi del progetto\n", "„x"])
def test_a_document_that_is_one_value_opened_by_a_typographic_quote_is_read(text: str) -> None:
    findings: list[Diagnostic] = []
    doc = parse_yaml("progetto.yaml", text, 0, findings)
    assert doc is not None and doc.data == text.strip()
    assert findings == []
