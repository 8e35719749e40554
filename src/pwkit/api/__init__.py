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
from pwkit.base.errors import ExitCode, OutputExistsError, ProjectNotFoundError, PwkitError

if TYPE_CHECKING:
    from pwkit.api.editing import open_workspace
    from pwkit.api.reports import compare_projects, vet_report_output, write_report
    from pwkit.api.rules import explain_rule, list_rules, write_schemas
    from pwkit.api.upgrades import UpgradeResult, upgrade_project
    from pwkit.init.answers import InitAnswers

#: Names whose modules load when first asked for: a check or an export never needs them.
_LATER = {
    "InitAnswers": "pwkit.init.answers",
    "open_workspace": "pwkit.api.editing",
    "compare_projects": "pwkit.api.reports",
    "vet_report_output": "pwkit.api.reports",
    "write_report": "pwkit.api.reports",
    "explain_rule": "pwkit.api.rules",
    "list_rules": "pwkit.api.rules",
    "write_schemas": "pwkit.api.rules",
    "UpgradeResult": "pwkit.api.upgrades",
    "upgrade_project": "pwkit.api.upgrades",
}

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
    """A name of :data:`_LATER`, its module imported when first asked for."""
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
