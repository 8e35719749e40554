"""Raw YAML data read by path, and a place in it named as a reader would name it.

Raw data is what the loader read, before validation: dicts, lists and scalars by path. A place
is told as «priorita» (servizi › S1), or «L'elemento 2 di «funzioni»».
"""

from __future__ import annotations

from typing import Any

from pwkit.base.sourcemap import Path_

#: What a value still to be written starts with, as the skeletons leave it.
PLACEHOLDER = "DA COMPILARE"


def is_placeholder(value: Any) -> bool:
    """A YAML value left as ``DA COMPILARE…``."""
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


def _holds(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def container_of(data: Any, path: Path_) -> Any:
    """The dict or list that holds the value at ``path``."""
    for part in path[:-1]:
        data = data[part]
    return data


def raw_at(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, Any]:
    """The longest prefix of ``loc`` that exists in ``data``, and the value there.

    Pydantic adds steps that are not in the data (union members, ``[key]``): they are cut.
    """
    path: list[str | int] = []
    current = data
    for part in loc:
        if not _holds(current, part):
            break
        current = current[part]
        path.append(part)
    return tuple(path), current


def value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` in ``data``; ``None`` if the path leaves the data."""
    found, value = raw_at(data, path)
    return value if len(found) == len(path) else None


def describe(path: Path_, data: Any) -> str:
    """A reader's name for where ``path`` is: «priorita» (servizi › S1)."""
    trail: list[str] = []
    current = data
    for part in path[:-1]:
        if isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            ident = current.get("id") if isinstance(current, dict) else None
            named = isinstance(ident, str) and ident and not is_placeholder(ident)
            trail.append(str(ident) if named else f"voce {part + 1}")
        elif isinstance(current, dict):
            current = current.get(part)
            trail.append(str(part))
    return f" ({' › '.join(trail)})" if trail else ""


def subject(path: Path_, data: Any) -> str:
    """«Il valore di «tema» (…)» or, for a list item, «L'elemento 2 di «funzioni» (…)»."""
    if path and isinstance(path[-1], int):
        _, container = raw_at(data, path[:-1])
        if isinstance(container, dict):  # a key that is a number: «volumi» {2027: 10}
            name = list_name(path[:-1])
            return f"Il valore per {path[-1]} di «{name}»{describe(path[:-1], data)}"
        return f"L'elemento {path[-1] + 1} di «{list_name(path[:-1])}»{describe(path[:-1], data)}"
    return f"Il valore di «{list_name(path)}»{describe(path, data)}"


def list_name(path: Path_) -> str:
    """Name of a list item: the list's key (``kpi`` for ``kpi[2]``)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "valore"
