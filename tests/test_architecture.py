"""The house's rules, read from the source: layers, no cycles, small modules, a thin CLI.

The layers are those of the import-linter contract in ``pyproject.toml`` (`lint-imports`,
run by ``.ci/run``); this test reads the same list and checks it on its own with ``ast``
(every import, in functions and ``TYPE_CHECKING`` blocks too), so that ``pytest`` alone
catches a broken layer. ``docs/architecture.md`` shows the same map.
"""

from __future__ import annotations

import ast
import tomllib
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src"
MAX_LINES = 400


@cache
def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / "pwkit").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    """The pwkit modules ``path`` imports (a name imported from a package may be a module)."""
    known = _modules()
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        found.update(name for name in names if name in known)
    return found


@cache
def _graph() -> dict[str, frozenset[str]]:
    """Module → the modules it imports; the root ``pwkit`` (version constants) left out."""
    return {name: frozenset(_imports(path) - {"pwkit", name}) for name, path in _modules().items()}


@cache
def _layers() -> list[list[str]]:
    """The contract's layers, highest first, each a list of sibling packages or modules."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [[part.strip() for part in layer.split("|")] for layer in contract["layers"]]


def _place(module: str) -> tuple[int, str] | None:
    """(layer index from the top, sibling) of ``module``; None for the root package."""
    for index, siblings in enumerate(_layers()):
        for sibling in siblings:
            if module == sibling or module.startswith(sibling + "."):
                return index, sibling
    return None


def test_every_module_belongs_to_a_layer() -> None:
    assert [m for m in _modules() if m != "pwkit" and _place(m) is None] == []


@pytest.mark.parametrize("module", sorted(_modules()))
def test_a_module_imports_only_its_own_layer_or_lower_ones(module: str) -> None:
    here = _place(module)
    if here is None:
        return
    wrong = []
    for target in sorted(_graph()[module]):
        there = _place(target)
        if there is None:
            continue
        upward = there[0] < here[0]
        sideways = there[0] == here[0] and there[1] != here[1]  # independent siblings
        if upward or sideways:
            wrong.append(target)
    assert wrong == [], f"{module} imports above its layer: {wrong}"


def test_no_import_cycle() -> None:
    try:
        TopologicalSorter(_graph()).prepare()
    except CycleError as exc:
        pytest.fail(f"import cycle: {' → '.join(exc.args[1])}")


def test_the_cycle_search_finds_a_cycle() -> None:
    with pytest.raises(CycleError):
        TopologicalSorter({"a": {"b"}, "b": {"c"}, "c": {"a"}}).prepare()


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: count
        for name, path in _modules().items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_cli_is_short_and_calls_only_the_api() -> None:
    """cli.py: options, one API call, the console, an exit code (the funnel runs the call)."""
    path = SRC / "pwkit" / "cli.py"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300
    allowed = (
        "pwkit.api",
        "pwkit.plainline",
        "pwkit.console",
        "pwkit.clitext",
        "pwkit.funnel",
        "pwkit.web.serve",
    )
    imported = _imports(path) - {"pwkit"}
    assert [m for m in imported if not m.startswith(allowed)] == []


def test_the_architecture_document_shows_the_layers_of_the_contract() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    map_lines = [line for line in text.splitlines() if line.startswith("    pwkit.")]
    shown = [[part.strip() for part in line.split("|")] for line in map_lines]
    assert shown == _layers()
