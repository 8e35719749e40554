"""The last check of each project, remembered so that an unchanged project is not checked again.

A working group runs ``pwkit check`` many times a day, mostly on a project that has not changed
since the last run. The report of a check depends only on the bytes of the project's files (and
the names of the files present) and on pwkit itself (code, bundled templates and data), so it is
stored with a key computed from exactly those; a run whose key matches prints the stored report
without loading the schemas, the Markdown parser or the rules.

Beside the report, the check keeps the validated data and the prose's Markdown tokens as plain
JSON under the same key (``load_data``, see ``pwkit.check.plain``): what renderers take,
readable without Pydantic or the parser.

The cache lives outside the project (a project folder is never written by ``check``), one small
JSON file per project folder. Any problem with it — unreadable, damaged, from another version,
a folder that cannot be written — makes it a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pwkit import __version__
from pwkit.base.diagnostics import CheckReport, Diagnostic, Location, Severity
from pwkit.base.projectdir import EXPORT_DIR, PROJECT_FILE

if TYPE_CHECKING:
    from pwkit.base.fsutil import ResolvedFiles
    from pwkit.model.project import Project

CACHE_DIR_ENV = "PWKIT_CACHE_DIR"
NO_CACHE_ENV = "PWKIT_NO_CACHE"
FORMAT = 3
HASHED_MAX_BYTES = 8 * 1024 * 1024
"""Files up to this size are keyed by their bytes; larger ones (attachments, never read by
``check``) by size and modification time."""
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "__pycache__"})


def checked_report(root: Path, section: int | None, *, use_cache: bool = True) -> CheckReport:
    """The report of a check of ``root``, reused if nothing changed since the last one."""
    key = check_key(root, section) if use_cache else None
    report = load_report(root, key) if key else None
    if report is None:
        from pwkit.check import pipeline

        result = pipeline.check_project(root, section_number=section)
        report = result.report
        if key:
            store_report(root, key, report)
            store_data(root, key, result.project, result.files)
    return report


def cache_dir() -> Path | None:
    """Where pwkit keeps its cache, or ``None`` when caching is switched off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_DIR_ENV, "").strip()
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "pwkit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "pwkit"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "pwkit"


def check_key(root: Path, section_number: int | None) -> str:
    """The key of a check of ``root``: pwkit's own files plus every file of the project.

    The documents ``export`` writes (its ``export/`` folder) are left out unless
    ``progetto.yaml`` mentions that folder at all (it may name a file there): a check reads
    nothing else there, so exporting leaves the check and the next export's reuse valid.
    """
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{FORMAT}\0{__version__}\0{section_number}\0{_installation()}\0".encode())
    _hash_tree(root, "", digest, _outputs(root))
    return digest.hexdigest()


def _outputs(root: Path) -> str | None:
    """The folder of exported documents, if the key may leave it out."""
    try:
        named = (root / PROJECT_FILE).read_bytes().lower()
    except OSError:
        return None
    return None if EXPORT_DIR.encode() in named else EXPORT_DIR


@cache
def _installation() -> str:
    """A fingerprint of pwkit's code, templates and data, and of the Markdown parser.

    An editable install changes in place; the parser's tokens are kept (``pwkit.check.plain``).
    """
    from importlib.util import find_spec

    from pwkit.pack.registry import templates_root

    digest = hashlib.blake2b(digest_size=16)
    folders = [Path(__file__).resolve().parents[1], templates_root()]
    parser = find_spec("markdown_it")
    if parser is not None and parser.origin is not None:
        folders.append(Path(parser.origin).parent)
    for folder in folders:
        _stat_tree(folder, folder, digest)
    return digest.hexdigest()


def _stat_tree(root: Path, folder: Path, digest: Any) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        digest.update(f"?{folder}\0".encode())
        return
    for entry in entries:
        if entry.name in SKIPPED_FOLDERS:
            continue
        if entry.is_dir(follow_symlinks=False):
            _stat_tree(root, Path(entry.path), digest)
        elif entry.name.endswith((".py", ".yaml", ".md", ".j2", ".csv", ".docx", ".json")):
            stat = entry.stat()
            rel = os.path.relpath(entry.path, root)
            digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())


def _hash_tree(folder: Path | str, prefix: str, digest: Any, outputs: str | None = None) -> None:
    """Names, kinds and contents of everything under ``folder``.

    ``prefix`` is the folder's path inside the project (``""`` for the project, ``sezioni/``):
    each entry is named by its path inside the project. Links are recorded with their
    targets; linked folders are not entered. The subfolder ``outputs`` (a name, if any) is
    left out.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        digest.update(f"?{prefix.removesuffix(os.sep) or '.'}\0{exc.errno}\0".encode())
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_symlink():
            try:
                target = str(Path(entry.path).readlink())
            except OSError:
                target = "?"
            digest.update(f"L{rel}\0{target}\0".encode())
        if entry.is_dir(follow_symlinks=False):
            if rel == outputs:
                continue
            if entry.name not in SKIPPED_FOLDERS:
                digest.update(f"D{rel}\0".encode())
                _hash_tree(entry.path, rel + os.sep, digest)
            continue
        _hash_file(entry, rel, digest)


def _hash_file(entry: os.DirEntry[str], rel: str, digest: Any) -> None:
    try:
        stat = entry.stat()
    except OSError as exc:
        digest.update(f"?{rel}\0{exc.errno}\0".encode())
        return
    digest.update(f"F{rel}\0{stat.st_mode}\0{stat.st_size}\0".encode())
    if not entry.is_file() or stat.st_size > HASHED_MAX_BYTES:
        digest.update(f"{stat.st_mtime_ns}\0".encode())
        return
    try:
        digest.update(_file_digest(entry.path))
    except OSError as exc:
        digest.update(f"?{exc.errno}\0".encode())


def _file_digest(path: str) -> bytes:
    """``hashlib.file_digest(…, "blake2b")`` of a file, read without a buffered file object.

    A report hashes thousands of small files: the file object and the 256 KiB buffer that
    ``file_digest`` sets up for each of them cost three times the reading and the hashing.
    """
    digest = hashlib.blake2b()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.digest()


def _entry_path(root: Path, kind: str = "check") -> Path | None:
    """The file of ``root``'s entry of ``kind`` (``check``: the report, ``data``: the data)."""
    folder = cache_dir()
    if folder is None:
        return None
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=16).hexdigest()
    return folder / kind / f"{name}.json"


def _load_entry(
    root: Path, key: str, kind: str = "check", read: Callable[[bytes], Any] = json.loads
) -> Any:
    """What was stored for ``root`` under ``key`` (``None`` on any miss), decoded by ``read``."""
    path = _entry_path(root, kind)
    if path is None:
        return None
    try:
        stored = read(path.read_bytes())
    except (OSError, ValueError, TypeError, LookupError, AttributeError, ImportError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored


def _store_entry(root: Path, key: str, kind: str, name: str, value: Any) -> None:
    path = _entry_path(root, kind)
    if path is None:
        return
    from pwkit.base.fsutil import atomic_write

    data = json.dumps({"key": key, name: value}, ensure_ascii=False)

    def write(tmp: Path) -> None:
        tmp.write_text(data, encoding="utf-8")

    with contextlib.suppress(OSError):
        atomic_write(path, write)


def load_report(root: Path, key: str) -> CheckReport | None:
    """The stored report of ``root`` if its key is ``key``; ``None`` on any miss."""
    stored = _load_entry(root, key)
    try:
        return None if stored is None else _report_from_json(stored["report"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def store_report(root: Path, key: str, report: CheckReport) -> None:
    """Remember ``report`` as the check of ``root`` with ``key`` (silently, if possible)."""
    _store_entry(root, key, "check", "report", _report_to_json(report))


def load_data(root: Path, key: str) -> dict[str, Any] | None:
    """The validated data of ``root`` (``pwkit.check.plain``, decoded) if its key is ``key``.

    ``None`` on any miss: nothing stored, another key, another shape of the data.
    """
    from pwkit.check.plain import PLAIN_FORMAT
    from pwkit.model.plain import loads

    stored = _load_entry(root, key, "data", loads)
    data = stored.get("data") if stored is not None else None
    if not isinstance(data, dict) or data.get("format") != PLAIN_FORMAT:
        return None
    return data


def store_data(root: Path, key: str, project: Project, files: ResolvedFiles) -> None:
    """Remember the validated data of ``project`` (checked with ``key``) as plain JSON.

    Nothing is stored when some value has no plain form: the next export checks again.
    """
    if _entry_path(root) is None:
        return
    from pwkit.check.plain import plain_project
    from pwkit.model.introspect import display_names

    try:
        plain = plain_project(
            project, files, display_names(section.data for section in project.sections)
        )
    except TypeError:
        return
    _store_entry(root, key, "data", "data", plain)


def key_if_caching(root: Path) -> str | None:
    """The key of a whole check of ``root``, or ``None`` when caching is switched off."""
    return check_key(root, None) if cache_dir() is not None else None


def load_kept(root: Path, key: str, kind: str) -> Any:
    """What another command kept for ``root`` as ``kind`` under ``key`` (``None`` on any miss).

    The value is plain JSON, stored beside the check's report with the same key: it is valid
    exactly as long as the report is.
    """
    stored = _load_entry(root, key, kind)
    return None if stored is None else stored.get("value")


def store_kept(root: Path, key: str, kind: str, value: Any) -> None:
    """Keep the plain JSON ``value`` for ``root`` as ``kind`` under ``key`` (silently)."""
    if kind in ("check", "data"):
        raise ValueError(f"{kind!r} is the check's own entry")
    _store_entry(root, key, kind, "value", value)


def _report_to_json(report: CheckReport) -> dict[str, Any]:
    return {
        "sections_total": report.sections_total,
        "sections_complete": report.sections_complete,
        "diagnostics": [
            [
                d.code,
                d.slug,
                d.severity.value,
                d.message,
                d.hint,
                *_location(d.location),
                [_location(place) for place in d.occurrences],
            ]
            for d in report.diagnostics
        ],
    }


def _location(location: Location) -> list[Any]:
    return [location.file, location.line, location.column]


def _stored_location(stored: Any) -> Location:
    file, line, column = stored
    if not isinstance(file, str):
        raise TypeError("stored file is not text")
    if not all(value is None or type(value) is int for value in (line, column)):
        raise TypeError("stored position is not a number")
    return Location(file, line, column)


def _report_from_json(data: dict[str, Any]) -> CheckReport:
    diagnostics = []
    for code, slug, severity, message, hint, file, line, column, places in data["diagnostics"]:
        if not all(isinstance(text, str) for text in (code, slug, message, hint)):
            raise TypeError("stored finding is not text")
        location = _stored_location([file, line, column])
        occurrences = tuple(_stored_location(place) for place in places)
        diagnostics.append(
            Diagnostic(code, Severity(severity), message, hint, location, occurrences, slug=slug)
        )
    total, complete = data["sections_total"], data["sections_complete"]
    if type(total) is not int or type(complete) is not int:
        raise TypeError("stored counts are not numbers")
    return CheckReport(diagnostics, total, complete)
