"""Page sections, headers and footers are written as XML: no python-docx section proxies."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn

from pwkit.base.diagnostics import CheckReport
from pwkit.check.pipeline import check_project
from pwkit.render.docx import build_document
from pwkit.render.docx.document import create_document
from pwkit.render.docx.page import landscape, portrait, section_text_width, text_width
from tests.conftest import EXAMPLE, REPO
from tests.render.test_body_xml import proxies  # noqa: F401  (the fixture)

#: The proxies of python-docx's section layer, which pages, headers and footers no longer use.
_SECTION_PROXIES = ("Section", "_Header", "_Footer", "TabStops", "TabStop", "ParagraphFormat")


def _section_proxies(made: Counter[str]) -> dict[str, int]:
    return {name: count for name, count in made.items() if name in _SECTION_PROXIES}


#: The page and header functions, by the modules that call them.
_CALLERS = {
    "pwkit.render.docx": ("add_header_footer",),
    "pwkit.render.docx.report": ("add_header_footer", "landscape", "portrait"),
    "pwkit.render.docx.sections.gantt": ("landscape", "portrait"),
    "pwkit.render.docx.document": ("set_page",),
}


@pytest.fixture
def inside(monkeypatch: pytest.MonkeyPatch, proxies: Counter[str]) -> Counter[str]:  # noqa: F811
    """The section proxies made inside the page and header functions, and their calls."""
    import importlib

    made: Counter[str] = Counter()
    for module_name, names in _CALLERS.items():
        module = importlib.import_module(module_name)
        for name in names:
            original = getattr(module, name)

            def counting(*args: Any, _f: Any = original, **kwargs: Any) -> Any:
                before = Counter(proxies)
                result = _f(*args, **kwargs)
                made.update(proxies - before)
                made[f"call {_f.__name__}"] += 1
                return result

            monkeypatch.setattr(module, name, counting)
    return made


def _example(tmp_path: Path) -> Path:
    root = tmp_path / "esempio"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    return root


def _sect_prs(document: object) -> list[object]:
    body = document.body  # type: ignore[attr-defined]
    return [*body.iterfind(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}"), body[-1]]


def test_the_page_and_its_sections_are_set_without_section_proxies(
    tmp_path: Path,
    proxies: Counter[str],  # noqa: F811
    inside: Counter[str],
) -> None:
    project = check_project(_example(tmp_path)).project
    assert project is not None
    document, _ = create_document(project)
    assert (inside["call set_page"], _section_proxies(inside)) == (1, {})
    proxies.clear()
    landscape(document)
    wide = text_width(document)
    portrait(document)
    assert _section_proxies(proxies) == {}
    sect_prs = _sect_prs(document)
    assert [section_text_width(s) for s in sect_prs] == [9072, 14004, 9072]
    assert (wide, text_width(document)) == (14004, 9072)
    orient = [s.find(qn("w:pgSz")).get(qn("w:orient")) for s in sect_prs]  # type: ignore[attr-defined]
    assert orient == [None, "landscape", None]


def _calls(made: Counter[str]) -> dict[str, int]:
    return {name[5:]: count for name, count in made.items() if name.startswith("call ")}


@pytest.mark.parametrize("draft", [None, CheckReport()], ids=["final", "bozza"])
def test_headers_and_footers_are_written_without_section_proxies(
    tmp_path: Path, inside: Counter[str], draft: CheckReport | None
) -> None:
    project = check_project(_example(tmp_path)).project
    assert project is not None
    document = build_document(project, draft=draft)
    assert _section_proxies(inside) == {}
    calls = {"set_page": 1, "landscape": 1, "portrait": 1, "add_header_footer": 1}
    assert _calls(inside) == calls
    references = [
        (ref.tag.split("}")[1], ref.get(qn("w:type")))
        for sect_pr in _sect_prs(document)
        for ref in sect_pr  # type: ignore[attr-defined]
        if ref.tag in (qn("w:headerReference"), qn("w:footerReference"))
    ]
    first = [("headerReference", "first"), ("footerReference", "first")]
    running = [("headerReference", "default"), ("footerReference", "default")]
    assert references == first + running * 3


def test_the_reports_pages_and_headers_are_written_without_section_proxies(
    inside: Counter[str],
) -> None:
    from pwkit.pack.registry import bundled_pack
    from pwkit.render.docx.report import build_report
    from pwkit.report.collect import compare_projects
    from pwkit.validate.manifest import load_manifest

    comparison = compare_projects([REPO / "examples"])
    document = build_report(comparison, load_manifest(bundled_pack()))
    assert _section_proxies(inside) == {}
    calls = {"set_page": 1, "landscape": 1, "portrait": 1, "add_header_footer": 1}
    assert _calls(inside) == calls
    widths = [section_text_width(s) for s in _sect_prs(document)]
    assert widths == [9072, 14004, 9072]
