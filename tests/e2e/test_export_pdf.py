"""``pwkit export --pdf``: LibreOffice headless with its own profile, TOC page numbers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pwkit.check.pipeline import check_project
from tests.conftest import EXAMPLE, run_cli


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.libreoffice
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice o pdftotext non installati",
)
def test_pdf_has_titles_toc_page_numbers_footer_and_gantt(tmp_path: Path) -> None:
    target = tmp_path / "valdoria.docx"
    out = run_cli("export", EXAMPLE, "-o", target, "--pdf")
    pdf = tmp_path / "valdoria.pdf"
    assert pdf.is_file() and f"PDF scritto: {pdf}" in out.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["valdoria.docx", "valdoria.pdf"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = _flat(text)
    project = check_project(EXAMPLE).project
    for number, spec in enumerate(project.manifest.sections, start=1):
        assert flat.count(spec.title) >= 2, spec.title  # TOC entry and heading
        # The TOC entry carries its page number (filled by LibreOffice through UNO).
        assert re.search(rf"{number} {re.escape(spec.title)} ?\.{{3,}} ?\d+", flat), spec.title
    assert "Pagina 1 di" not in flat  # the cover has no number
    pages = int(re.search(r"Pagina 2 di (\d+)", flat).group(1))  # type: ignore[union-attr]
    assert f"Pagina {pages} di {pages}" in flat
    from pwkit.model.attuazione import Piano

    piano = project.get(Piano)
    assert piano is not None
    for activity in piano.attivita:
        assert f"{activity.id} –" in flat, activity.id


def test_pdf_without_libreoffice_is_exit_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwkit.render.pdf

    monkeypatch.setattr(pwkit.render.pdf.shutil, "which", lambda name: None)
    target = tmp_path / "valdoria.docx"
    out = run_cli("export", EXAMPLE, "-o", target, "--pdf", code=2)
    assert "LibreOffice" in out.stderr and "installa" in out.stderr.lower()
    assert list(tmp_path.iterdir()) == []


def test_existing_pdf_is_not_replaced_without_force(tmp_path: Path) -> None:
    (tmp_path / "valdoria.pdf").write_bytes(b"vecchio")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice non installato")
    run_cli("export", EXAMPLE, "-o", tmp_path / "valdoria.docx", "--pdf", code=2)
    assert (tmp_path / "valdoria.pdf").read_bytes() == b"vecchio"
    assert not (tmp_path / "valdoria.docx").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice non installato")
def test_without_uno_the_plain_conversion_is_used_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwkit.render.pdf

    monkeypatch.setattr(pwkit.render.pdf, "_uno_python", lambda soffice: None)
    out = run_cli("export", EXAMPLE, "-o", tmp_path / "v.docx", "--pdf")
    assert (tmp_path / "v.pdf").read_bytes().startswith(b"%PDF")
    assert "numeri di pagina" in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.docx", "v.pdf"]
