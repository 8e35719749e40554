"""The template packs shipped with pwkit, and the ``ID@VERSION`` pin that names one."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

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


class Pin(NamedTuple):
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


_RELEASE = re.compile(r"[0-9]+(\.[0-9]+)*")


def plain_release(text: str) -> tuple[int, ...] | None:
    """The numbers of a version made only of dot-separated integers (``1.1.0``), else ``None``.

    Such a version is always a valid PEP 440 release. Trailing zeros are dropped, so that two
    of them compare as tuples as PEP 440 compares them (``1.1`` is ``1.1.0``).
    """
    if not _RELEASE.fullmatch(text):
        return None
    numbers = [int(part) for part in text.split(".")]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


@functools.total_ordering
class VersionKey:
    """A template version to compare as PEP 440 does; an unreadable one is ``0``.

    Two plain releases (the versions pwkit's packs use) are compared as tuples; ``packaging``
    is imported only to compare any other form.
    """

    __slots__ = ("_release", "_text")

    def __init__(self, text: str) -> None:
        self._text = text.strip()
        self._release = plain_release(self._text)

    def _pep440(self) -> Version:
        from packaging.version import InvalidVersion, Version

        try:
            return Version(self._text)
        except InvalidVersion:
            return Version("0")

    def _pair(self, other: VersionKey) -> tuple[Any, Any]:
        """The two versions as they compare: tuples if both are plain releases."""
        if self._release is not None and other._release is not None:
            return self._release, other._release
        return self._pep440(), other._pep440()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VersionKey):
            return NotImplemented
        mine, theirs = self._pair(other)
        return bool(mine == theirs)

    def __lt__(self, other: VersionKey) -> bool:
        mine, theirs = self._pair(other)
        return bool(mine < theirs)

    __hash__ = None  # type: ignore[assignment]  # equal keys may be written differently

    def __repr__(self) -> str:
        return f"VersionKey({self._text!r})"


def version_key(text: str) -> VersionKey:
    """A template version to compare (PEP 440); an unreadable one sorts before every real one."""
    return VersionKey(text)
