"""The template packs shipped with pwkit, and the ``ID@VERSION`` pin that names one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.base.errors import TemplateError

if TYPE_CHECKING:
    from packaging.version import Version

DEFAULT_TEMPLATE = "province-comuni-personale"
#: The file that makes a folder a template pack.
MANIFEST_FILE = "manifest.yaml"


def templates_root() -> Path:
    """The folder of bundled template packs.

    An installed wheel carries them as ``pwkit/_templates``; an editable install or a source
    checkout finds the repository's ``templates/`` (hatchling's force-include is not seen there).
    """
    package = Path(__file__).resolve().parents[1]
    installed = package / "_templates"
    if installed.is_dir():
        return installed
    return package.parent.parent / "templates"


def bundled_pack(template_id: str = DEFAULT_TEMPLATE, version: str | None = None) -> Path:
    """The folder of a bundled template pack, by id: its newest version, or ``version``.

    The newest version of a pack is the folder named by its id; each older version pwkit still
    ships (so that a project pinned to it is checked with it) is the folder ``ID@VERSION``.
    """
    pack = templates_root() / template_id
    if not (pack / MANIFEST_FILE).is_file():
        raise TemplateError(
            f"Il modello «{template_id}» non è tra quelli inclusi in pwkit.",
            hint=f"Il modello incluso è «{DEFAULT_TEMPLATE}».",
        )
    if version is None:
        return pack
    older = templates_root() / str(Pin(template_id, version))
    return older if (older / MANIFEST_FILE).is_file() else pack


def older_versions(template_id: str = DEFAULT_TEMPLATE) -> list[str]:
    """The older versions of a bundled pack that pwkit still ships, oldest first."""
    prefix = f"{template_id}@"
    found = [
        folder.name.removeprefix(prefix)
        for folder in templates_root().glob(f"{prefix}*")
        if (folder / MANIFEST_FILE).is_file()
    ]
    return sorted(found, key=version_key)


def is_bundled(pack: Path) -> bool:
    """Whether ``pack`` is one of the packs shipped with pwkit (trusted, tested)."""
    return pack.resolve().parent == templates_root().resolve()


@dataclass(frozen=True)
class Pin:
    """A template pack and its version, as ``progetto.yaml`` and ``--modello`` write them."""

    template_id: str
    version: str

    def __str__(self) -> str:
        return f"{self.template_id}@{self.version}"


def parse_pin(text: str) -> Pin | None:
    """``ID@VERSION`` read as a pin; ``None`` if ``text`` has no ``@``.

    The text is split at its first ``@`` as it is: whoever reads it from a file strips it.
    """
    if "@" not in text:
        return None
    template_id, version = text.split("@", 1)
    return Pin(template_id, version)


def version_key(text: str) -> Version:
    """A template version to compare (PEP 440); an unreadable one sorts before every real one."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text.strip())
    except InvalidVersion:
        return Version("0")
