"""Draft export (``pwkit export --bozza``): BOZZA marks, open points, highlighted placeholders."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pwkit.base.diagnostics import CheckReport, Diagnostic, Severity
from pwkit.check.pipeline import check_project
from pwkit.render.docx import ANNEXES_TITLE, build_document
from pwkit.render.docx.draft import COMMENT_AUTHOR, DRAFT_MARK, DRAFT_NOTICE, OPEN_POINTS_TITLE
from pwkit.render.docx.oxml import typographic
from pwkit.render.docx.placeholders import split_placeholders
from tests.conftest import EXAMPLE, reopened, run_cli

#: Caption of the open-points table.
OPEN_POINTS_CAPTION = "Punti aperti segnalati dal controllo"
SEVERITY = {Severity.ERROR: "Errore", Severity.WARNING: "Avviso"}
#: Added to a copy of the example: one prose placeholder (split by bold text) …
PLACEHOLDER = "[[DA COMPILARE: cifra **definitiva** del cofinanziamento]]"
#: … and a high risk whose contingency plan is removed (PW506, a warning).
CONTINGENCY = "    contingenza: Slittare l'avvio del pilota paghe al 1° gennaio 2028"


def _copy_example(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("export"))
    return target


def _export(project: Path, target: Path, *args: str, code: int = 0) -> Any:
    run_cli("export", project, *args, "-o", target, code=code)
    return open_docx(str(target)) if code == 0 else None


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The bundled example (no findings) exported as a draft."""
    base = tmp_path_factory.mktemp("clean")
    project = _copy_example(base / "esempio")
    target = base / "bozza.docx"
    return target, _export(project, target, "--bozza")


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    """A project just created by ``pwkit init`` (nearly 200 errors) exported as a draft."""
    base = tmp_path_factory.mktemp("skeleton")
    project = base / "prova-mb"
    run_cli("init", project, "--provincia", "MB", "--no-input")
    target = base / "bozza.docx"
    return project, target, _export(project, target, "--bozza")


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    """The example with one error (a placeholder) and one warning (no contingency plan)."""
    base = tmp_path_factory.mktemp("mutated")
    project = _copy_example(base / "esempio")
    sintesi = project / "sezioni" / "01-sintesi.md"
    text = sintesi.read_text(encoding="utf-8").rstrip("\n")
    sintesi.write_text(f"{text}\n\nCofinanziamento: {PLACEHOLDER}.\n", encoding="utf-8")
    rischi = project / "sezioni" / "12-rischi.md"
    text = rischi.read_text(encoding="utf-8")
    kept = re.subn(f"^{re.escape(CONTINGENCY)}.*\n", "", text, flags=re.MULTILINE)
    assert kept[1] == 1
    rischi.write_text(kept[0], encoding="utf-8")
    target = base / "bozza.docx"
    return project, target, _export(project, target, "--bozza")


# -- helpers ---------------------------------------------------------------------------


def _headers(document: Any) -> list[tuple[int, str, Any]]:
    """Every header a page can show: (section index, kind, header)."""
    found = []
    for index, section in enumerate(document.sections):
        found.append((index, "default", section.header))
        if section.different_first_page_header_footer:
            found.append((index, "first", section.first_page_header))
    return found


def _heading_1(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def _open_points_table(document: Any) -> Any:
    body = list(document.element.body.iterchildren())
    for index, block in enumerate(body):
        if block.tag == qn("w:p") and Paragraph(block, document).text.endswith(OPEN_POINTS_CAPTION):
            from docx.table import Table

            assert body[index + 1].tag == qn("w:tbl")
            return Table(body[index + 1], document)
    return None


def _rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _expected_rows(project: Path) -> list[list[str]]:
    """The report's findings as the annex should list them: errors, then warnings."""
    result = check_project(project)
    titles = {spec.file: spec.title for spec in result.project.manifest.sections}
    titles["progetto.yaml"] = "Frontespizio"
    titles[result.project.comuni_file] = "Elenco dei Comuni"
    report = result.report
    rows = []
    for number, d in enumerate([*report.errors, *report.warnings], start=1):
        rows.append(
            [
                str(number),
                SEVERITY[d.severity],
                titles.get(d.location.file, "Progetto nel suo insieme"),
                typographic(d.message),
            ]
        )
    return rows


def _audit(path: Path) -> list[tuple[Any, ...]]:
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    result = validator.validate(str(path))
    return [(e.error_type, e.description, e.part_uri, e.path) for e in result.errors]


def _highlighted(document: Any) -> list[str]:
    return [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]


# -- the marks -------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["clean", "skeleton", "mutated"])
def test_every_header_starts_with_bozza(which: str, request: pytest.FixtureRequest) -> None:
    document = request.getfixturevalue(which)[-1]
    headers = _headers(document)
    assert any(kind == "first" for _, kind, _ in headers)  # the title page has its own
    for index, kind, header in headers:
        first = header.paragraphs[0]
        assert first.text == DRAFT_NOTICE, (index, kind)
        run = first.runs[0]
        assert run.bold and str(run.font.color.rgb) == "C00000"


def test_the_landscape_gantt_section_says_bozza_too(clean: tuple[Path, Any]) -> None:
    document = clean[1]
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape
    for section in landscape:
        assert section.header.paragraphs[0].text.startswith(DRAFT_MARK)
    # The running header keeps the Provincia and the title below the mark.
    assert document.sections[0].header.paragraphs[1].text.startswith("Provincia di Valdoria")


@pytest.mark.parametrize("which", ["clean", "skeleton"])
def test_title_page_and_properties_say_draft(which: str, request: pytest.FixtureRequest) -> None:
    document = request.getfixturevalue(which)[-1]
    before_toc = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            break
        before_toc.append(paragraph.text)
    assert DRAFT_NOTICE in before_toc
    assert document.core_properties.content_status == "Bozza"
    assert document.core_properties.keywords.endswith("Bozza")


# -- the open points -------------------------------------------------------------------


def test_clean_draft_says_there_are_no_open_points(clean: tuple[Path, Any]) -> None:
    path, document = clean
    titles = _heading_1(document)
    assert titles[-1] == OPEN_POINTS_TITLE
    assert ANNEXES_TITLE not in titles or titles.index(ANNEXES_TITLE) == len(titles) - 2
    closing = [p.text for p in document.paragraphs]
    after = closing[closing.index(OPEN_POINTS_TITLE) + 1]
    assert "non ha trovato punti aperti" in after
    assert _open_points_table(document) is None
    assert document.comments is None or len(document.comments) == 0
    with zipfile.ZipFile(path) as archive:
        assert "word/comments.xml" not in archive.namelist()


def test_open_points_heading_is_unnumbered_and_in_the_toc(clean: tuple[Path, Any]) -> None:
    path, document = clean
    heading = next(p for p in document.paragraphs if p.text == OPEN_POINTS_TITLE)
    num_pr = heading._p.pPr.numPr
    assert num_pr is not None  # numbering switched off explicitly, as for «Allegati»
    allegati_like = [
        p._p.pPr.numPr.numId.val
        for p in document.paragraphs
        if p.style.name == "Heading 1" and p._p.pPr.numPr is not None
    ]
    assert set(allegati_like) == {num_pr.numId.val}
    with zipfile.ZipFile(path) as archive:
        toc = archive.read("word/document.xml").decode("utf-8")
    assert toc.count(OPEN_POINTS_TITLE) >= 2  # the heading and its TOC entry


@pytest.mark.parametrize("which", ["skeleton", "mutated"])
def test_annex_table_lists_exactly_the_reports_findings(
    which: str, request: pytest.FixtureRequest
) -> None:
    project, _, document = request.getfixturevalue(which)
    table = _open_points_table(document)
    rows = _rows(table)
    # For a reader: no rule codes, files, lines or hints about commands.
    assert rows[0] == ["N.", "Gravità", "Parte del documento", "Punto aperto"]
    assert rows[1:] == _expected_rows(project)
    assert _heading_1(document)[-1] == OPEN_POINTS_TITLE


def test_mutated_example_lists_the_error_before_the_warning(
    mutated: tuple[Path, Path, Any],
) -> None:
    _, _, document = mutated
    rows = _rows(_open_points_table(document))[1:]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("1", "Errore", "Sintesi del Project Work"),
        ("2", "Avviso", "Gestione dei rischi"),
    ]
    intro = [p.text for p in document.paragraphs]
    summary = intro[intro.index(OPEN_POINTS_TITLE) + 1]
    assert "1 errore e 1 avviso" in summary


def test_skeleton_has_no_progetto_and_still_exports(skeleton: tuple[Path, Path, Any]) -> None:
    project, _, document = skeleton
    assert check_project(project).project.progetto is None  # progetto.yaml is incomplete
    titles = _heading_1(document)
    manifest = check_project(project).project.manifest
    assert titles == [s.title for s in manifest.sections] + [OPEN_POINTS_TITLE]


# -- placeholders ----------------------------------------------------------------------


def test_prose_placeholders_are_highlighted_in_yellow(skeleton: tuple[Path, Path, Any]) -> None:
    _, _, document = skeleton
    placeholders = [p for p in document.paragraphs if "[[DA COMPILARE" in p.text]
    assert len(placeholders) > 20
    for paragraph in placeholders:
        for run in paragraph.runs:
            if "DA COMPILARE" in run.text:
                assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW, paragraph.text
    assert all(h.startswith("[[DA COMPILARE") and h.endswith("]]") for h in _highlighted(document))


def test_a_placeholder_across_bold_text_is_highlighted_whole(
    mutated: tuple[Path, Path, Any],
) -> None:
    _, path, document = mutated
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Cofinanziamento:"))
    marked = [(r.text, bool(r.bold)) for r in paragraph.runs if r.font.highlight_color]
    assert "".join(text for text, _ in marked) == PLACEHOLDER.replace("**", "")
    assert ("definitiva", True) in marked
    plain = [r.text for r in paragraph.runs if not r.font.highlight_color]
    assert plain == ["Cofinanziamento: ", "."]
    with zipfile.ZipFile(path) as archive:
        assert '<w:highlight w:val="yellow"/>' in archive.read("word/document.xml").decode()


def test_split_placeholders_keeps_state_across_runs() -> None:
    pieces, inside = split_placeholders("a [[DA COMPILARE: x]] b [[ DA COMPILARE y", False)
    assert pieces == [
        ("a ", False),
        ("[[DA COMPILARE: x]]", True),
        (" b ", False),
        ("[[ DA COMPILARE y", True),
    ]
    assert inside
    assert split_placeholders("fine]] dopo", True) == ([("fine]]", True), (" dopo", False)], False)
    assert split_placeholders("[[DA COMPILARE: z]]", False) == (
        [("[[DA COMPILARE: z]]", True)],
        False,
    )
    assert split_placeholders("[[Nota]] normale", False) == ([("[[Nota]] normale", False)], False)


# -- comments --------------------------------------------------------------------------


def test_findings_are_comments_on_their_sections(skeleton: tuple[Path, Path, Any]) -> None:
    project, path, document = skeleton
    report = check_project(project).report
    comments = list(document.comments)
    assert len(comments) == len(report.diagnostics)
    assert {c.author for c in comments} == {COMMENT_AUTHOR}
    assert {c.initials for c in comments} == {"PW"}
    first = report.errors[0]
    assert comments[0].text.startswith(f"{first.code} – Errore ({first.location})")
    with zipfile.ZipFile(path) as archive:
        comments_xml = archive.read("word/comments.xml").decode("utf-8")
        document_xml = archive.read("word/document.xml").decode("utf-8")
    assert "w:date" not in comments_xml
    # A section's findings are anchored on its Heading 1.
    heading = next(
        p
        for p in document.paragraphs
        if p.text == "Gestione dei rischi" and p.style.name == "Heading 1"
    )
    assert heading._p.find(qn("w:commentRangeStart")) is not None
    assert document_xml.count("<w:commentReference ") == len(comments)


# -- validity, determinism, non-draft --------------------------------------------------


@pytest.mark.parametrize("which", ["clean", "skeleton", "mutated"])
def test_openxml_audit_finds_no_errors_in_a_draft(
    which: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(which)[-2]
    assert _audit(path) == []


def test_draft_export_is_deterministic(skeleton: tuple[Path, Path, Any], tmp_path: Path) -> None:
    project, first, _ = skeleton
    second = tmp_path / "ancora.docx"
    _export(project, second, "--bozza")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_without_bozza_a_project_with_errors_is_refused(
    mutated: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    project = mutated[0]
    target = tmp_path / "rifiutato.docx"
    _export(project, target, code=1)
    assert not target.exists()


def test_bozza_exit_code_is_zero_and_warns_about_open_errors(
    skeleton: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    result = run_cli("export", skeleton[0], "--bozza", "-o", tmp_path / "b.docx")
    assert "Bozza con" in result.output and "errori aperti" in result.output


def test_the_warning_of_a_draft_with_one_error_is_in_the_singular(
    mutated: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    result = run_cli("export", mutated[0], "--bozza", "-o", tmp_path / "una.docx")
    assert "Bozza con 1 errore aperto, elencato in fondo al documento" in result.output


def test_non_draft_export_has_no_draft_marks(tmp_path: Path) -> None:
    project = _copy_example(tmp_path / "esempio")
    path = tmp_path / "finale.docx"
    document = _export(project, path)
    for _, _, header in _headers(document):
        assert all(DRAFT_MARK not in p.text for p in header.paragraphs)
    assert all(DRAFT_MARK not in p.text for p in document.paragraphs)
    assert OPEN_POINTS_TITLE not in _heading_1(document)
    assert document.core_properties.content_status != "Bozza"
    assert not _highlighted(document)
    with zipfile.ZipFile(path) as archive:
        assert "word/comments.xml" not in archive.namelist()


def test_build_document_without_draft_equals_draft_none(tmp_path: Path) -> None:
    """An empty report still makes a draft; ``None`` does not."""
    result = check_project(_copy_example(tmp_path / "esempio"))
    plain = reopened(build_document(result.project))
    draft = reopened(build_document(result.project, draft=CheckReport()))
    assert OPEN_POINTS_TITLE not in _heading_1(plain)
    assert _heading_1(draft)[-1] == OPEN_POINTS_TITLE


def test_a_finding_outside_any_section_is_anchored_on_the_open_points(tmp_path: Path) -> None:
    result = check_project(_copy_example(tmp_path / "esempio"))
    from pwkit.base.diagnostics import Location

    report = CheckReport(
        [
            Diagnostic(
                "PW101",
                Severity.ERROR,
                "Manca qualcosa.",
                "",
                Location("altro.txt"),
                slug="placeholder",
            )
        ]
    )
    document = reopened(build_document(result.project, draft=report))
    rows = _rows(_open_points_table(document))
    assert rows[1] == ["1", "Errore", "Progetto nel suo insieme", "Manca qualcosa."]
    heading = next(p for p in document.paragraphs if p.text == OPEN_POINTS_TITLE)
    assert heading._p.find(qn("w:commentRangeStart")) is not None


def test_a_section_with_many_findings_gets_a_bounded_number_of_comments(
    tmp_path: Path,
) -> None:
    from pwkit.base.diagnostics import Location
    from pwkit.render.docx.draft import MAX_COMMENTS_PER_SECTION

    project = _copy_example(tmp_path / "esempio")
    result = check_project(project)
    many = [
        Diagnostic(
            "PW101",
            Severity.ERROR,
            f"Punto aperto numero {n}.",
            "Compila il dato.",
            Location("sezioni/11-piano.md", n, 1),
            slug="placeholder",
        )
        for n in range(1, 41)
    ]
    one = Diagnostic(
        "PW101",
        Severity.ERROR,
        "Unico punto.",
        "Compila.",
        Location("sezioni/12-rischi.md", 3, 1),
        slug="placeholder",
    )
    document = reopened(build_document(result.project, draft=CheckReport([*many, one], 16, 14)))

    texts = [c.text for c in document.comments]
    assert len(texts) == MAX_COMMENTS_PER_SECTION + 1 + 1
    assert sum("Punto aperto numero" in t for t in texts) == MAX_COMMENTS_PER_SECTION
    [rest] = [t for t in texts if t.startswith("Altri ")]
    assert f"Altri {40 - MAX_COMMENTS_PER_SECTION} punti aperti" in rest
    assert OPEN_POINTS_TITLE in rest
    assert any("Unico punto." in t for t in texts)
    # The open-points chapter still lists every finding.
    body = "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))
    assert all(f"Punto aperto numero {n}." in body for n in range(1, 41))


#: Comment texts with what python-docx's ``run.text`` treats specially.
COMMENT_TEXTS = [
    "PW101 – Errore (sezioni/01-sintesi.md:3)\nIl campo manca.\n→ Aggiungilo.",
    "  spazi ai bordi  \n\ttab all'inizio\nA & B <c> \"d\" 'e'",
    "a capo\rWindows\r\n\nriga vuota sopra\n",
    "\n",
    "1.234\xa0€ \xa0",
]


@pytest.mark.parametrize("localised", [False, True])
def test_comments_are_the_xml_python_docx_writes(localised: bool) -> None:
    from docx import Document as new_document
    from lxml import etree

    from pwkit.render.docx.draft import COMMENT_INITIALS, _Comments, _restyle, mark_comment

    ids = {"CommentText": "CommentText", "CommentReference": "CommentReference"}
    if localised:
        ids = {"CommentText": 'Testo "commento" & co', "CommentReference": "Rimando"}
    theirs, ours = new_document(), new_document()
    runs = [theirs.add_paragraph().add_run("Titolo"), ours.add_paragraph().add_run("Titolo")]
    expected_ids = []
    for text in COMMENT_TEXTS:
        comment = theirs.add_comment(
            runs[0], text, author=COMMENT_AUTHOR, initials=COMMENT_INITIALS
        )
        comment._comment_elm.attrib.pop(qn("w:date"))
        _restyle(comment._comment_elm, ids)
        expected_ids.append(comment.comment_id)
    writer = _Comments(ours.comments._comments_elm)
    written_ids = []
    for text in COMMENT_TEXTS:
        written_ids.append(writer.add(text, ids))
        mark_comment(runs[1]._r, written_ids[-1])
    assert written_ids == expected_ids
    for document in (theirs, ours):
        assert [c.text for c in document.comments] == [
            text.replace("\r", "\n") for text in COMMENT_TEXTS
        ]
    assert etree.tostring(ours.comments._comments_elm) == etree.tostring(
        theirs.comments._comments_elm
    )
    assert etree.tostring(ours.element.body) == etree.tostring(theirs.element.body)


def test_comment_ids_follow_those_already_in_the_document() -> None:
    from docx import Document as new_document

    from pwkit.render.docx.draft import _Comments

    document = new_document()
    run = document.add_paragraph().add_run("Titolo")
    for _ in range(3):
        document.add_comment(run, "già presente")
    writer = _Comments(document.comments._comments_elm)
    ids = {"CommentText": "CommentText", "CommentReference": "CommentReference"}
    assert [writer.add("nuovo", ids) for _ in range(2)] == [3, 4]
