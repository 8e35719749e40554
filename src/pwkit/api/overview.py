"""The overview of one project for a dashboard: who, which template, status and findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pwkit.api.projects import Notify
    from pwkit.base.diagnostics import CheckReport, Diagnostic
    from pwkit.check.status import ProjectStatus


@dataclass(frozen=True)
class Overview:
    """Where a project stands, from one check: what a dashboard shows."""

    body: str | None
    """The body the project is for («Provincia di Valdoria»), None while unreadable."""
    template: str
    """The template pack and its version, ``id@version``."""
    status: ProjectStatus
    report: CheckReport
    sections: dict[str, str]
    """Each section's file → its key (where a face links a finding of that file)."""

    def section_of(self, finding: Diagnostic) -> str | None:
        """The key of the section whose file ``finding`` is about, if any."""
        return self.sections.get(finding.location.file)


def project_overview(
    folder: Path, *, today: dt.date | None = None, notify: Notify | None = None
) -> Overview:
    """The overview of the project ``folder`` is in, on ``today``: one check of every file."""
    from pwkit.api.projects import open_project
    from pwkit.check import pipeline
    from pwkit.check.status import project_status
    from pwkit.load.ente import body_name

    root = open_project(folder, notify)
    result = pipeline.check_project(root)
    progetto = result.parts.progetto
    manifest = result.project.manifest
    return Overview(
        body=body_name(progetto.provincia) if progetto is not None else None,
        template=manifest.pin,
        status=project_status(result, today or dt.date.today()),
        report=result.report,
        sections={spec.file: spec.key for spec in manifest.sections},
    )
