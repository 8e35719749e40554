"""Tables' rows kept as text until the document is saved are what parsing them would write."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pwkit.base.diagnostics import CheckReport
from pwkit.check.pipeline import check_project
from pwkit.load.markdown import parser
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.frozen import FrozenBody
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.prose import ProseRenderer
from pwkit.render.docx.tables import Column, data_table, key_value_table
from pwkit.render.docx.word import WordDocument
from tests.conftest import EXAMPLE

#: Text a cell may hold: markup, escapes, spaces at the ends, breaks, quotes, placeholders.
_TEXT = st.lists(
    st.sampled_from(
        [
            *"ab è'\"&<>\t\n-*_`|\\",
            "\x0b",
            "\ufffe",
            "**",
            "**Totale**",
            "*c*",
            "[[DA COMPILARE: x]]",
            "  ",
            "",
        ]
    ),
    max_size=12,
).map("".join)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], RenderContext]:
    """A new draft document of the example, with (``True``) or without a ``FrozenBody``."""
    root = tmp_path_factory.mktemp("righe") / "esempio"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    project = check_project(root).project

    def context(frozen: bool) -> RenderContext:
        document, numbering = create_document(project)
        kept = FrozenBody() if frozen else None
        ctx = RenderContext(
            document, project, numbering, Lookup.of(project), draft=CheckReport(), frozen=kept
        )
        if kept is not None:
            kept.attach(document)
        return ctx

    return context


def _document_xml(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return package.read("word/document.xml")


def _both(
    built: Callable[[bool], RenderContext], write: Callable[[RenderContext], None]
) -> tuple[bytes, bytes]:
    """``document.xml`` after ``write``, its tables' rows kept as text and parsed."""
    kept, parsed = built(True), built(False)
    write(kept)
    write(parsed)
    assert kept.document.body.xpath("//processing-instruction()")
    return _document_xml(kept.document), _document_xml(parsed.document)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.lists(_TEXT, min_size=2, max_size=2), min_size=1, max_size=4))
def test_data_tables_kept_as_text_are_written_as_parsed(
    built: Callable[[bool], RenderContext], cells: list[list[str]]
) -> None:
    def write(ctx: RenderContext) -> None:
        data_table(ctx, "Voci", [Column("A"), Column("B", align="right")], cells, total=["", ""])
        key_value_table(ctx, "Scheda", [(cell[0], [cell[1], ""]) for cell in cells])

    kept, parsed = _both(built, write)
    assert kept == parsed


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(_TEXT, min_size=2, max_size=6))
def test_prose_tables_kept_as_text_are_written_as_parsed(
    built: Callable[[bool], RenderContext], cells: list[str]
) -> None:
    def clean(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split()) or "-"

    rows = [cells[i : i + 2] for i in range(0, len(cells) - 1, 2)]
    table = "| Uno | Due |\n|:---|---:|\n" + "".join(
        f"| {clean(a)} | {clean(b)} |\n" for a, b in rows
    )
    tokens = parser().parse(f"Prima.\n\n{table}\nDopo.\n")

    def write(ctx: RenderContext) -> None:
        ProseRenderer(ctx).render(tokens)

    kept, parsed = _both(built, write)
    assert kept == parsed
