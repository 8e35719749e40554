"""Comparing YAML data and splicing text: the pieces the editor of YAML text is made of."""

from __future__ import annotations

import math
from typing import Any

#: An edit of the text: replace ``text[start:end]`` with ``new``.
Op = tuple[int, int, str]


class EditFailed(Exception):
    """The text cannot be changed into the data safely: nothing may be written."""


def same(a: Any, b: Any) -> bool:
    """Equal data, types included (``1`` is not ``1.0`` nor ``True``); key order ignored."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def apply(text: str, ops: list[Op]) -> str:
    """``text`` with the edits made (they must not overlap)."""
    out: list[str] = []
    position = 0
    for start, end, new in sorted(ops, key=lambda op: (op[0], op[1])):
        if start < position:
            raise EditFailed("modifiche sovrapposte")
        out.append(text[position:start])
        out.append(new)
        position = end
    out.append(text[position:])
    return "".join(out)


def align(old: list[Any], new: list[Any]) -> list[int | None]:
    """For each new item, the old item it is (the same, or the same one changed), or ``None``.

    Equal items first (at the same place if possible), then objects with the most equal
    values, then what is left at the same place.
    """
    pairs: list[int | None] = [None] * len(new)
    used: set[int] = set()

    def take(index: int, k: int) -> None:
        pairs[index] = k
        used.add(k)

    for index, item in enumerate(new):
        if index < len(old) and same(old[index], item):
            take(index, index)
    for index, item in enumerate(new):
        if pairs[index] is None:
            k = next((k for k, o in enumerate(old) if k not in used and same(o, item)), None)
            if k is not None:
                take(index, k)
    for index, item in enumerate(new):
        if pairs[index] is None and isinstance(item, dict):
            scores = [
                (_likeness(o, item), -abs(k - index), k)
                for k, o in enumerate(old)
                if k not in used and isinstance(o, dict)
            ]
            best = max(scores, default=None)
            if best is not None and best[0] > 0:
                take(index, best[2])
    for index in range(len(new)):
        if pairs[index] is None and index < len(old) and index not in used:
            take(index, index)
    return pairs


def _likeness(old: dict[Any, Any], new: dict[Any, Any]) -> int:
    """How many values two objects share (the same ``id`` counts most)."""
    shared = sum(1 for key in new if key in old and same(old[key], new[key]))
    return shared + (10 if "id" in new and same(old.get("id"), new["id"]) else 0)
