"""pwkit as a library: one function per use case, called by every face (command line, browser).

Each function takes plain arguments and returns plain data, or raises :class:`PwkitError`
(a problem the user can fix: the message says what and how, in Italian). None of them
prints, asks or exits: what pwkit did on the way is told through the optional callbacks
``notify`` (a sentence for the user, e.g. that an interrupted upgrade was undone first) and
``progress`` (a step done). Heavy modules are imported inside the functions, so importing
this module costs next to nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pwkit.api.editing import open_workspace
from pwkit.api.projects import (
    DocumentWritten,
    ExportResult,
    PdfWritten,
    check_project,
    export_document,
    exported_document,
    exported_documents,
    init_project,
    open_project,
    pdf_available,
    project_status,
    province_choices,
    province_question,
)
from pwkit.api.reports import compare_projects, vet_report_output, write_report
from pwkit.api.rules import explain_rule, list_rules, write_schemas
from pwkit.api.upgrades import UpgradeResult, upgrade_project
from pwkit.base.errors import ExitCode, OutputExistsError, ProjectNotFoundError, PwkitError

if TYPE_CHECKING:
    from pwkit.init.answers import InitAnswers

__all__ = [
    "DocumentWritten",
    "ExitCode",
    "ExportResult",
    "InitAnswers",
    "OutputExistsError",
    "PdfWritten",
    "ProjectNotFoundError",
    "PwkitError",
    "UpgradeResult",
    "check_project",
    "compare_projects",
    "explain_rule",
    "export_document",
    "exported_document",
    "exported_documents",
    "init_project",
    "list_rules",
    "open_project",
    "open_workspace",
    "pdf_available",
    "project_status",
    "province_choices",
    "province_question",
    "upgrade_project",
    "vet_report_output",
    "write_report",
    "write_schemas",
]


def __getattr__(name: str) -> Any:
    """``InitAnswers``, imported when first asked for (a check never needs it)."""
    if name == "InitAnswers":
        from pwkit.init.answers import InitAnswers

        return InitAnswers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
