"""Where template packs are found (bundled or a folder) and the sandboxed Jinja2 environment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pwkit.base.errors import TemplateError

if TYPE_CHECKING:
    from pwkit.sandbox import BoundedEnvironment

DEFAULT_TEMPLATE = "province-comuni-personale"


def templates_root() -> Path:
    """The folder of bundled template packs.

    An installed wheel carries them as ``pwkit/_templates``; an editable install or a source
    checkout finds the repository's ``templates/`` (hatchling's force-include is not seen there).
    """
    package = Path(__file__).resolve().parent
    installed = package / "_templates"
    if installed.is_dir():
        return installed
    return package.parent.parent / "templates"


def bundled_pack(template_id: str = DEFAULT_TEMPLATE) -> Path:
    """The folder of a bundled template pack, by id."""
    pack = templates_root() / template_id
    if not (pack / "manifest.yaml").is_file():
        raise TemplateError(
            f"Il modello «{template_id}» non è tra quelli inclusi in pwkit.",
            hint=f"Il modello incluso è «{DEFAULT_TEMPLATE}».",
        )
    return pack


def is_bundled(pack: Path) -> bool:
    """Whether ``pack`` is one of the packs shipped with pwkit (trusted, tested)."""
    return pack.resolve().parent == templates_root().resolve()


def environment(pack: Path) -> BoundedEnvironment:
    """A sandboxed Jinja2 environment over a pack, with a budget: missing variables fail loudly.

    Each environment has its own budget (see :mod:`pwkit.sandbox`): make one per rendering.
    """
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound

    from pwkit.sandbox import MAX_FILE_CHARS, BoundedEnvironment, LimitExceeded

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
