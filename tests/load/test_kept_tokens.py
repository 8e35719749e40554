"""A section's tokens kept as JSON (the check cache) read back as the parser gave them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from pwkit.load.markdown import (
    MAX_TABLE_COLUMNS,
    TABLE_TOO_LARGE,
    Body,
    keep_tokens,
    parser,
)
from tests.conftest import REPO

if TYPE_CHECKING:
    from pwkit.load.markdown import MarkdownToken

#: Every field of markdown-it's tokens.
FIELDS = [field.name for field in dataclasses.fields(Token)]

#: Markdown's own marks and Italian text: headings, lists, emphasis, links, tables, quotes…
_MARKDOWN = st.lists(
    st.sampled_from([*"#*_-+>|:`~[]()!<>/\"' \n\t.1aèZ\\&;=", "http://x.it", "<br>", "1. "]),
    max_size=120,
).map("".join)


def _fields(token: MarkdownToken) -> tuple[Any, ...]:
    values = []
    for name in FIELDS:
        value = getattr(token, name)
        if name == "children":
            value = None if value is None else [_fields(child) for child in value]
        elif name in ("attrs", "meta"):
            value = dict(value)
        elif name == "map":
            value = None if value is None else list(value)
        values.append(value)
    return tuple(values)


def _round_trip(text: str) -> tuple[list[Any], list[Any]]:
    parsed = parser().parse(text)
    kept = json.loads(json.dumps(keep_tokens(parsed)))
    return [_fields(t) for t in parsed], [_fields(t) for t in Body(text, 1, kept).tokens]


@settings(max_examples=300, deadline=None)
@given(_MARKDOWN)
def test_kept_tokens_are_read_back_as_parsed(text: str) -> None:
    parsed, read = _round_trip(text)
    assert read == parsed


def test_every_section_of_the_examples_is_read_back_as_parsed() -> None:
    sections = sorted((REPO / "examples").glob("*/sezioni/*.md"))
    assert len(sections) > 30
    for path in sections:
        parsed, read = _round_trip(path.read_text(encoding="utf-8"))
        assert read == parsed, path.name


def test_a_table_too_large_keeps_its_size() -> None:
    columns = MAX_TABLE_COLUMNS + 1
    row = "|" + "|".join(["a"] * columns) + "|\n"
    text = row + "|" + "|".join(["-"] * columns) + "|\n" + row * 3
    parsed, read = _round_trip(text)
    assert read == parsed
    assert read[0][0] == TABLE_TOO_LARGE
    assert read[0][FIELDS.index("meta")] == {"columns": columns, "rows": 4}


def test_damaged_kept_tokens_are_parsed_again() -> None:
    text = "# Titolo\n\nUn paragrafo con *enfasi*.\n"
    parsed = [_fields(t) for t in parser().parse(text)]
    for damaged in ([["paragraph_open"]], [None], "testo", [[*keep_tokens([])]]):
        body = Body(text, 1, damaged)  # type: ignore[arg-type]
        assert [_fields(t) for t in body.tokens] == parsed


def test_released_tokens_forget_what_was_kept() -> None:
    text = "Testo.\n"
    body = Body(text, 1, keep_tokens(parser().parse(text)))
    assert body.tokens
    body.release()
    assert body.kept is None
    assert [_fields(t) for t in body.tokens] == [_fields(t) for t in parser().parse(text)]


def test_a_token_with_a_value_json_cannot_hold_is_not_kept() -> None:
    token = parser().parse("testo\n")[0]
    token.meta = {"when": Path("x")}
    with pytest.raises(TypeError):
        keep_tokens([token])
