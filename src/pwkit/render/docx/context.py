"""State shared while one document is built: the document, counters, lookups, TOC entries."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.ns import qn
from pwkit.render.docx.numbering import HEADING_LEVELS
from pwkit.render.docx.oxml import (
    OxmlElement,
    bookmark_p,
    numbering_properties,
    paragraph_properties,
    paragraph_text,
    run_element,
    sub,
)

if TYPE_CHECKING:
    from pwkit.base.diagnostics import CheckReport
    from pwkit.base.fsutil import ResolvedFiles
    from pwkit.model.project import Project
    from pwkit.render.docx.frozen import FrozenBody
    from pwkit.render.docx.numbering import Numbering
    from pwkit.render.docx.word import WordDocument

#: Heading levels listed in the table of contents.
TOC_LEVELS = 2
#: Styles with their own space above, which need no extra space after a table.
_SECT_PR, _W_TBL, _W_PPR, _W_PSTYLE = qn("w:sectPr"), qn("w:tbl"), qn("w:pPr"), qn("w:pStyle")
_W_SPACING, _W_VAL, _W_BEFORE = qn("w:spacing"), qn("w:val"), qn("w:before")
_W_STYLE, _W_NAME, _W_STYLE_ID = qn("w:style"), qn("w:name"), qn("w:styleId")
SPACED_STYLES = {"Caption", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "TOC Heading"}
#: The styles whose internal name (``w:name``) is not the one Word shows: python-docx's
#: ``BabelFish`` table, which its look-up by name used.
INTERNAL_STYLE_NAMES = {
    "Caption": "caption",
    "Footer": "footer",
    "Header": "header",
    **{f"Heading {level}": f"heading {level}" for level in range(1, 10)},
}


class TocEntry(NamedTuple):
    """A heading the table of contents lists, with its number and the bookmark it links to."""

    level: int
    text: str
    bookmark: str
    number: str = ""


class MissingStyleError(KeyError):
    """A style the renderer needs is not in the document (e.g. a reference .docx lacks it)."""


def styles_by_name(document: WordDocument) -> dict[str, Any]:
    """The document's ``w:style`` elements by their (internal) name, the first of each name.

    What python-docx's ``get_by_name`` finds, for every name in one pass over the styles
    instead of one XPath query per name.
    """
    found: dict[str, Any] = {}
    for style in document.styles.iterchildren(_W_STYLE):
        name = style.find(_W_NAME)
        if name is not None:
            found.setdefault(name.get(_W_VAL), style)
    return found


class RenderContext:
    """Everything the section renderers share; one per document.

    ``draft``: the check's findings when exporting a draft (``--bozza``), else ``None``.
    ``files``: the files ``progetto.yaml`` names (logos), as the check resolved them.
    ``frozen``: where finished blocks go as XML bytes (``frozen.py``); ``None``: the tree
    stays whole. ``numbered_tables``: table captions numbered so far, in document order
    (``placement.renumber_tables``).
    """

    def __init__(
        self,
        document: WordDocument,
        project: Project,
        numbering: Numbering,
        lookup: Lookup,
        draft: CheckReport | None = None,
        files: ResolvedFiles | None = None,
        frozen: FrozenBody | None = None,
    ) -> None:
        self.document = document
        self.project = project
        self.numbering = numbering
        self.lookup = lookup
        self.draft = draft
        self.files: ResolvedFiles = {} if files is None else files
        self.toc: list[TocEntry] = []
        self.frozen = frozen
        self.numbered_tables = 0
        self._tables = 0
        self._bookmarks = 0
        self._heading_counters = [0] * HEADING_LEVELS
        self._style_ids: dict[str, str] = {}
        self._styles: dict[str, Any] = {}

    def style(self, name: str) -> Any:
        """The ``w:style`` element named ``name`` (never found by styleId, which Word localises).

        python-docx would fall back to the styleId, with a warning: a style missing by name is
        a :class:`MissingStyleError`. Styles added or removed meanwhile are seen.
        """
        internal = INTERNAL_STYLE_NAMES.get(name, name)
        found = self._styles.get(internal)
        if found is None or found.getparent() is None:
            self._styles = styles_by_name(self.document)
            found = self._styles.get(internal)
        if found is None:
            raise MissingStyleError(name)
        return found

    def style_id(self, name: str) -> str:
        """The styleId of the style named ``name`` (cached; what the XML refers to)."""
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = str(self.style(name).get(_W_STYLE_ID))
        return found

    def label(self, value: Enum | str, vocabulary: str | None = None) -> str:
        """Italian label of an enum value, from the manifest (vocabulary = the enum's name)."""
        if isinstance(value, Enum):
            return self.project.manifest.label(vocabulary or type(value).__name__, value.value)
        return self.project.manifest.label(vocabulary or "", value)

    def next_table(self) -> int:
        """The number of the next table caption (matches the SEQ field Word recomputes)."""
        self._tables += 1
        return self._tables

    def _append(self, element: Any) -> None:
        """Put a block at the end of the body, before its closing ``w:sectPr``.

        python-docx finds that ``w:sectPr`` by scanning every block of the body, for every
        new paragraph or table: quadratic time in long documents.
        """
        body = self.document.body
        try:
            last = body[-1]
        except IndexError:
            body.append(element)
            return
        if last.tag == _SECT_PR:
            last.addprevious(element)
        else:
            body.append(element)

    def append_blocks(self, blocks: list[Any]) -> None:
        """Put blocks at the end of the body, in their order (:meth:`_append`, found once)."""
        body = self.document.body
        last = body[-1] if len(body) else None
        if last is not None and last.tag == _SECT_PR:
            for block in blocks:
                last.addprevious(block)
        else:
            body.extend(blocks)

    def p(self, text: str = "", style: str | None = None) -> Any:
        """A new body ``w:p`` with sanitised text and a style looked up by name."""
        p = OxmlElement("w:p")
        self._append(p)
        ppr = None
        if style:
            ppr = sub(p, _W_PPR)
            sub(ppr, _W_PSTYLE, {_W_VAL: self.style_id(style)})
        if style not in SPACED_STYLES:
            previous = p.getprevious()
            if previous is not None and previous.tag == _W_TBL:
                # Word has no "space after table": keep running text off the table's border.
                if ppr is None:
                    ppr = sub(p, _W_PPR)
                sub(ppr, _W_SPACING, {_W_BEFORE: "160"})  # 8 pt
        if text:
            run_element(p, text)
        return p

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        """A new body ``w:p`` (:meth:`p`)."""
        return self.p(text, style)

    def heading(self, text: str, level: int, *, numbered: bool = True) -> Any:
        """A "Heading N" ``w:p``; levels up to ``TOC_LEVELS`` get a bookmark and a TOC entry."""
        p = self.p(text, f"Heading {level}")
        self.register_heading_p(p, level, numbered=numbered)
        return p

    def _next_number(self, level: int) -> str:
        """The number Word's heading list gives this heading (1, 1.2, 1.2.3)."""
        counters = self._heading_counters
        counters[level - 1] += 1
        for deeper in range(level, HEADING_LEVELS):
            counters[deeper] = 0
        return ".".join(str(n) for n in counters[:level])

    def register_heading_p(self, p: Any, level: int, *, numbered: bool = True) -> None:
        """Number, bookmark and list in the TOC a finished heading ``w:p``.

        The number itself comes from the heading style's list; it is computed here only to
        pre-fill the TOC. ``numbered=False`` switches the style's numbering off (Allegati).
        """
        number = ""
        if not numbered:
            set_child(
                paragraph_properties(p), numbering_properties(self.numbering.unnumbered_num, 0)
            )
        elif level <= HEADING_LEVELS:
            number = self._next_number(level)
        if level <= TOC_LEVELS:
            self._bookmarks += 1
            name = f"_Toc{self._bookmarks:08d}"
            bookmark_p(p, self._bookmarks, name)
            self.toc.append(TocEntry(level, paragraph_text(p), name, number))
