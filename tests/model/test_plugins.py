"""The ``pwkit`` command builds Pydantic's validators without looking for Pydantic plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pwkit.model.plugins import CHECKED, checked
from tests.conftest import EXAMPLE, imported_by

SRC = str(EXAMPLE.parents[1] / "src")

#: A cold check of the project in argv[1], then what it found and what Pydantic loaded.
_CHECK = """
import json, sys
{before}
from pathlib import Path
from pwkit.check import pipeline
report = pipeline.check_project(Path(sys.argv[1])).report
found = sorted((d.code, str(d.location.file), d.location.line or 0) for d in report.diagnostics)
loader = sys.modules.get("pydantic.plugin._loader")
print(json.dumps({{
    "found": found,
    "metadata": "importlib.metadata" in sys.modules,
    "loader": type(loader).__name__ if loader is not None else None,
}}))
"""


def _python(code: str, *args: str) -> str:
    """What ``python -c code args`` prints, pwkit's source first on the path, no cache."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": SRC, "PWKIT_NO_CACHE": "1"},
    ).stdout


def _check(project: Path, before: str = "") -> dict[str, object]:
    found: dict[str, object] = json.loads(_python(_CHECK.format(before=before), str(project)))
    return found


def test_the_command_imports_no_package_metadata() -> None:
    """``pwkit check`` itself, cold: Pydantic never imports ``importlib.metadata``."""
    imported = imported_by("-m", "pwkit", "check", EXAMPLE, "--no-cache")
    assert "pydantic_core" in imported
    assert "importlib.metadata" not in imported


def test_without_discovery_a_check_finds_the_same(example: Path) -> None:
    (example / "sezioni" / "01-sintesi.md").write_text("---\n: [\n---\n", encoding="utf-8")
    plain = _check(example)
    skipped = _check(example, "from pwkit.model import plugins; plugins.skip_discovery()")
    assert plain["found"] == skipped["found"] and plain["found"]
    assert plain["metadata"] and plain["loader"] == "module"
    assert not skipped["metadata"] and skipped["loader"] == "_NoPlugins"


def test_a_pydantic_not_checked_gets_its_own_loader(example: Path) -> None:
    unchecked = _check(
        example,
        "from pwkit.model import plugins; plugins.CHECKED = ((9, 0), (9, 0)); "
        "plugins.skip_discovery()",
    )
    assert unchecked["loader"] == "module" and unchecked["metadata"]
    assert unchecked["found"] == _check(example)["found"]


def test_a_library_import_keeps_pydantic_s_loader(example: Path) -> None:
    """Only the command skips discovery: importing pwkit leaves another program's plugins."""
    assert _check(example)["loader"] == "module"


_OTHER_NAMES = """
import sys
from pwkit.model import plugins
plugins.skip_discovery()
stand_in = sys.modules[plugins.LOADER]
print(stand_in.PYDANTIC_ENTRY_POINT_GROUP, type(sys.modules[plugins.LOADER]).__name__)
plugins.skip_discovery()
print(type(sys.modules[plugins.LOADER]).__name__)
"""


def test_any_other_name_is_the_real_loader_s() -> None:
    # The real loader took its place, and a second call leaves it there.
    assert _python(_OTHER_NAMES).split() == ["pydantic", "module", "module"]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("2.7.0", True),
        ("2.14.4", True),
        ("2.14.0b1", True),
        ("2.6.4", False),
        ("2.15.0", False),
        ("3.0.0", False),
        ("dev", False),
    ],
)
def test_checked_versions(version: str, expected: bool) -> None:
    assert checked(version) is expected


def test_the_installed_pydantic_s_loader_is_as_read() -> None:
    """The loader this stand-in replaces: one function, no argument, imported in one place."""
    import inspect

    from pydantic.plugin import _loader, _schema_validator
    from pydantic.version import VERSION

    if not checked(VERSION):
        pytest.skip(f"Pydantic {VERSION} is outside {CHECKED}: its own loader is used")
    assert list(inspect.signature(_loader.get_plugins).parameters) == []
    assert "from ._loader import get_plugins" in inspect.getsource(_schema_validator)
