"""Names of the project's entities by id, so tables show «RU1 – Coordinatore», not a bare id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pwkit.model.common import IdDef
from pwkit.model.introspect import walk_ids

if TYPE_CHECKING:
    from pwkit.model.project import Project


@dataclass(frozen=True)
class Lookup:
    """Display names of every entity with an id; unknown ids are shown as they are."""

    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> Lookup:
        """Collect the names from every valid section of ``project``."""
        names: dict[str, str] = {}
        for section in project.sections:
            if section.data is None:
                continue
            for use in walk_ids(section.data):
                if isinstance(use.marker, IdDef) and (name := _display_name(use.holder)):
                    names.setdefault(use.value, name)
        return cls(names)

    def name(self, key: str) -> str:
        """The entity's name, or the id itself if it names nothing."""
        return self.names.get(key, key)

    def ref(self, key: str) -> str:
        """``ID – name`` (just the id if it names nothing)."""
        name = self.names.get(key)
        return f"{key} – {name}" if name else key

    def refs(self, keys: Iterable[str]) -> list[str]:
        """``ID – name`` for each id, one per line in a cell."""
        return [self.ref(k) for k in keys]


#: The field that names an entity, in order of preference (a service has «nome» and
#: «descrizione»: its name is «nome»; a risk has only «descrizione»).
_NAME_FIELDS = ("nome", "ruolo", "tema", "descrizione")


def _display_name(holder: object) -> str | None:
    for name in _NAME_FIELDS:
        value = getattr(holder, name, None)
        if isinstance(value, str):
            return value
    return None
