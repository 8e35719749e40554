"""Markdown prose (markdown-it tokens) → Word paragraphs, runs, lists, quotes and tables.

The blocks are written as XML text, straight from markdown-it's flat token stream, and parsed
together (``xml_text``): a section's prose is one batch, or one per stretch between the
Markdown tables it holds (a table's caption names the heading before it). Headings are
registered for the table of contents and the anchors found once parsed.

Guidance comments never reach the document; anything without a Word equivalent (raw HTML,
images) is written as plain text rather than dropped. Placeholders ``[[DA COMPILARE: …]]``
are written as they are (a complete project has none: the check refuses to export it); in
a draft they are highlighted in yellow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pwkit.base.italian import number
from pwkit.load.markdown import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, TABLE_TOO_LARGE
from pwkit.load.outline import Outline, table_markers
from pwkit.render.docx.context import SPACED_STYLES
from pwkit.render.docx.ns import qn
from pwkit.render.docx.numbering import INDENT
from pwkit.render.docx.placement import last_block
from pwkit.render.docx.prose_runs import PLAIN, RunWriter, plain, strip_comments
from pwkit.render.docx.styles import TABLE_TEXT_STYLE
from pwkit.render.docx.tables import min_width, new_table_element
from pwkit.render.docx.xml_text import attribute, parse_blocks, run_content

if TYPE_CHECKING:
    from pwkit.load.markdown import MarkdownToken
    from pwkit.render.docx.context import RenderContext

_ALIGN_STYLE = re.compile(r"text-align:\s*(left|center|right)")
_W_TBL = qn("w:tbl")
#: The paragraph properties a thematic break adds: a thin line under it.
_BORDER = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="A6A6A6"/></w:pBdr>'


class _Where(NamedTuple):
    """Block context: inside how many quotes, and in which list at which level."""

    quote: int = 0
    level: int = -1
    num_id: int = 0
    ordered: bool = False


class ProseRenderer:
    """Writes the prose of sections into the document body."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self._runs = RunWriter(ctx)
        self._outline = Outline()
        self._anchors: dict[str, Any] = {}
        #: The batch: blocks written as XML and not parsed yet, one string each.
        self._blocks: list[str] = []
        #: Headings of the batch (index in it, level), registered once it is parsed.
        self._headings: list[tuple[int, int]] = []
        #: Empty paragraphs of the batch left at table markers (table name, index in it).
        self._markers: list[tuple[str, int]] = []
        #: The names of the section's table markers met so far (the first of each is kept).
        self._marked: set[str] = set()
        #: Whether the block before the next one is a table (that block gets space above).
        self._after_table = False

    def render(self, tokens: Sequence[MarkdownToken]) -> dict[str, Any]:
        """Append the blocks of a parsed Markdown body (one section: its headings start at 2).

        Returns the empty paragraphs left at the markers ``<!-- tabella: NAME -->``, by name:
        the section's generated tables go there (``placement``).
        """
        self._outline = Outline()
        self._anchors = {}
        self._marked = set()
        body = self.ctx.document.body
        previous = last_block(self.ctx) if len(body) else None
        self._after_table = previous is not None and previous.tag == _W_TBL
        self._walk(tokens, 0, len(tokens), _Where())
        self._flush()
        return self._anchors

    def _flush(self) -> None:
        """Parse the batch and put its blocks at the end of the body; register what needs it."""
        if not self._blocks:
            return
        blocks = parse_blocks("".join(self._blocks))
        self.ctx.append_blocks(blocks)
        for index, level in self._headings:
            self.ctx.register_heading_p(blocks[index], level)
        for name, index in self._markers:
            self._anchors.setdefault(name, blocks[index])
        self._blocks, self._headings, self._markers = [], [], []

    # -- blocks ------------------------------------------------------------------------

    def _walk(self, tokens: Sequence[MarkdownToken], start: int, end: int, where: _Where) -> None:
        """Write the blocks of ``tokens[start:end]`` (markdown-it's flat block stream)."""
        outer: list[_Where] = []
        i = start
        while i < end:
            token = tokens[i]
            kind = token.type
            if kind == "paragraph_open":
                self._paragraph(self._opening_for(where), tokens[i + 1])
                i += 3
                continue
            if kind == "heading_open":
                level = self._outline.level(int(token.tag[1:]))
                self._headings.append((len(self._blocks), level))
                self._paragraph(self._opening(f"Heading {level}"), tokens[i + 1])
                i += 3
                continue
            if kind == "list_item_open":
                outer.append(where)
                i = self._list_item(tokens, i, where)
            elif kind == "table_open":
                close = _closing(tokens, i)
                self._table(tokens[i : close + 1])
                i = close
            elif token.nesting == 1:
                outer.append(where)
                where = self._entered(token, where)
            elif token.nesting == -1:
                where = outer.pop() if outer else where
            else:
                self._leaf(token, where)
            i += 1

    def _entered(self, token: MarkdownToken, where: _Where) -> _Where:
        """The context inside the container ``token`` opens (a list, a quote, anything else)."""
        kind = token.type
        if kind == "blockquote_open":
            return where._replace(quote=where.quote + 1)
        if kind not in ("bullet_list_open", "ordered_list_open"):
            return where
        level = where.level + 1
        ordered = kind == "ordered_list_open"
        if ordered:
            start = token.attrs.get("start", 1)
            num_id = self.ctx.numbering.ordered_list(int(start), level)
        else:
            num_id = self.ctx.numbering.bullet_num
        return where._replace(level=level, num_id=num_id, ordered=ordered)

    def _leaf(self, token: MarkdownToken, where: _Where) -> None:
        kind = token.type
        if kind == TABLE_TOO_LARGE:
            self._table_too_large(token, where)
        elif kind in ("code_block", "fence"):
            self._code(token.content, where)
        elif kind == "html_block":
            for name in table_markers(token.content):
                if name not in self._marked:
                    self._marked.add(name)
                    self._markers.append((name, len(self._blocks)))
                    self._add(self._opening() + "</w:p>")
            text = strip_comments(token.content).strip()
            if text:
                self._add(f"{self._opening_for(where)}<w:r>{run_content(text)}</w:r></w:p>")
        elif kind == "hr":
            self._add(self._opening(border=True) + "</w:p>")
        elif token.content.strip():
            run = f"<w:r>{run_content(token.content.strip())}</w:r>"
            self._add(f"{self._opening_for(where)}{run}</w:p>")

    def _add(self, block: str, *, table: bool = False) -> None:
        self._blocks.append(block)
        self._after_table = table

    def _opening(
        self,
        style: str | None = None,
        *,
        numbering: tuple[int, int] | None = None,
        border: bool = False,
        indent: int = 0,
    ) -> str:
        """A new body paragraph up to its properties' end, as ``RenderContext.p`` makes it.

        ``numbering`` is a list's (``num_id``, level); ``indent`` a left indent in twips.
        """
        properties = ""
        if style:
            properties = f'<w:pStyle w:val="{attribute(self.ctx.style_id(style))}"/>'
        if numbering:
            num_id, level = numbering
            properties += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        if border:
            properties += _BORDER
        if self._after_table and style not in SPACED_STYLES:
            # Word has no "space after table": keep running text off the table's border.
            properties += '<w:spacing w:before="160"/>'
        if indent:
            properties += f'<w:ind w:left="{indent}"/>'
        return f"<w:p><w:pPr>{properties}</w:pPr>" if properties else "<w:p>"

    def _opening_for(self, where: _Where) -> str:
        """A paragraph's opening for running text here (list continuation, quote or plain)."""
        if where.level >= 0:
            return self._opening("List Continue", indent=INDENT * (where.level + 1))
        if where.quote:
            return self._opening("Quote", indent=567 * where.quote if where.quote > 1 else 0)
        return self._opening()

    def _paragraph(self, opening: str, inline: MarkdownToken) -> None:
        """A paragraph: ``opening``, the runs of the ``inline`` token, its end."""
        runs: list[str] = [opening]
        self._runs.runs(inline.children or (), runs)
        runs.append("</w:p>")
        self._add("".join(runs))

    def _list_item(self, tokens: Sequence[MarkdownToken], i: int, where: _Where) -> int:
        """Write the marker paragraph of the item opened at ``i``; the index of what follows.

        The item's first paragraph, if it starts with one, is the marker's text.
        """
        style = "List Number" if where.ordered else "List Bullet"
        opening = self._opening(style, numbering=(where.num_id, where.level))
        if i + 1 < len(tokens) and tokens[i + 1].type == "paragraph_open":
            self._paragraph(opening, tokens[i + 2])
            return i + 3  # the paragraph's close; the item's own close leaves ``where`` alone
        self._add(opening + "</w:p>")
        return i

    def _code(self, content: str, where: _Where) -> None:
        indent = INDENT * (where.level + 1) if where.level >= 0 else 0
        opening = self._opening("Source Code", indent=indent)
        text = run_content(content.rstrip("\n"), literal=True)
        self._add(f"{opening}<w:r>{text}</w:r></w:p>")

    def _table(self, tokens: Sequence[MarkdownToken]) -> None:
        """A Markdown table, captioned with the heading before it (the batch is parsed first)."""
        rows: list[
            list[tuple[MarkdownToken, MarkdownToken]]
        ] = []  # each cell: its opening and inline tokens
        for index, token in enumerate(tokens):
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append((token, tokens[index + 1]))
        if not rows:
            return
        columns = max(len(cells) for cells in rows)
        weights = [4.0] * columns
        texts: list[list[str]] = [[] for _ in range(columns)]
        for cells in rows:
            for index, (_, inline) in enumerate(cells):
                text = plain(inline.children or ())
                texts[index].append(text)
                weights[index] = max(weights[index], min(40.0, float(len(text))))
        self._flush()
        # A table of the prose is captioned, numbered and listed like the others, with the
        # title of the part of the section it is in.
        caption = self.ctx.toc[-1].text if self.ctx.toc else None
        style = f'<w:pStyle w:val="{attribute(self.ctx.style_id(TABLE_TEXT_STYLE))}"/>'
        contents = []
        for cells in rows:
            row = []
            for opening, inline in cells:
                match = _ALIGN_STYLE.search(str(opening.attrs.get("style", "")))
                align = f'<w:jc w:val="{match.group(1)}"/>' if match else ""
                runs = [f"<w:p><w:pPr>{style}{align}</w:pPr>"]
                self._runs.runs(inline.children or (), runs)
                runs.append("</w:p>")
                row.append("".join(runs))
            contents.append(row)
        header = tokens[1].type == "thead_open"
        minimums = [min_width(t) for t in texts]
        new_table_element(
            self.ctx, contents, weights, caption=caption, header=header, minimums=minimums
        )
        self._after_table = True

    def _table_too_large(self, token: MarkdownToken, where: _Where) -> None:
        """A table Word cannot hold (PW014, so drafts only): a notice, then its Markdown."""
        columns, rows = token.meta["columns"], token.meta["rows"]
        size = (
            f"{number(columns)} colonne; Word ne gestisce al massimo {MAX_TABLE_COLUMNS}"
            if columns > MAX_TABLE_COLUMNS
            else f"{number(columns * rows)} celle; il massimo è {number(MAX_TABLE_CELLS)}"
        )
        notice = f"[Tabella troppo grande per Word ({size}): qui sotto il testo com'è scritto.]"
        run = self._runs.opening(PLAIN, self.ctx.draft is not None)
        self._add(f"{self._opening_for(where)}{run}{run_content(notice)}</w:r></w:p>")
        self._code(token.content, where)


def _closing(tokens: Sequence[MarkdownToken], start: int) -> int:
    """The index of the token closing the one opened at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1
