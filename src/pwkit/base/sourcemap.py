"""Where each part of a file's data is: paths into plain data and their 1-based positions."""

from __future__ import annotations

from typing import Any

from pwkit.base.diagnostics import Location

#: The path of a value inside plain data: keys of mappings and indexes of lists, outermost first.
#: YAML keys may be any scalar (text, number, ``null``…), hence ``Any``.
Path_ = tuple[Any, ...]
#: A (line, column) position.
Position = tuple[int, int]


class SourceMap:
    """1-based positions of YAML keys and values, by their path in the data.

    ``texts`` keeps how plain values read as floats were typed (``37.500``, read as 37.5).
    ``origin`` is where a path found nowhere in the file is placed.
    """

    __slots__ = ("file", "keys", "origin", "texts", "values")

    def __init__(
        self,
        file: str,
        keys: dict[Path_, Position] | None = None,
        values: dict[Path_, Position] | None = None,
        origin: Position = (1, 1),
        texts: dict[Path_, str] | None = None,
    ) -> None:
        self.file = file
        self.keys: dict[Path_, Position] = {} if keys is None else keys
        self.values: dict[Path_, Position] = {} if values is None else values
        self.origin = origin
        self.texts: dict[Path_, str] = {} if texts is None else texts

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """Where ``path`` is: its value (or key), else the nearest enclosing entry found."""
        trail = tuple(path)
        while trail:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for positions in table:
                if trail in positions:
                    line, column = positions[trail]
                    return Location(self.file, line, column)
            trail = trail[:-1]
        return Location(self.file, *self.origin)
