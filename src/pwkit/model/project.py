"""The validated project handed to rules and renderers: never files, always this.

Its records are named tuples (an export loads this module, and ``dataclasses`` costs more).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pwkit.base.projectdir import COMUNI_FILE

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pwkit.base.sourcemap import Path_
    from pwkit.load.markdown import Body
    from pwkit.model.analisi import Comune
    from pwkit.model.progetto import Progetto
    from pwkit.pack.manifest import Edition, SectionSpec, TemplateManifest

M = TypeVar("M", bound="BaseModel")


class LeftOut(NamedTuple):
    """What of one file's data the rules do not see because it is not valid."""

    paths: tuple[Path_, ...] = ()
    """A key whose value did not validate (absent from the model) or a list item that did not."""
    defines: frozenset[str] = frozenset()
    """Ids that left-out items define: a reference to them is not reported as unknown."""
    mentions: frozenset[str] = frozenset()
    """Every id-like word in the values left out: what they may name."""
    unknown_kinds: frozenset[str] = frozenset()
    """Kinds of id that a left-out part may define under an id that cannot be read."""
    unknown_references: frozenset[str] = frozenset()
    """Kinds of id that a left-out part may refer to in a way that cannot be read."""

    def __bool__(self) -> bool:
        return bool(self.paths)

    def covers(self, path: Path_) -> bool:
        """Whether something at, inside or around ``path`` was left out."""
        size = len(path)
        return any(p[:size] == path or path[: len(p)] == p for p in self.paths)


NOTHING_LEFT_OUT = LeftOut()


def has(data: BaseModel, *names: str) -> bool:
    """Whether every named field of partial ``data`` is there (not left out)."""
    return all(name in data.__dict__ for name in names)


class Section(NamedTuple):
    """One section: its template spec, its validated data (``None`` if broken), its prose."""

    spec: SectionSpec
    data: BaseModel | None
    body: Body | None


class Project(NamedTuple):
    """A loaded and validated project work."""

    root: Path
    manifest: TemplateManifest
    progetto: Progetto | None
    sections: tuple[Section, ...]
    comuni: tuple[Comune, ...]
    comuni_lines: tuple[int, ...] = ()
    """1-based line of each row of ``comuni`` in the CSV file, in the same order."""
    comuni_file: str = COMUNI_FILE
    """The CSV file the Comuni were read from, relative to the project root."""
    progetto_raw: Mapping[str, Any] | None = None
    """``progetto.yaml`` as read, before validation: names a draft whose title page is broken."""
    left_out: Mapping[str, LeftOut] = MappingProxyType({})
    """What of each file's data is not valid and left out of it (``pwkit.validate.parts``), by file.

    Only the project the rules read (``CheckResult.parts``) has partial data: a file named
    here holds the valid parts of its data, and fields that were left out are absent.
    """
    names: Mapping[str, str] | None = None
    """Display names of the project's ids, when they come with it (a project read back from
    the check cache, whose records carry no schema to find them): ``pwkit.render.docx.lookup``."""

    @property
    def calendar(self) -> Edition:
        """The programme calendar of the project's edition (the pack's current one if unknown)."""
        programme = self.manifest.programme
        raw = self.progetto_raw.get("edizione") if self.progetto_raw is not None else None
        named = self.progetto.edizione if self.progetto is not None else raw
        return programme.calendar(named if isinstance(named, str) else None) or programme.current

    def get(self, model: type[M]) -> M | None:
        """The validated data of the section bound to ``model``, if present and valid."""
        for section in self.sections:
            if isinstance(section.data, model):
                return section.data
        return None

    def file_of(self, data: object) -> str | None:
        """The file that holds ``data`` (a section's data or the title page)."""
        for section in self.sections:
            if section.data is data:
                return section.spec.file
        if data is not None and data is self.progetto:
            return self.manifest.project.file
        return None

    def whole(self, data: object, *path: str | int) -> bool:
        """Whether nothing at or inside ``path`` of ``data`` was left out as not valid.

        A rule that adds up or counts a list (costs, risks, phases…) asks this first: with
        an item left out, the total would be a consequence of what was left out.
        """
        file = self.file_of(data)
        left_out = self.left_out.get(file) if file is not None else None
        return left_out is None or not left_out.covers(tuple(path))

    @property
    def comuni_whole(self) -> bool:
        """Whether every row of the Comuni CSV was read with its ISTAT code and name."""
        return not self.left_out.get(self.comuni_file)

    def mentioned(self, ident: str) -> bool:
        """Whether a value left out as not valid may name ``ident``.

        It may if it mentions it, or if it refers to ids of its kind in a way that cannot be
        read (a whole list left out, an item without its ``id``).
        """
        kind = ident.rstrip("0123456789")
        return any(
            ident in left_out.mentions or kind in left_out.unknown_references
            for left_out in self.left_out.values()
        )
