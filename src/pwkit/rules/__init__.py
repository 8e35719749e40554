"""Cross-section rules, one module per family, run on the validated parts of a project."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pwkit.diagnostics import Diagnostic, Location
from pwkit.loader import Path_, SourceMap
from pwkit.manifest import Thresholds
from pwkit.model import Project


@dataclass(frozen=True)
class RuleContext:
    """What a rule sees: the project and where each section's values are in the files."""

    project: Project
    sources: Mapping[str, SourceMap]
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What several rules derive from the project (e.g. the id index), computed once."""

    @property
    def thresholds(self) -> Thresholds:
        """The template's numbers for the rules (limits, tolerances)."""
        return self.project.manifest.thresholds

    def at(self, data: BaseModel, path: Path_, *, key: bool = False) -> Location:
        """Location of ``path`` inside the section (or ``progetto.yaml``) holding ``data``."""
        for section in self.project.sections:
            if section.data is data:
                return self.sources[section.spec.file].locate(path, key=key)
        if data is self.project.progetto:
            return self.sources[self.project.manifest.project.file].locate(path, key=key)
        raise LookupError(type(data).__name__)


Rule = Callable[[RuleContext], Iterable[Diagnostic]]


def all_rules() -> list[Rule]:
    """Every cross-section rule, in catalogue order."""
    from pwkit.rules import domain, economics, references, schedule

    return [*references.CHECKS, *schedule.CHECKS, *economics.CHECKS, *domain.CHECKS]


def run_rules(context: RuleContext) -> list[Diagnostic]:
    """Run every cross-section rule."""
    return [d for rule in all_rules() for d in rule(context)]
