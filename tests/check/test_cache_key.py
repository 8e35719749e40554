"""The check cache's key of a project is the one earlier versions computed: entries stay valid."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from pwkit import __version__
from pwkit.check import cache


def _reference_tree(root: Path, folder: Path, digest: Any) -> None:
    """The project's part of the key as pwkit 0.1.0 wrote it (paths by ``relpath``)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        digest.update(f"?{os.path.relpath(folder, root)}\0{exc.errno}\0".encode())
        return
    for entry in entries:
        rel = os.path.relpath(entry.path, root)
        if entry.is_symlink():
            digest.update(f"L{rel}\0{Path(entry.path).readlink()}\0".encode())
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in cache.SKIPPED_FOLDERS:
                digest.update(f"D{rel}\0".encode())
                _reference_tree(root, Path(entry.path), digest)
            continue
        stat = entry.stat()
        digest.update(f"F{rel}\0{stat.st_mode}\0{stat.st_size}\0".encode())
        if not entry.is_file() or stat.st_size > cache.HASHED_MAX_BYTES:
            digest.update(f"{stat.st_mtime_ns}\0".encode())
            continue
        with Path(entry.path).open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "blake2b").digest())


def _reference_key(root: Path) -> str:
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{cache.FORMAT}\0{__version__}\0None\0{cache._installation()}\0".encode())
    _reference_tree(root, root, digest)
    return digest.hexdigest()


def test_the_key_of_a_project_is_unchanged(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "HASHED_MAX_BYTES", 64 * 1024)
    (example / "allegati" / "profondo" / "ancora").mkdir(parents=True)
    (example / "allegati" / "profondo" / "ancora" / "nota.txt").write_bytes(b"x" * 3_000_000)
    (example / "allegati" / "grande.bin").write_bytes(bytes(range(256)) * 1024)  # by size
    (example / "allegati" / "vuoto.txt").write_bytes(b"")
    (example / ".git").mkdir()
    (example / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (example / "collegamento.yaml").symlink_to(example / "progetto.yaml")
    assert cache.check_key(example, None) == _reference_key(example)
    (example / "sezioni" / "01-sintesi.md").write_bytes(b"cambiato")
    assert cache.check_key(example, None) == _reference_key(example)


def test_another_markdown_parser_makes_another_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keeps the parser's tokens: a parser upgraded in place is a miss."""
    import importlib.machinery
    import importlib.util

    parser = tmp_path / "markdown_it"
    parser.mkdir()
    (parser / "__init__.py").write_text("# 3.0.0\n", encoding="utf-8")
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> Any:
        if name == "markdown_it":
            return importlib.machinery.ModuleSpec(name, None, origin=str(parser / "__init__.py"))
        return real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    before = cache._installation.__wrapped__()
    (parser / "__init__.py").write_text("# 4.0.0 and more\n", encoding="utf-8")
    assert cache._installation.__wrapped__() != before
