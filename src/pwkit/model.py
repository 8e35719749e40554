"""The validated project handed to rules and renderers: never files, always this."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from markdown_it.token import Token

    from pwkit.manifest import SectionSpec, TemplateManifest
    from pwkit.parts import LeftOut
    from pwkit.schemas import Comune, Progetto

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Body:
    """The Markdown prose of a section; its tokens are parsed on first use and kept.

    ``first_line`` is the 1-based line of the file where the body starts; a token's
    ``map[0]`` + ``first_line`` is its line in the file.
    """

    text: str
    first_line: int

    @cached_property
    def tokens(self) -> Sequence[Token]:
        """markdown-it's tokens of the prose (the rules and the export share them)."""
        from pwkit.markdown import parser

        return tuple(parser().parse(self.text))

    @cached_property
    def words(self) -> int:
        """Words of the prose as the rules count them (kept when the tokens are released)."""
        from pwkit.rules.prose import count_words

        return count_words(self.tokens)

    def release(self) -> None:
        """Forget the tokens (they are parsed again if asked for).

        An export releases each section once it is written, so that a long document never
        holds the tokens of every section and the Word tree at the same time.
        """
        self.__dict__.pop("tokens", None)


@dataclass(frozen=True)
class Section:
    """One section: its template spec, its validated data (``None`` if broken), its prose."""

    spec: SectionSpec
    data: BaseModel | None
    body: Body | None


@dataclass(frozen=True)
class Project:
    """A loaded and validated project work."""

    root: Path
    manifest: TemplateManifest
    progetto: Progetto | None
    sections: tuple[Section, ...]
    comuni: tuple[Comune, ...]
    comuni_lines: tuple[int, ...] = ()
    """1-based line of each row of ``comuni`` in the CSV file, in the same order."""
    comuni_file: str = "dati/comuni.csv"
    """The CSV file the Comuni were read from, relative to the project root."""
    progetto_raw: Mapping[str, Any] | None = field(default=None, compare=False)
    """``progetto.yaml`` as read, before validation: names a draft whose title page is broken."""
    left_out: Mapping[str, LeftOut] = field(default_factory=dict)
    """What of each file's data is not valid and left out of it (``pwkit.parts``), by file.

    Only the project the rules read (``CheckResult.parts``) has partial data: a file named
    here holds the valid parts of its data, and fields that were left out are absent.
    """

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
