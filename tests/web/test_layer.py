"""The browser face decides nothing: it calls ``pwkit.api`` and knows only its error types."""

from __future__ import annotations

import ast
from pathlib import Path

import pwkit.web

WEB = Path(pwkit.web.__file__).parent
#: What the face may import of pwkit at run time, besides its own modules.
ALLOWED = {"pwkit", "pwkit.api", "pwkit.api.editing", "pwkit.base.errors"}


def _runtime_imports(path: Path) -> set[str]:
    """The pwkit modules ``path`` imports outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and getattr(block.test, "id", "") == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "pwkit" or name.startswith("pwkit.")}


def test_the_web_face_imports_only_the_api_and_its_errors() -> None:
    modules = sorted(WEB.rglob("*.py"))
    assert len(modules) >= 10
    outside = {
        path.relative_to(WEB).as_posix(): sorted(
            name
            for name in _runtime_imports(path)
            if name not in ALLOWED and not name.startswith("pwkit.web")
        )
        for path in modules
    }
    assert {k: v for k, v in outside.items() if v} == {}


def test_every_asset_of_the_pages_ships_in_the_package() -> None:
    templates = {p.name for p in (WEB / "templates").glob("*.html")}
    assert {"base.html", "cruscotto.html", "sezione.html", "comuni.html"} <= templates
    for page in (WEB / "templates").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, page.name  # no CDN
    for asset in ("pwkit.css", "pwkit.js"):
        assert (WEB / "static" / asset).is_file()
