"""Shared fixtures: the example, fresh projects, a CLI runner that forbids tracebacks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pwkit.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "provincia-di-valdoria"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path, code: int = 0) -> CliResult:
    """Run pwkit in-process, assert the exit code and that no traceback reached the user."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    out = CliResult(result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in out.output, out.output
    assert result.exit_code == code, out.output
    return out


def imported_by(*args: str | Path) -> set[str]:
    """The modules ``python -X importtime ARGS`` imports, pwkit's source first on the path."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    return {line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")}


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own pwkit cache (never the user's), outside its project folders.

    ``export`` does not start LibreOffice to paginate the TOC (``PWKIT_NO_LIBREOFFICE``):
    the tests of that (tests/e2e) turn it back on for their documents.
    """
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PWKIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("PWKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("PWKIT_NO_LIBREOFFICE", "1")
    return folder


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    return run_cli


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the bundled example."""
    target = tmp_path / "provincia-di-valdoria"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("export"))
    return target


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A project just created by ``pwkit init`` for a real Provincia."""
    target = tmp_path / "prova-mb"
    run_cli("init", target, "--provincia", "MB", "--no-input")
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` with ``new`` in a file (must occur); return the 1-based line edited."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def line_of(path: Path, pattern: str) -> int:
    """1-based line of the first match of a regex in a file."""
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{pattern!r} not in {path}"
    return text[: match.start()].count("\n") + 1


def reopened(document: Any) -> Any:
    """A document pwkit built, written and read back by python-docx (as Word reads the file)."""
    import io

    import docx

    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def png(width: int = 2, height: int = 1, dpi: int | None = None) -> bytes:
    """A real PNG of ``width`` × ``height`` grey pixels, with its resolution if ``dpi``."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    resolution = b""
    if dpi is not None:
        ppm = round(dpi / 0.0254)
        resolution = chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + resolution
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
