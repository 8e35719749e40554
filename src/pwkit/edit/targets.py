"""Where a finding belongs in the editor: the form field its file:line is, or a line of prose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.sourcemap import Path_, SourceMap
from pwkit.edit.fields import name_of


@dataclass(frozen=True)
class FieldTarget:
    """What a finding is about in the editor.

    ``section`` is the key of the section whose file it is in (``None``: another file, such
    as ``progetto.yaml`` or the Comuni CSV); ``field`` the name of the form field
    (``servizi[0].avvio``), ``None`` for a finding in the prose or of the whole file, which
    ``line`` then places.
    """

    section: str | None
    field: str | None
    file: str
    line: int | None


def target_of(
    finding: Diagnostic, sections: Mapping[str, str], sources: Mapping[str, SourceMap]
) -> FieldTarget:
    """The target of ``finding``; ``sections`` maps a section file to its key."""
    where = finding.location
    path = _path_at(sources.get(where.file), where.line, where.column)
    name = name_of(path) if path else None
    return FieldTarget(sections.get(where.file), name, where.file, where.line)


def _path_at(source: SourceMap | None, line: int | None, column: int | None) -> Path_ | None:
    """The deepest path of the data at ``line`` (at ``column`` first), if any."""
    if source is None or line is None:
        return None
    for table in (source.values, source.keys):
        exact = [path for path, at in table.items() if at == (line, column) and path]
        if exact:
            return max(exact, key=len)
    on_line = [path for path, at in source.values.items() if at[0] == line and path]
    on_line += [path for path, at in source.keys.items() if at[0] == line and path]
    return max(on_line, key=len) if on_line else None


def by_field(targets: list[tuple[Diagnostic, FieldTarget]]) -> dict[str, list[Diagnostic]]:
    """Findings by field name; those of no field under ``""``."""
    out: dict[str, list[Diagnostic]] = {}
    for finding, target in targets:
        out.setdefault(target.field or "", []).append(finding)
    return out
