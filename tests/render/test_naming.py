"""Default names of exported documents: who, which version, whether a draft; never a path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pwkit.model.project import Project
from pwkit.render.naming import document_name


def _broken_cover(raw: Any) -> Project:
    """A project whose title page did not validate, with ``raw`` as its progetto.yaml."""
    return Project(Path(), None, None, (), (), progetto_raw=raw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ({"provincia": {"nome": "Forlì-Cesena"}, "versione": "2.1"}, "PW-Forli-Cesena-v2.1-bozza"),
        ({"provincia": {"sigla": "MB", "nome": "x"}, "versione": " 1.0 "}, "PW-MB-v1.0-bozza"),
        ({"provincia": {"sigla": "M/B", "nome": "../.."}}, "PW-bozza"),
        ({"provincia": "Valdoria", "versione": "C:\\x\\..\\y"}, "PW-vC-x-y-bozza"),
        ({"provincia": {"nome": "A" * 300}}, "PW-" + "A" * 40 + "-bozza"),
        (
            {
                "provincia": {
                    "nome": "DA COMPILARE: nome della Provincia, es. Monza e della Brianza",
                    "sigla": "DA COMPILARE: sigla di due lettere maiuscole, es. MB",
                },
                "versione": "0.1",
            },
            "PW-v0.1-bozza",
        ),
        ({"provincia": {"nome": "Rieti"}, "versione": "DA COMPILARE"}, "PW-Rieti-bozza"),
        ([1, 2], "PW-bozza"),
        (None, "PW-bozza"),
    ],
)
def test_a_draft_is_named_from_what_the_cover_gives(raw: Any, name: str) -> None:
    assert document_name(_broken_cover(raw), draft=True) == name + ".docx"
