"""The TOC's page numbers of an earlier export, reused when LibreOffice would lay out the same file.

Paginating the table of contents starts LibreOffice (seconds). Its answer depends only on
what it is given and on how it lays it out, so it is remembered under a key made of exactly
those: every part of the .docx package (name and bytes, in order; the zip's own timestamps
are left out, they cannot change the layout), pwkit's version and the script that asks
LibreOffice, LibreOffice's installation (version file, size and date of its layout
libraries) and the fonts and hyphenation patterns it can use. Re-exporting an unchanged
project then writes the same numbers without starting LibreOffice; any other change is a
miss. An unreadable or damaged entry is a miss, never an error; ``PWKIT_NO_CACHE=1`` turns
the memory off, and only the newest :data:`KEPT` entries are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

from pwkit import __version__
from pwkit.check.cache import cache_dir
from pwkit.render.pdf import soffice_if_wanted, toc_page_numbers

FORMAT = 1
#: How many paginations are remembered (the oldest are dropped).
KEPT = 64
#: Files of LibreOffice's program folder whose size and date change with its version.
_PROGRAM_FILES = (
    "versionrc",
    "version.ini",
    "soffice.bin",
    "soffice.exe",
    "libswlo.so",
    "libmergedlo.so",
    "libswlo.dylib",
    "libmergedlo.dylib",
    "swlo.dll",
    "mergedlo.dll",
)
#: Folders of fonts and hyphenation patterns, listed when ``fc-list`` is not available.
_FONT_FOLDERS = (
    "/usr/share/hyphen",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    "%WINDIR%/Fonts",
    "%LOCALAPPDATA%/Microsoft/Windows/Fonts",
)


def remembered_toc_pages(docx: Path) -> list[int] | None:
    """The page of each TOC entry of ``docx``: remembered, or asked of LibreOffice.

    ``None`` exactly when LibreOffice is not wanted or fails (see ``toc_page_numbers``).
    """
    soffice = soffice_if_wanted()
    if soffice is None:
        return None
    key = _key(docx, soffice)
    if key is not None:
        pages = _load(key)
        if pages is not None:
            return pages
    pages = toc_page_numbers(docx)
    if pages is not None and key is not None:
        _store(key, pages)
    return pages


def _key(docx: Path, soffice: str) -> str | None:
    """The key of ``docx`` laid out by ``soffice``; ``None`` if the package cannot be read."""
    if cache_dir() is None:
        return None
    digest = hashlib.blake2b(digest_size=32)
    script = Path(__file__).with_name("lo_pdf.py")
    try:
        digest.update(f"{FORMAT}\0{__version__}\0".encode())
        digest.update(hashlib.blake2b(script.read_bytes()).digest())
        with zipfile.ZipFile(docx) as package:
            for info in package.infolist():
                part = package.read(info)
                digest.update(f"P{info.filename}\0{len(part)}\0".encode())
                digest.update(part)
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    digest.update(_libreoffice(soffice).encode())
    digest.update(_fonts().encode())
    return digest.hexdigest()


def _libreoffice(soffice: str) -> str:
    """LibreOffice's installation: its place, version file and layout libraries."""
    program = Path(soffice).resolve().parent
    found = [f"{program}"]
    for name in _PROGRAM_FILES:
        path = program / name
        try:
            stat = path.stat()
            content = path.read_bytes() if name in ("versionrc", "version.ini") else b""
        except OSError:
            continue
        found.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}:{content.hex()}")
    found.append(_listing(program.parent / "share" / "fonts"))
    found.append(_listing(program.parent / "share" / "extensions"))
    return "\0".join(found)


def _fonts() -> str:
    """The fonts LibreOffice can use (``fc-list``) and the hyphenation patterns installed."""
    listed = ""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        import subprocess

        try:
            run = subprocess.run(
                [fc_list, "--format", "%{file}|%{family}|%{style}|%{fontversion}\n"],
                capture_output=True,
                timeout=30,
                check=False,
            )
            listed = "\n".join(sorted(run.stdout.decode("utf-8", "replace").splitlines()))
            listed = f"{run.returncode}\n{listed}"
        except (OSError, subprocess.SubprocessError):
            listed = "?"
    folders = [Path(os.path.expandvars(f)).expanduser() for f in _FONT_FOLDERS]
    return listed + "\0" + "\0".join(_listing(f) for f in folders)


def _listing(folder: Path) -> str:
    """Names, sizes and dates of the files under ``folder`` (empty if it is not there)."""
    rows: list[str] = []
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(base) / name
            with contextlib.suppress(OSError):
                stat = path.stat()
                rows.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(rows)


def _folder() -> Path | None:
    base = cache_dir()
    return None if base is None else base / "toc"


def _load(key: str) -> list[int] | None:
    """The pages stored under ``key``; ``None`` on any miss (absent, unreadable, damaged)."""
    folder = _folder()
    if folder is None:
        return None
    path = folder / f"{key}.json"
    try:
        stored: Any = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    pages = stored.get("pages")
    if not isinstance(pages, list) or not pages:
        return None
    if not all(type(page) is int and page > 0 for page in pages):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return pages


def _store(key: str, pages: list[int]) -> None:
    """Remember ``pages`` under ``key`` and forget all but the newest :data:`KEPT` entries."""
    folder = _folder()
    if folder is None:
        return
    from pwkit.base.fsutil import atomic_write

    data = json.dumps({"key": key, "pages": pages})

    def write(tmp: Path) -> None:
        tmp.write_text(data, encoding="utf-8")

    with contextlib.suppress(OSError):
        atomic_write(folder / f"{key}.json", write)
        _prune(folder)


def _prune(folder: Path) -> None:
    """Delete the oldest entries of ``folder`` beyond :data:`KEPT`."""
    entries: list[tuple[int, Path]] = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".json"):
            with contextlib.suppress(OSError):
                entries.append((entry.stat().st_mtime_ns, Path(entry.path)))
    entries.sort(reverse=True)
    for _, path in entries[KEPT:]:
        with contextlib.suppress(OSError):
            path.unlink()
