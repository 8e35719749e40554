"""The Jinja2 environment a pack's skeletons are rendered in: confined, sandboxed, budgeted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pwkit.pack.sandbox import MAX_FILE_CHARS, BoundedEnvironment, LimitExceeded


def environment(pack: Path) -> BoundedEnvironment:
    """A sandboxed Jinja2 environment over a pack, with a budget: missing variables fail loudly.

    Each environment has its own budget (see :mod:`pwkit.pack.sandbox`): make one per rendering.
    """
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound

    class ConfinedLoader(FileSystemLoader):
        """Skeletons are files of the pack: links leaving it are not followed; size is bounded."""

        def get_source(self, environment: Any, template: str) -> Any:
            root = pack.resolve()
            path = (pack / template).resolve()
            if not path.is_relative_to(root):
                raise TemplateNotFound(template)
            if path.is_file() and path.stat().st_size > MAX_FILE_CHARS:
                raise LimitExceeded(
                    f"è un file troppo grande (più di {MAX_FILE_CHARS // 1_000_000} MB)"
                )
            return super().get_source(environment, template)

    return BoundedEnvironment(
        loader=ConfinedLoader(str(pack)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
