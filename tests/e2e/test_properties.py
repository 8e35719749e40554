"""Issue #5: properties that hold for any input, checked by Hypothesis on ≥ 500 examples each.

- any bytes or text as a section file → ``check`` gives a report or a ``PwkitError``, never
  another exception;
- every finding's line lies inside the file it names;
- any prose the checker accepts → exported → read back from the .docx contains its words
  (modulo Markdown markup).

Each example checks a small project (the first page and one section of the bundled example),
so that hundreds of examples stay cheap.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from pwkit.base.diagnostics import CheckReport
from pwkit.base.errors import PwkitError
from pwkit.check.pipeline import check_project
from tests.conftest import EXAMPLE, REPO

EXAMPLES = 500
SECTION = "sezioni/14-rete.md"
FRONT, _, BODY = EXAMPLE.joinpath(SECTION).read_text(encoding="utf-8")[4:].partition("\n---\n")
HEAD = f"---\n{FRONT}\n---\n"

PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    """``progetto.yaml`` of a started project, the Comuni and one section; reused by examples."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder, "progetto")
        shutil.copytree(REPO / "tests" / "data" / "projects" / "solo-frontespizio", root)
        shutil.copytree(EXAMPLE / "dati", root / "dati")
        (root / "sezioni").mkdir()
        yield root


def _check(root: Path, data: bytes) -> CheckReport:
    """Write ``data`` as the section and check: a section's content is never a refusal."""
    root.joinpath(SECTION).write_bytes(data)
    return check_project(root).report


def _lines(data: bytes) -> int:
    """An upper bound of the lines of a file, whatever its encoding and line ends."""
    return data.count(b"\n") + data.count(b"\r") + 1


def _assert_inside(root: Path, report: CheckReport) -> None:
    for diagnostic in report.diagnostics:
        where = diagnostic.location
        if where.line is None:
            continue
        path = root / where.file
        assert path.is_file(), diagnostic
        assert 1 <= where.line <= _lines(path.read_bytes()), diagnostic
        assert where.column is None or where.column >= 1, diagnostic


yamlish = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`?,.0 \t\n")), max_size=200)
any_section = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=1000).map(lambda t: (HEAD + t).encode("utf-8", "surrogatepass")),
    yamlish.map(lambda y: f"---\n{y}\n---\n## Titolo\n\nTesto.\n".encode()),
    st.tuples(yamlish, st.sampled_from(["utf-16", "cp1252", "utf-8-sig", "latin-1"])).map(
        lambda pair: (HEAD + pair[0] + BODY).encode(pair[1], "replace")
    ),
)


@PROPERTY
@given(data=any_section)
def test_any_section_file_gives_a_report_with_findings_inside_their_files(
    project: Path, data: bytes
) -> None:
    _assert_inside(project, _check(project, data))


@PROPERTY
@given(text=st.text(max_size=400))
def test_any_progetto_yaml_gives_a_report_with_findings_inside_their_files(
    project: Path, text: str
) -> None:
    original = project.joinpath("progetto.yaml").read_bytes()
    try:
        project.joinpath("progetto.yaml").write_text(text, encoding="utf-8", errors="replace")
        try:
            report = _check(project, EXAMPLE.joinpath(SECTION).read_bytes())
        except PwkitError as exc:
            # The one refusal a title page may cause: it pins a template pwkit cannot use.
            assert "modello" in text, exc.message
            return
        _assert_inside(project, report)
    finally:
        project.joinpath("progetto.yaml").write_bytes(original)


printable = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=12)
WORDS = [
    "Provincia",
    "Comuni",
    "concorso",
    "idonei",
    "città",
    "perché",
    "2026",
    "PIAO",
    "l’ufficio",
]
MARKS = [
    "",
    "",
    "# ",
    "## ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "    ",
    "**",
    "_",
    "| a | b |\n|---|---|\n| ",
]
line = st.tuples(
    st.sampled_from(MARKS),
    st.lists(st.one_of(st.sampled_from(WORDS), printable), max_size=8),
).map(lambda pair: pair[0] + " ".join(pair[1]))
prose = st.lists(line, max_size=12).map("\n".join)


@pytest.fixture(scope="module")
def baseline(project: Path) -> set[str]:
    """Rules the section breaks with no prose at all (too few words)."""
    report = _check(project, HEAD.encode())
    return {d.code for d in report.errors if d.location.file == SECTION}


_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


@PROPERTY
@given(text=prose)
@example(text="| a | b |\n|---|---|\n| | | concorso")  # a cell beyond the header: PW015
def test_accepted_prose_reaches_the_word_document(
    project: Path, baseline: set[str], text: str
) -> None:
    from docx import Document

    from pwkit.render.docx import build_document

    project.joinpath(SECTION).write_bytes((HEAD + text + "\n").encode("utf-8", "surrogatepass"))
    result = check_project(project)
    # Only prose the checker accepts is exported (Hypothesis fails if it accepts too little).
    assume(not {d.code for d in result.report.errors if d.location.file == SECTION} - baseline)
    section = next(s for s in result.project.sections if s.spec.file == SECTION)
    document = build_document(result.project._replace(sections=(section,)))
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    written = "\n".join(t.text or "" for t in Document(buffer).element.body.iter(_T))
    # Markup that legitimately hides or rewrites words (HTML, entities, escapes, link
    # reference definitions, code spans) is left out; every other word must reach the document.
    if any(mark in text for mark in ("<", "&", "\\", "[", "`")):
        return
    event("prose checked word by word")
    for word in re.findall(r"[^\W_]{3,}", text):
        assert word in written, (word, text)
