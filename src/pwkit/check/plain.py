"""A checked project as plain JSON (what the check cache keeps for export), and back.

``plain_project`` writes what renderers take — the template manifest, the validated data, each
section's prose (and its Markdown tokens, when the check parsed them and the section is not
long), the Comuni, the files ``progetto.yaml`` names and the display names of the
project's ids — with the tags of ``pwkit.model.plain`` for the values JSON lacks.
``project_from_plain`` reads it back as a :class:`~pwkit.model.project.Project` of records,
without Pydantic or the schemas: an unchanged project is exported from it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pwkit.model import plain as tags

if TYPE_CHECKING:
    from pwkit.base.fsutil import ResolvedFiles
    from pwkit.load.markdown import Body
    from pwkit.model.project import Project

#: The shape of the plain data; a reader meeting another one treats it as absent.
PLAIN_FORMAT = 3


def plain_project(project: Project, files: ResolvedFiles, names: dict[str, str]) -> dict[str, Any]:
    """``project`` (as the check validated it) in JSON values; ``names``: ids' display names.

    ``progetto`` and each section's ``data`` are ``None`` when they do not validate as a whole
    (as in :class:`pwkit.model.project.Project`).
    """
    from pwkit.pack.manifest import default_labels

    manifest = encode(project.manifest)
    labels = project.manifest.labels
    defaults = default_labels()
    manifest["labels"] = {
        vocabulary: {**defaults.get(vocabulary, {}), **labels.get(vocabulary, {})}
        for vocabulary in {*defaults, *labels}
    }
    return {
        "format": PLAIN_FORMAT,
        "manifest": manifest,
        "progetto": encode(project.progetto),
        "progetto_raw": _raw(project.progetto_raw),
        "sections": [
            {
                "spec": section.spec.file,
                "data": encode(section.data),
                "body": None if section.body is None else _plain_body(section.body),
            }
            for section in project.sections
        ],
        "comuni": [encode(comune) for comune in project.comuni],
        "comuni_lines": list(project.comuni_lines),
        "comuni_file": project.comuni_file,
        "files": {
            name: [file.written, None if file.path is None else str(file.path), file.problem]
            for name, file in files.items()
        },
        "names": names,
    }


def _plain_body(body: Body) -> list[Any]:
    """Text, first line and the tokens the check parsed (``None``: parsed again on export).

    A long section's tokens are not kept: a check releases them (``KEEP_TOKENS_MAX_CHARS``),
    and its tokens would take some eight times its text in the cache.
    """
    from pwkit.check.pipeline import KEEP_TOKENS_MAX_CHARS
    from pwkit.load.markdown import keep_tokens

    parsed = body.__dict__.get("tokens")
    kept = None
    if parsed is not None and len(body.text) <= KEEP_TOKENS_MAX_CHARS:
        with contextlib.suppress(TypeError):  # a value JSON cannot hold: parsed on export
            kept = keep_tokens(parsed)
    return [body.text, body.first_line, kept]


def project_from_plain(root: Path, data: dict[str, Any]) -> tuple[Project, ResolvedFiles]:
    """The project and its files as :func:`plain_project` wrote them (``data`` decoded)."""
    from pwkit.base.fsutil import ResolvedFile
    from pwkit.load.markdown import Body
    from pwkit.model.project import Project, Section

    manifest = data["manifest"]
    specs = {spec.file: spec for spec in manifest.sections}
    sections = tuple(
        Section(
            specs[kept["spec"]],
            kept["data"],
            None if kept["body"] is None else Body(*kept["body"]),
        )
        for kept in data["sections"]
    )
    project = Project(
        root,
        manifest,
        data["progetto"],
        sections,
        tuple(data["comuni"]),
        comuni_lines=tuple(data["comuni_lines"]),
        comuni_file=data["comuni_file"],
        progetto_raw=data["progetto_raw"],
        names=data["names"],
    )
    files = {
        name: ResolvedFile(written, None if path is None else Path(path), problem)
        for name, (written, path, problem) in data["files"].items()
    }
    return project, files


def encode(value: Any) -> Any:
    """``value`` in JSON values, tagged where JSON lacks the type (``pwkit.model.plain``).

    Raises ``TypeError`` for a value it cannot write back exactly.
    """
    from pydantic import BaseModel

    return _encode(value, BaseModel)


def _encode(value: Any, model: type) -> Any:
    if value is None:
        return value
    if isinstance(value, str | bool | int | float) and not isinstance(value, Enum):
        return value
    if isinstance(value, model):
        fields: dict[str, Any] = {tags.MODEL: _model_names(type(value), model)}
        for name, item in value.__dict__.items():
            fields[name] = _encode(item, model)
        return fields
    if isinstance(value, list):
        return [_encode(item, model) for item in value]
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("$") for key in value):
            return {key: _encode(item, model) for key, item in value.items()}
        return {tags.MAP: [[_encode(k, model), _encode(v, model)] for k, v in value.items()]}
    return _encode_scalar(value, model)


def _encode_scalar(value: Any, model: type) -> Any:
    if isinstance(value, Enum):
        kind = type(value)
        return {tags.ENUM: [f"{kind.__module__}:{kind.__qualname__}", value.value]}
    if isinstance(value, dt.datetime):
        return {tags.DATETIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {tags.DATE: value.isoformat()}
    if isinstance(value, Decimal):
        return {tags.DECIMAL: str(value)}
    if isinstance(value, tuple):
        return {tags.TUPLE: [_encode(item, model) for item in value]}
    raise TypeError(f"{type(value).__name__} has no plain form")


def _model_names(kind: type, model: type) -> list[str]:
    return [cls.__name__ for cls in kind.__mro__ if issubclass(cls, model) and cls is not model]


def _raw(data: object) -> Any:
    """YAML as read, in plain values (dates tagged); ``None`` if it has no plain form."""
    try:
        return _encode(data, _NoModel)
    except TypeError:
        return None


class _NoModel:
    """Stands for the model class where none can occur (YAML as read)."""
