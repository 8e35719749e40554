"""The lower layers import only from themselves and the layers below, with no cycle.

Read from the source (every import statement, in functions and ``TYPE_CHECKING`` blocks too),
so that an import hidden inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: Lowest first: a module imports only from its own layer or the ones before it.
LAYERS = ("pwkit.base", "pwkit.load", "pwkit.pack", "pwkit.model", "pwkit.validate")

#: Imports that leave the layers on purpose, until the rule catalogue finds its place: each
#: finding takes its rule's severity from the catalogue (``finding``), and a diagnostic its
#: slug (``Diagnostic.slug``).
CATALOGUE = frozenset({"pwkit.pack.catalogue"})
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / "pwkit").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[str]:
    """The pwkit modules ``path`` imports (a name imported from a package may be a module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "pwkit")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "pwkit":
                continue
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


@cache
def _graph() -> dict[str, set[str]]:
    return {name: {m for m in _imports(path) if m in MODULES} for name, path in MODULES.items()}


def _layer(module: str) -> int | None:
    for index, layer in enumerate(LAYERS):
        if module == layer or module.startswith(f"{layer}."):
            return index
    return None


def _ours() -> list[str]:
    return [name for name in MODULES if _layer(name) is not None]


@pytest.mark.parametrize("module", _ours())
def test_a_lower_module_imports_nothing_above_its_layer(module: str) -> None:
    own = _layer(module)
    assert own is not None
    above = sorted(
        target
        for target in _graph()[module]
        if target != "pwkit" and target not in CATALOGUE
        if (layer := _layer(target)) is None or layer > own
    )
    assert not above, f"{module} imports from a higher layer: {above}"


def test_no_import_cycle_in_the_lower_layers() -> None:
    graph = _graph()
    ours = set(_ours())
    sorter = TopologicalSorter({name: graph[name] & ours for name in ours})
    try:
        sorter.prepare()
    except CycleError as exc:
        pytest.fail(f"import cycle: {' → '.join(exc.args[1])}")


def test_no_lower_module_is_over_the_size_limit() -> None:
    long = {
        name: lines
        for name in _ours()
        if (lines := MODULES[name].read_text(encoding="utf-8").count("\n")) > MAX_LINES
    }
    assert not long, long
