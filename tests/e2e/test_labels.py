"""The exported examples show every vocabulary code by its Italian label, never as typed."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest

from pwkit.model import enums
from tests.e2e.conftest import EXAMPLES
from tests.e2e.test_behaviour_lock import document_text


def _codes() -> set[str]:
    """The codes no Italian sentence contains: with an underscore or a digit (``L350_3C61``)."""
    vocabularies = [v for v in vars(enums).values() if isinstance(v, type) and v is not StrEnum]
    return {
        member.value
        for vocabulary in vocabularies
        if issubclass(vocabulary, StrEnum)
        for member in vocabulary
        if re.search(r"[_\d]", member.value)
    }


def test_the_codes_include_the_new_vocabularies() -> None:
    assert {"L350_3C61", "CCNL_FL_2022_2024", "pn_capacita_coesione", "non_necessaria"} <= _codes()
    assert "corruzione_trasparenza" in _codes()


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_vocabulary_code_appears_in_an_exported_example(
    name: str, exported: dict[str, Path]
) -> None:
    text = document_text(exported[name])
    leaked = sorted(
        code
        for code in _codes()
        # As typed, or as an unlabelled code is shown (underscores as spaces).
        for shown in {code, code.replace("_", " ")}
        if re.search(rf"(?<![\w/]){re.escape(shown)}(?![\w/])", text)
        and (shown == code or re.search(r"[A-Z\d]", code))
    )
    assert leaked == []
