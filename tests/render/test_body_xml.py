"""The body is written as XML directly: no python-docx proxies, finished chapters frozen."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn

from pwkit.base.diagnostics import CheckReport
from pwkit.check.pipeline import check_project
from pwkit.load.markdown import parser
from pwkit.render.docx import build_document
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.files import document_files, reference_of
from pwkit.render.docx.frozen import FrozenBody
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.prose import ProseRenderer
from pwkit.render.docx.sections import render_structured
from pwkit.render.docx.tables import Column, data_table, key_value_table
from tests.conftest import EXAMPLE

#: Every kind of block and inline the prose renderer writes, placeholders of a draft too.
RICH_PROSE = """\
## Tutte le forme

Testo con **grassetto**, *corsivo*, ~~barrato~~, `codice`, un [collegamento](https://example.org)
e un'immagine ![logo](logo.png). A capo forzato
seconda riga<br>terza [[DA COMPILARE: segnaposto]] fine.

> Citazione
>
> > annidata

1. primo
   - annidato

     continuazione
2. secondo

---

| Sinistra | Destra |
|:---|---:|
| a | 1 |

```
codice
```
"""

#: python-docx's proxy classes, by the module that defines them.
_PROXIES = {
    "docx.text.run": ("Run",),
    "docx.text.paragraph": ("Paragraph",),
    "docx.table": ("Table", "_Cell", "_Row"),
    "docx.section": ("Section", "_Header", "_Footer"),
    "docx.text.parfmt": ("ParagraphFormat",),
    "docx.text.tabstops": ("TabStops", "TabStop"),
}


@pytest.fixture
def proxies(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How many python-docx proxies are made, by class, while the fixture is in use."""
    import importlib

    made: Counter[str] = Counter()
    for module_name, names in _PROXIES.items():
        module = importlib.import_module(module_name)
        for name in names:
            cls = getattr(module, name)
            original = cls.__init__

            def counting(self: Any, *args: Any, _o: Any = original, _n: str = name) -> None:
                made[_n] += 1
                _o(self, *args)

            monkeypatch.setattr(cls, "__init__", counting)
    yield made


def _context(tmp_path: Path) -> RenderContext:
    root = tmp_path / "esempio"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    project = check_project(root).project
    assert project is not None
    files = document_files(project)
    document, numbering = create_document(
        project, reference=reference_of(project, files), warnings=[]
    )
    return RenderContext(
        document, project, numbering, Lookup.of(project), draft=CheckReport(), files=files
    )


def test_prose_is_written_without_python_docx_proxies(
    tmp_path: Path, proxies: Counter[str]
) -> None:
    ctx = _context(tmp_path)
    proxies.clear()
    ProseRenderer(ctx).render(parser().parse(RICH_PROSE))
    assert not proxies
    body = ctx.document.body
    assert len(body.findall(qn("w:tbl"))) == 1
    assert body.find(f".//{qn('w:hyperlink')}") is not None
    assert body.find(f".//{qn('w:highlight')}") is not None


def test_tables_and_cards_are_written_without_python_docx_proxies(
    tmp_path: Path, proxies: Counter[str]
) -> None:
    ctx = _context(tmp_path)
    proxies.clear()
    data_table(
        ctx,
        "Voci",
        [Column("N.", 0.5, "right"), Column("Voce", 3.0)],
        [[str(n), f"Voce {n}"] for n in range(40)],
        total=["", "Totale"],
    )
    key_value_table(ctx, "Scheda", [("Nome", "Servizio"), ("Righe", ["una", "due"])])
    assert not proxies
    assert len(ctx.document.body.findall(qn("w:tbl"))) == 2


def test_the_tables_of_every_section_are_written_without_python_docx_proxies(
    tmp_path: Path, proxies: Counter[str]
) -> None:
    """Data tables, cards, the Gantt chart (its merged header too), the risks' heat map."""
    ctx = _context(tmp_path)
    proxies.clear()
    for section in ctx.project.sections:
        render_structured(ctx, section.data)
    assert not proxies
    body = ctx.document.body
    assert len(body.findall(qn("w:tbl"))) > 30
    assert body.find(f".//{qn('w:gridSpan')}") is not None  # the years over their months


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _example_built(tmp_path: Path) -> Callable[[FrozenBody | None], Any]:
    """The example checked once, and a function that builds its draft document again."""
    root = tmp_path / "esempio"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    result = check_project(root, for_export=True)
    project = result.project
    assert project is not None

    def build(frozen: FrozenBody | None) -> Any:
        for section in project.sections:
            if section.body is not None:
                section.body.tokens  # noqa: B018 - each document parses its prose again
        return build_document(project, files=result.files, draft=result.report, frozen=frozen)

    return build


def test_a_document_with_frozen_chapters_is_saved_byte_for_byte_the_same(
    tmp_path: Path,
) -> None:
    build = _example_built(tmp_path)
    whole = build(None)
    whole.save(str(tmp_path / "intero.docx"))
    frozen = build(FrozenBody(1))
    # The chapters' tables left the tree; the headings the comments hang on stayed.
    assert len(whole.body.findall(qn("w:tbl"))) > 20
    assert len(frozen.body.findall(qn("w:tbl"))) <= 2
    frozen.save(str(tmp_path / "a-pezzi.docx"))
    frozen.save(str(tmp_path / "di-nuovo.docx"))  # saving twice (TOC pages) writes them again
    expected = _parts(tmp_path / "intero.docx")
    assert _parts(tmp_path / "a-pezzi.docx") == expected
    assert _parts(tmp_path / "di-nuovo.docx") == expected


def test_chapters_are_frozen_once_the_body_is_long_and_the_document_stays_the_same(
    tmp_path: Path,
) -> None:
    """Below the threshold no chapter is frozen; past it, every finished chapter but its heading.

    Either way the tables' rows are kept as text, and the file is the one the whole tree
    (no ``FrozenBody``: every row parsed) gives.
    """
    build = _example_built(tmp_path)
    documents = {}
    for name, frozen in (("albero", None), ("intero", FrozenBody()), ("oltre", FrozenBody(200))):
        document = documents[name] = build(frozen)
        document.save(str(tmp_path / f"{name}.docx"))
    blocks = {name: len(document.body) for name, document in documents.items()}
    assert blocks["intero"] == blocks["albero"] > 200  # the example: under the default threshold
    assert not documents["albero"].body.xpath("//processing-instruction()")
    kept_rows = documents["intero"].body.xpath("//processing-instruction()")
    assert len(kept_rows) > 10
    assert {mark.getparent().tag for mark in kept_rows} == {qn("w:tbl")}
    parsed = {row.getparent() for row in documents["intero"].body.iter(qn("w:tr"))}
    captions = [table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}") for table in parsed]
    # Only the table whose sources become links afterwards has its rows in the tree.
    assert [caption.get(qn("w:val")) for caption in captions] == ["Buone pratiche di riferimento"]
    assert _parts(tmp_path / "intero.docx") == _parts(tmp_path / "albero.docx")
    frozen_marks = documents["oltre"].body.xpath("//processing-instruction()")
    assert len(frozen_marks) >= 2  # the first chapters waited, then went together
    assert blocks["oltre"] < 200
    headings = [p for p in documents["oltre"].body if p.find(f".//{qn('w:pStyle')}") is not None]
    assert headings
    assert _parts(tmp_path / "oltre.docx") == _parts(tmp_path / "intero.docx")


def test_a_document_saved_without_its_frozen_chapters_never_replaces_the_output(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the package writer to stop asking the part for its XML, no chapter may go missing."""
    import pwkit.render.docx.frozen
    from pwkit.render.docx import export_docx

    monkeypatch.setattr(pwkit.render.docx.frozen, "FREEZE_AFTER_BLOCKS", 1)
    project = check_project(example, for_export=True).project
    (tmp_path / "uscita").mkdir()
    output = tmp_path / "uscita" / "documento.docx"
    output.write_bytes(b"the previous document")
    monkeypatch.setattr(FrozenBody, "attach", lambda self, document: None)
    with pytest.raises(RuntimeError, match="frozen chapters"):
        export_docx(project, output, force=True)
    assert output.read_bytes() == b"the previous document"
    assert [p.name for p in output.parent.iterdir()] == ["documento.docx"]


def _paragraph_of(inner: str) -> Any:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(f"<w:p {nsdecls('w', 'r')}>{inner}</w:p>")


@pytest.mark.parametrize(
    "inner",
    [
        "",
        "<w:pPr><w:pStyle w:val='Titolo1'/></w:pPr><w:r><w:t>Contesto</w:t></w:r>",
        "<w:r><w:t xml:space='preserve'> a </w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>",
        "<w:r><w:br w:type='page'/><w:br w:type='column'/><w:br w:type='textWrapping'/></w:r>",
        "<w:r><w:cr/><w:noBreakHyphen/><w:ptab w:relativeTo='margin' w:alignment='left'"
        " w:leader='none'/><w:t/></w:r>",
        "<w:bookmarkStart w:id='1' w:name='_Toc1'/><w:r><w:rPr><w:b/></w:rPr><w:t>x</w:t></w:r>"
        "<w:hyperlink r:id='rId9'><w:r><w:t>link</w:t></w:r><w:r><w:tab/></w:r></w:hyperlink>"
        "<w:bookmarkEnd w:id='1'/><w:r><w:fldChar w:fldCharType='begin'/></w:r>",
    ],
)
def test_a_paragraphs_text_is_what_python_docx_reads(inner: str) -> None:
    from docx.text.paragraph import Paragraph

    from pwkit.render.docx.oxml import paragraph_text

    p = _paragraph_of(inner)
    assert paragraph_text(p) == Paragraph(p, None).text  # type: ignore[arg-type]
