"""The check an export needs: the remembered one when nothing changed, a new one otherwise.

An export of a project checked before and unchanged since reads the report, the validated
data and the Markdown tokens the check cache keeps (``pwkit.check.plain``): neither the
schemas nor Pydantic nor the rules nor the Markdown parser are loaded, and no file of the
project is parsed again (but a long section's prose, whose tokens are not kept). Otherwise
the project is checked for the export, and what the check found is remembered for the next
command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pwkit.check import cache

if TYPE_CHECKING:
    from pathlib import Path

    from pwkit.base.diagnostics import CheckReport
    from pwkit.base.fsutil import ResolvedFiles
    from pwkit.model.project import Project


class ExportCheck(NamedTuple):
    """What an export takes from the check: the findings, the project, the files it names."""

    report: CheckReport
    project: Project
    files: ResolvedFiles


def check_for_export(root: Path) -> ExportCheck:
    """The check of ``root`` an export needs (every section keeps its prose for the document)."""
    key = cache.key_if_caching(root)
    if key is not None:
        report = cache.load_report(root, key)
        data = cache.load_data(root, key) if report is not None else None
        if report is not None and data is not None:
            from pwkit.check.plain import project_from_plain

            project, files = project_from_plain(root, data)
            return ExportCheck(report, project, files)
    from pwkit.check import pipeline

    result = pipeline.check_project(root, for_export=True)
    if key is not None:
        cache.store_report(root, key, result.report)
        cache.store_data(root, key, result.project, result.files)
    return ExportCheck(result.report, result.project, result.files)
