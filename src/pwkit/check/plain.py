"""The validated data of a project as plain JSON values (what the check cache keeps for export)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pwkit.model.project import Project

#: The shape of the plain data; a reader meeting another one treats it as absent.
PLAIN_FORMAT = 1


def plain_project(project: Project) -> dict[str, Any]:
    """The data renderers take, as JSON values: field names as in the schemas, dates in ISO.

    ``progetto`` and each section's ``data`` are ``None`` when they do not validate as a whole
    (as in :class:`pwkit.model.project.Project`); ``body_line`` is the file line where the
    section's prose starts (``None`` without prose).
    """
    return {
        "format": PLAIN_FORMAT,
        "progetto": _plain(project.progetto),
        "progetto_raw": _json_values(project.progetto_raw),
        "sections": {
            section.spec.file: {
                "key": section.spec.key,
                "model": section.spec.model,
                "data": _plain(section.data),
                "body_line": section.body.first_line if section.body is not None else None,
            }
            for section in project.sections
        },
        "comuni": [_plain(comune) for comune in project.comuni],
        "comuni_lines": list(project.comuni_lines),
        "comuni_file": project.comuni_file,
    }


def _plain(model: BaseModel | None) -> Any:
    return None if model is None else model.model_dump(mode="json")


def _json_values(data: object) -> Any:
    """YAML as read, in JSON values (dates as ISO text); ``None`` if it has no JSON form."""
    if data is None:
        return None
    try:
        return json.loads(json.dumps(data, ensure_ascii=False, default=_iso))
    except (TypeError, ValueError):
        return None


def _iso(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    if isoformat is None:
        raise TypeError(f"{type(value).__name__} has no JSON form")
    text: str = isoformat()
    return text
