"""State shared while one document is built: the document, counters, lookups, TOC entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.oxml import add_bookmark, add_run

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from pwkit.model import Project
    from pwkit.render.docx.numbering import Numbering

#: Heading levels listed in the table of contents.
TOC_LEVELS = 2


@dataclass(frozen=True)
class TocEntry:
    """A heading the table of contents lists, with the bookmark it links to."""

    level: int
    text: str
    bookmark: str


class MissingStyleError(KeyError):
    """A style the renderer needs is not in the document (e.g. a reference .docx lacks it)."""


def style_by_name(document: Document, name: str) -> Any:
    """A style by its name only: python-docx would fall back to the styleId, with a warning."""
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    found = document.styles.element.get_by_name(BabelFish.ui2internal(name))
    if found is None:
        raise MissingStyleError(name)
    return StyleFactory(found)


@dataclass
class RenderContext:
    """Everything the section renderers share; one per document."""

    document: Document
    project: Project
    numbering: Numbering
    lookup: Lookup
    toc: list[TocEntry] = field(default_factory=list)
    _tables: int = 0
    _bookmarks: int = 0

    def style(self, name: str) -> Any:
        """A style looked up by its name (never by styleId, which Word localises)."""
        return style_by_name(self.document, name)

    def label(self, value: Enum | str, vocabulary: str | None = None) -> str:
        """Italian label of an enum value, from the manifest (vocabulary = the enum's name)."""
        if isinstance(value, Enum):
            return self.project.manifest.label(vocabulary or type(value).__name__, value.value)
        return self.project.manifest.label(vocabulary or "", value)

    def next_table(self) -> int:
        """The number of the next table caption (matches the SEQ field Word recomputes)."""
        self._tables += 1
        return self._tables

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """A new body paragraph with sanitised text and a style looked up by name."""
        paragraph = self.document.add_paragraph(style=self.style(style) if style else None)
        if text:
            add_run(paragraph, text)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        """A "Heading N" paragraph; levels up to ``TOC_LEVELS`` get a bookmark and a TOC entry."""
        paragraph = self.paragraph(text, f"Heading {level}")
        self.register_heading(paragraph, level)
        return paragraph

    def register_heading(self, paragraph: Paragraph, level: int) -> None:
        """Bookmark a finished heading paragraph and list it in the TOC if its level is shown."""
        if level <= TOC_LEVELS:
            self._bookmarks += 1
            name = f"_Toc{self._bookmarks:08d}"
            add_bookmark(paragraph, self._bookmarks, name)
            self.toc.append(TocEntry(level, paragraph.text, name))
