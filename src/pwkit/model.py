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

    def get(self, model: type[M]) -> M | None:
        """The validated data of the section bound to ``model``, if present and valid."""
        for section in self.sections:
            if isinstance(section.data, model):
                return section.data
        return None
