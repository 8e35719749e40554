"""What a rule sees: the project's validated parts and where each value is in the files.

The rules read every part of the data that validates (``pwkit.parts``): a field that was left
out as not valid is absent, and a rule that reads one is not applied; a rule that adds up or
counts a list asks ``RuleContext.whole`` first, and one that says something is missing or
unused asks ``RuleContext.mentioned``: what was left out must have no consequence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from pwkit.base.diagnostics import Location
from pwkit.base.sourcemap import Path_, SourceMap
from pwkit.model.project import Project
from pwkit.pack.manifest import Thresholds


class RuleContext:
    """What a rule sees: the project and where each section's values are in the files."""

    __slots__ = ("project", "shared", "sources")

    def __init__(self, project: Project, sources: Mapping[str, SourceMap]) -> None:
        self.project = project
        self.sources = sources
        self.shared: dict[str, Any] = {}
        """What several rules derive from the project (e.g. the id index), computed once."""

    @property
    def thresholds(self) -> Thresholds:
        """The template's numbers for the rules (limits, tolerances)."""
        return self.project.manifest.thresholds

    def at(self, data: BaseModel, path: Path_, *, key: bool = False) -> Location:
        """Location of ``path`` inside the section (or ``progetto.yaml``) holding ``data``."""
        file = self.project.file_of(data)
        if file is None:
            raise LookupError(type(data).__name__)
        return self.sources[file].locate(path, key=key)

    def whole(self, data: BaseModel, *path: str | int) -> bool:
        """Whether nothing of ``path`` in ``data`` was left out as not valid."""
        return self.project.whole(data, *path)

    def mentioned(self, ident: str) -> bool:
        """Whether a value left out as not valid mentions ``ident`` (and may name it)."""
        return self.project.mentioned(ident)
