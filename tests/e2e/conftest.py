"""Documents exported once per session: the three examples, a draft and the report.

The checks of the Word output (validators, LibreOffice pages) read the same files, so each
slow step (export, conversion to PDF, validation) runs once for all of them.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

EXAMPLES = {
    "valdoria": REPO / "examples" / "provincia-di-valdoria",
    "montalto": REPO / "examples" / "provincia-di-montalto",
    "lagoverde": REPO / "examples" / "provincia-di-lagoverde",
}
#: The documents every check reads: the examples, the lagoverde draft, the report.
DOCUMENTS = (*EXAMPLES, "lagoverde-bozza", "resoconto")


def export_all(folder: Path) -> dict[str, Path]:
    """Export the documents of ``DOCUMENTS`` into ``folder`` through the command line."""
    docs = {name: folder / f"{name}.docx" for name in DOCUMENTS}
    for name, root in EXAMPLES.items():
        run_cli("export", root, "-o", docs[name])
    run_cli("export", EXAMPLES["lagoverde"], "-o", docs["lagoverde-bozza"], "--bozza")
    run_cli("report", REPO / "examples", "-o", docs["resoconto"])
    return docs


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The documents, exported as a user would (LibreOffice fills the TOC when installed)."""
    folder = tmp_path_factory.mktemp("esportati")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PWKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("PWKIT_NO_LIBREOFFICE", raising=False)
        return export_all(folder)


needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice o pdftotext non installati",
)


@pytest.fixture(scope="session")
def pdfs(exported: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each exported document converted by LibreOffice headless (one run for all)."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice o pdftotext non installati")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("profilo")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(path) for path in exported.values()),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    found = {name: out / f"{path.stem}.pdf" for name, path in exported.items()}
    assert all(pdf.is_file() for pdf in found.values()), sorted(p.name for p in out.iterdir())
    return found


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (``pdftotext -layout``)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@dataclass(frozen=True)
class Word:
    """A word of a PDF page and its box, in points from the top left corner."""

    text: str
    left: float
    top: float
    right: float


@dataclass(frozen=True)
class Page:
    """A page of a PDF: its size and its words in reading order."""

    width: float
    height: float
    words: list[Word]

    def lines(self) -> list[list[Word]]:
        """The words grouped by line (same top, within a point), top to bottom."""
        lines: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.top), w.left)):
            if lines and abs(lines[-1][0].top - word.top) < 1:
                lines[-1].append(word)
            else:
                lines.append([word])
        return lines


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
)


def pdf_boxes(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with the boxes of its words (``pdftotext -bbox``)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        Page(
            float(width),
            float(height),
            [
                Word(html.unescape(text), float(left), float(top), float(right))
                for left, top, right, text in _WORD.findall(body)
            ],
        )
        for width, height, body in _PAGE.findall(out)
    ]
