"""Template pins ``ID@VERSION``: the one parser, used by ``check`` and ``upgrade``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packaging.version import Version


@dataclass(frozen=True)
class Pin:
    """A template named by its id and a version, as ``progetto.yaml`` and ``--modello`` say."""

    template_id: str
    version: str


def parse_pin(text: str) -> Pin | None:
    """``ID@VERSION`` split at its first ``@``; ``None`` for a text without one."""
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
