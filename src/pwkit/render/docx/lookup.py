"""Names of the project's entities by id, so tables show «RU1 – Coordinatore», not a bare id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pwkit.model.project import Project


class Lookup(NamedTuple):
    """Display names of every entity with an id; unknown ids are shown as they are."""

    names: dict[str, str]

    @classmethod
    def of(cls, project: Project) -> Lookup:
        """Collect the names from every valid section of ``project`` (or take those it has)."""
        if project.names is not None:
            return cls(dict(project.names))
        from pwkit.model.introspect import display_names

        return cls(display_names(section.data for section in project.sections))

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
