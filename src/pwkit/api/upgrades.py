"""Bringing a project to a newer template, planned or applied."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.api.projects import Notify, open_project

if TYPE_CHECKING:
    from pwkit.upgrade.plan import UpgradePlan


@dataclass(frozen=True)
class UpgradeResult:
    """An upgrade planned (and, unless a dry run or already up to date, applied)."""

    plan: UpgradePlan
    applied: bool = False
    backup: str | None = None
    """Where the files were copied before they changed (project-relative), once applied."""

    @property
    def unresolved(self) -> bool:
        """Applied with conflicts to resolve by hand (merge markers, texts set aside)."""
        return self.applied and bool(self.plan.conflicts or self.plan.set_aside)


def upgrade_project(
    folder: Path,
    *,
    template: str | None = None,
    dry_run: bool = False,
    notify: Notify | None = None,
) -> UpgradeResult:
    """Bring the project to a newer template without losing a word (``dry_run``: plan only).

    ``template``: ``ID@VERSION`` or a pack's folder; by default the one bundled with pwkit.
    """
    from pwkit.upgrade.plan import plan_upgrade

    root = open_project(folder, notify)
    plan = plan_upgrade(root, template)
    if dry_run or plan.up_to_date:
        return UpgradeResult(plan)
    from pwkit.upgrade.apply import apply_upgrade

    backup = apply_upgrade(plan)
    return UpgradeResult(plan, applied=True, backup=str(backup.relative_to(root)))
