"""The TOC's page numbers are reused only for a byte-identical package laid out the same way."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from pwkit.render import toc_pages

PARTS = {
    "[Content_Types].xml": b"<Types/>",
    "word/document.xml": b"<w:document><w:t>La Provincia di Valdoria</w:t></w:document>",
    "word/styles.xml": b"<w:styles/>",
    "word/media/image1.png": b"\x89PNG fake",
}


def _package(path: Path, parts: dict[str, bytes], when: tuple[int, ...] = (2026, 1, 1)) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(zipfile.ZipInfo(name, (*when, 0, 0, 0)[:6]), data)
    return path


@pytest.fixture
def libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A stand-in LibreOffice: each call lays out one package (recorded) as pages 3, 5."""
    program = tmp_path / "lo" / "program"
    program.mkdir(parents=True)
    (program / "versionrc").write_text("[Version]\nbuildid=1\n", encoding="utf-8")
    laid_out: list[Path] = []

    def paginate(docx: Path) -> list[int]:
        laid_out.append(docx)
        return [3, 5]

    monkeypatch.setattr(toc_pages, "soffice_if_wanted", lambda: str(program / "soffice"))
    monkeypatch.setattr(toc_pages, "toc_page_numbers", paginate)
    return laid_out


def test_the_same_parts_are_laid_out_once_even_with_other_zip_dates(
    tmp_path: Path, libreoffice: list[Path]
) -> None:
    first = _package(tmp_path / "a.docx", PARTS)
    again = _package(tmp_path / "b.docx", PARTS, when=(2026, 6, 30))
    assert toc_pages.remembered_toc_pages(first) == [3, 5]
    assert toc_pages.remembered_toc_pages(again) == [3, 5]
    assert libreoffice == [first]


@pytest.mark.parametrize(
    "changed",
    [
        {"word/document.xml": PARTS["word/document.xml"].replace(b"La ", b"La nostra ")},
        {"word/document.xml": PARTS["word/document.xml"].replace(b"Valdoria", b"Montalto")},
        {"word/styles.xml": b"<w:Styles/>"},
        {"word/media/image1.png": b"\x89PNG Fake"},
        {"word/footer1.xml": b"<w:ftr/>"},
    ],
    ids=["one-word-more", "one-word-same-length", "styles", "media", "new-part"],
)
def test_any_changed_part_is_laid_out_again(
    tmp_path: Path, libreoffice: list[Path], changed: dict[str, bytes]
) -> None:
    first = _package(tmp_path / "a.docx", PARTS)
    other = _package(tmp_path / "b.docx", {**PARTS, **changed})
    toc_pages.remembered_toc_pages(first)
    toc_pages.remembered_toc_pages(other)
    assert libreoffice == [first, other]


def test_renamed_part_is_laid_out_again(tmp_path: Path, libreoffice: list[Path]) -> None:
    renamed = {("word/media/image2.png" if n.endswith("1.png") else n): d for n, d in PARTS.items()}
    first = _package(tmp_path / "a.docx", PARTS)
    other = _package(tmp_path / "b.docx", renamed)
    toc_pages.remembered_toc_pages(first)
    toc_pages.remembered_toc_pages(other)
    assert libreoffice == [first, other]


def test_another_libreoffice_version_lays_it_out_again(
    tmp_path: Path, libreoffice: list[Path]
) -> None:
    docx = _package(tmp_path / "a.docx", PARTS)
    toc_pages.remembered_toc_pages(docx)
    (tmp_path / "lo" / "program" / "versionrc").write_text("buildid=2\n", encoding="utf-8")
    toc_pages.remembered_toc_pages(docx)
    assert libreoffice == [docx, docx]


def test_no_cache_turns_the_memory_off(
    tmp_path: Path, libreoffice: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PWKIT_NO_CACHE", "1")
    docx = _package(tmp_path / "a.docx", PARTS)
    toc_pages.remembered_toc_pages(docx)
    toc_pages.remembered_toc_pages(docx)
    assert libreoffice == [docx, docx]


def test_without_libreoffice_nothing_is_reused(
    tmp_path: Path, libreoffice: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = _package(tmp_path / "a.docx", PARTS)
    toc_pages.remembered_toc_pages(docx)
    monkeypatch.setattr(toc_pages, "soffice_if_wanted", lambda: None)
    assert toc_pages.remembered_toc_pages(docx) is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"key": "other", "pages": [3, 5]}', b'{"pages": [3, 5]}', b"[1]"],
    ids=["empty", "truncated", "other-key", "no-key", "not-an-object"],
)
def test_a_damaged_entry_is_a_miss_and_is_written_again(
    tmp_path: Path, libreoffice: list[Path], private_cache: Path, damage: bytes
) -> None:
    docx = _package(tmp_path / "a.docx", PARTS)
    toc_pages.remembered_toc_pages(docx)
    (entry,) = (private_cache / "toc").iterdir()
    entry.write_bytes(damage)
    assert toc_pages.remembered_toc_pages(docx) == [3, 5]
    assert toc_pages.remembered_toc_pages(docx) == [3, 5]
    assert libreoffice == [docx, docx]


@pytest.mark.parametrize("pages", ["[3, 0]", "[]", '["3", 5]', "[3.0, 5]", "[true, 5]", '"35"'])
def test_an_entry_with_impossible_pages_is_a_miss(
    tmp_path: Path, libreoffice: list[Path], private_cache: Path, pages: str
) -> None:
    docx = _package(tmp_path / "a.docx", PARTS)
    toc_pages.remembered_toc_pages(docx)
    (entry,) = (private_cache / "toc").iterdir()
    entry.write_text(f'{{"key": "{entry.stem}", "pages": {pages}}}', encoding="utf-8")
    assert toc_pages.remembered_toc_pages(docx) == [3, 5]
    assert libreoffice == [docx, docx]


def test_only_the_newest_entries_are_kept(
    tmp_path: Path,
    libreoffice: list[Path],
    private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(toc_pages, "KEPT", 3)
    folder, seen = private_cache / "toc", set[Path]()
    for number in range(5):
        docx = _package(tmp_path / f"{number}.docx", {**PARTS, "n.xml": str(number).encode()})
        toc_pages.remembered_toc_pages(docx)
        (new,) = set(folder.iterdir()) - seen
        moment = time.time() - 1000 + number  # ok-timing: older file dates
        os.utime(new, (moment, moment))
        seen = set(folder.iterdir())
    assert len(list(folder.iterdir())) == 3
    toc_pages.remembered_toc_pages(tmp_path / "4.docx")
    assert len(libreoffice) == 5
    toc_pages.remembered_toc_pages(tmp_path / "0.docx")
    assert len(libreoffice) == 6


def test_an_unreadable_package_is_laid_out_without_memory(
    tmp_path: Path, libreoffice: list[Path], private_cache: Path
) -> None:
    broken = tmp_path / "a.docx"
    broken.write_bytes(b"not a zip")
    assert toc_pages.remembered_toc_pages(broken) == [3, 5]
    assert not (private_cache / "toc").exists()
