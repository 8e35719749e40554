"""The export's own modules write elements: no python-docx proxies, the same XML as before."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as new_document
from docx.oxml.ns import qn
from lxml import etree

from pwkit.check.pipeline import check_project
from pwkit.render.docx import build_document
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.files import document_files, reference_of
from pwkit.render.docx.lookup import Lookup
from tests.conftest import EXAMPLE, REPO, png

#: The python-docx classes whose objects stand for a piece of the body, a style or a format
#: (what the export's modules must not make); ``Document``, ``Styles``... are part-level.
FORBIDDEN = frozenset(
    {
        "Paragraph", "Run", "Hyperlink", "Table", "_Cell", "_Row", "_Column", "_Rows",
        "_Columns", "BaseStyle", "CharacterStyle", "ParagraphStyle", "_TableStyle",
        "_NumberingStyle", "ParagraphFormat", "Font", "ColorFormat", "InlineShape",
        "InlineShapes", "Section", "Sections", "_Header", "_Footer", "TabStops", "TabStop",
    }
)  # fmt: skip
#: Who made a proxy, if any did: section properties and headers
#: (``elsewhere``), the document's creation (``document``).
_OWNERS = {
    "render/docx/headers.py": "elsewhere",
    "render/docx/page.py": "elsewhere",
    "render/docx/document.py": "document",
}


def _owner() -> str:
    """Who made the object: headers.py/page.py, document.py (on the stack), or the export."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename.replace("\\", "/")
        for path, owner in _OWNERS.items():
            if name.endswith(path):
                return owner
        frame = frame.f_back  # type: ignore[assignment]
    return "export"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Counter[str]]]:
    """python-docx objects made while in use, by class name and :func:`_owner`."""
    from docx import section, shape, shared

    counters: dict[str, Counter[str]] = {
        owner: Counter() for owner in ("export", *_OWNERS.values())
    }
    bases = (shared.ElementProxy, shared.Parented, shared.StoryChild, section.Section)
    for cls in (*bases, shape.InlineShape):
        original = cls.__init__

        def counting(self: Any, *args: Any, _o: Any = original, **kwargs: Any) -> None:
            counters[_owner()][type(self).__name__] += 1
            _o(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", counting)
    yield counters


def _proxies(counters: dict[str, Counter[str]], owner: str = "export") -> Counter[str]:
    return Counter({k: v for k, v in counters[owner].items() if k in FORBIDDEN})


def _with_logos_and_reference(root: Path) -> Path:
    """The example with two logos, one file that is no picture, and a reference document."""
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    (root / "allegati").mkdir(exist_ok=True)
    (root / "allegati" / "stemma.png").write_bytes(png())
    (root / "allegati" / "upi.png").write_bytes(png())
    (root / "allegati" / "rotto.png").write_bytes(b"not a picture")
    reference = new_document()
    reference.add_paragraph("Testo del modello")
    reference.save(str(root / "allegati" / "modello.docx"))
    with (root / "progetto.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "documento:\n  modello_word: allegati/modello.docx\n  loghi:\n"
            "    - allegati/stemma.png\n    - allegati/rotto.png\n    - allegati/upi.png\n"
        )
    return root


@pytest.fixture(scope="module")
def project_with_logos(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = _with_logos_and_reference(tmp_path_factory.mktemp("loghi") / "esempio")
    result = check_project(root)
    assert result.project is not None
    return result


def _context(result: Any, *, draft: bool) -> RenderContext:
    project = result.project
    files = document_files(project)
    document, numbering = create_document(
        project, reference=reference_of(project, files), warnings=[]
    )
    report = result.report if draft else None
    return RenderContext(
        document, project, numbering, Lookup.of(project), draft=report, files=files
    )


@pytest.mark.parametrize("draft", [False, True], ids=["finale", "bozza"])
def test_a_whole_export_makes_proxies_only_in_headers_and_page(
    project_with_logos: Any, made: dict[str, Counter[str]], draft: bool
) -> None:
    document = build_document(
        project_with_logos.project,
        draft=project_with_logos.report if draft else None,
        warnings=[],
    )
    assert _proxies(made) == Counter()
    assert _proxies(made, "elsewhere") == Counter()
    assert _proxies(made, "document") == Counter()
    assert len(document.body.findall(f".//{qn('wp:inline')}")) == 2


def test_rich_prose_exported_as_a_draft_makes_no_proxies(
    tmp_path: Path, made: dict[str, Counter[str]]
) -> None:
    from tests.render.test_body_xml import RICH_PROSE

    root = tmp_path / "esempio"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    section = sorted((root / "sezioni").glob("*.md"))[2]
    section.write_text(section.read_text(encoding="utf-8") + RICH_PROSE, encoding="utf-8")
    result = check_project(root)
    assert result.project is not None
    build_document(result.project, draft=result.report, warnings=[])
    assert _proxies(made) == Counter()


def _title_page(ctx: RenderContext) -> None:
    from pwkit.render.docx.titlepage import add_title_page

    add_title_page(ctx)


def _toc(ctx: RenderContext) -> None:
    from pwkit.render.docx.toc import add_toc_placeholder, fill_toc

    placeholder = add_toc_placeholder(ctx)
    ctx.heading("Primo", 1)
    ctx.heading("Secondo", 2)
    fill_toc(ctx, placeholder)


def _draft_matter(ctx: RenderContext) -> None:
    from pwkit.render.docx.draft import add_draft_matter

    for spec in ctx.project.manifest.sections:
        ctx.heading(spec.title, 1)
    add_draft_matter(ctx)


def _header_mark(ctx: RenderContext) -> None:
    from pwkit.render.docx.draft import mark_header
    from pwkit.render.docx.oxml import element

    mark_header(ctx, element("w:p"), "/word/header1.xml")


@pytest.mark.parametrize(
    "step",
    [_title_page, _toc, _draft_matter, _header_mark],
    ids=["titlepage", "toc", "draft", "header-mark"],
)
def test_each_module_writes_without_proxies(
    project_with_logos: Any, made: dict[str, Counter[str]], step: Callable[[RenderContext], None]
) -> None:
    ctx = _context(project_with_logos, draft=True)
    made["export"].clear()
    step(ctx)
    assert _proxies(made) == Counter()


def test_the_report_makes_proxies_only_in_headers_and_page(
    made: dict[str, Counter[str]],
) -> None:
    from pwkit.pack.manifest import bundled_manifest
    from pwkit.pack.registry import bundled_pack
    from pwkit.render.docx.report import build_report
    from pwkit.report.collect import compare_projects

    comparison = compare_projects([REPO / "examples"])
    manifest = bundled_manifest(bundled_pack())
    made["export"].clear()
    build_report(comparison, manifest)
    assert _proxies(made) == Counter()


def test_style_names_are_mapped_as_python_docx_maps_them() -> None:
    from docx.styles import BabelFish

    from pwkit.render.docx.context import INTERNAL_STYLE_NAMES

    assert dict(BabelFish.style_aliases) == INTERNAL_STYLE_NAMES


def _xml(elm: Any) -> str:
    return etree.tostring(elm, encoding="unicode")


def test_the_header_mark_is_centred_bold_red_with_the_watermark_of_its_part(
    project_with_logos: Any,
) -> None:
    from pwkit.render.docx.draft import mark_header
    from pwkit.render.docx.oxml import element

    ctx = _context(project_with_logos, draft=True)
    p = element("w:p")
    mark_header(ctx, p, "/word/header3.xml")
    xml = _xml(p)
    assert '<w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/>' in xml
    assert "PowerPlusWaterMarkObject3578313" in xml
    assert 'o:spid="_x0000_s2051"' in xml
    final = _context(project_with_logos, draft=False)
    untouched = element("w:p")
    mark_header(final, untouched, "/word/header3.xml")
    assert len(untouched) == 0


def test_title_page_lines_and_logos_are_written_as_python_docx_wrote_them(
    project_with_logos: Any,
) -> None:
    ctx = _context(project_with_logos, draft=False)
    _title_page(ctx)
    body = ctx.document.body
    frontespizio = ctx.style_id("Frontespizio")
    spaced = [
        _xml(p)
        for p in body.iterchildren(qn("w:p"))
        if 'w:before="567"' in _xml(p) and f'w:val="{frontespizio}"' in _xml(p)
    ]
    assert len(spaced) == 2  # the logos and «Referente»
    logos, referente = spaced
    assert logos.count("<w:drawing>") == 2
    assert '<w:r><w:t xml:space="preserve">  </w:t><w:drawing>' in logos
    assert 'descr="Logo: stemma"' in logos and 'descr="Logo: upi"' in logos
    assert "rotto" not in logos
    assert (
        f'<w:pPr><w:pStyle w:val="{frontespizio}"/><w:spacing w:before="567"/></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Referente: </w:t></w:r>'
    ) in referente
