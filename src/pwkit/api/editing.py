"""Editing a project from a face (the browser): one workspace per open project.

A face opens the project with :func:`open_workspace` and asks the :class:`Workspace` for
what its pages show (``dashboard``, ``section_form``, ``project_form``, ``comuni``,
``preview``) and to save what the user changed (``save_section``, ``save_project``,
``save_comuni``, ``undo``). A save that would overwrite a change made meanwhile on disk
raises :class:`ConflictError`; a value that cannot be read one way raises
:class:`FormRefused`; both are :class:`PwkitError`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.api.projects import Notify, open_project
from pwkit.base.projectdir import PROJECT_FILE

if TYPE_CHECKING:
    from pwkit.edit.fields import FormField
    from pwkit.edit.files import ConflictError
    from pwkit.edit.grid import GridFindings, pasted_rows
    from pwkit.edit.pages import (
        ComuniGrid,
        Dashboard,
        Finding,
        FormRefused,
        SaveResult,
        SectionForm,
        SectionSummary,
    )
    from pwkit.edit.projectform import ProjectForm
    from pwkit.edit.targets import FieldTarget
    from pwkit.edit.workspace import Workspace

__all__ = [
    "PROJECT_FILE",
    "ComuniGrid",
    "ConflictError",
    "Dashboard",
    "FieldTarget",
    "Finding",
    "FormField",
    "FormRefused",
    "GridFindings",
    "ProjectForm",
    "SaveResult",
    "SectionForm",
    "SectionSummary",
    "Workspace",
    "open_workspace",
    "pasted_rows",
]


def open_workspace(folder: Path, *, notify: Notify | None = None) -> Workspace:
    """The project ``folder`` is in, open for editing (an interrupted upgrade undone first)."""
    from pwkit.edit.workspace import Workspace

    workspace = Workspace(open_project(folder, notify))
    workspace.check()
    return workspace


#: The editor's types, by name: imported when first asked for, so ``pwkit.api`` stays light.
_TYPES = {
    "Workspace": "pwkit.edit.workspace",
    "Dashboard": "pwkit.edit.pages",
    "SectionSummary": "pwkit.edit.pages",
    "SectionForm": "pwkit.edit.pages",
    "ComuniGrid": "pwkit.edit.pages",
    "SaveResult": "pwkit.edit.pages",
    "Finding": "pwkit.edit.pages",
    "FormRefused": "pwkit.edit.pages",
    "FormField": "pwkit.edit.fields",
    "ProjectForm": "pwkit.edit.projectform",
    "FieldTarget": "pwkit.edit.targets",
    "GridFindings": "pwkit.edit.grid",
    "ConflictError": "pwkit.edit.files",
    "pasted_rows": "pwkit.edit.grid",
}


def __getattr__(name: str) -> object:
    module = _TYPES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
