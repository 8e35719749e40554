"""Markdown prose (markdown-it tokens) → Word paragraphs, runs, lists, quotes and tables.

Guidance comments never reach the document; anything without a Word equivalent (raw HTML,
images) is written as plain text rather than dropped. Placeholders ``[[DA COMPILARE: …]]``
are written as they are (a complete project has none: the check refuses to export it); in
a draft they are highlighted in yellow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn
from markdown_it.tree import SyntaxTreeNode

from pwkit.base.italian import number
from pwkit.load.markdown import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, TABLE_TOO_LARGE
from pwkit.load.outline import Outline, table_markers
from pwkit.render.docx.child_order import set_child
from pwkit.render.docx.numbering import INDENT
from pwkit.render.docx.oxml import (
    hyperlink_element,
    numbering_properties,
    paragraph_properties,
    run_element,
    set_bottom_border,
    sub,
    xml_safe,
)
from pwkit.render.docx.placeholders import split_placeholders
from pwkit.render.docx.styles import TABLE_TEXT_STYLE
from pwkit.render.docx.tables import min_width, new_table_element

if TYPE_CHECKING:
    from markdown_it.token import Token

    from pwkit.render.docx.context import RenderContext

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_ALIGN_STYLE = re.compile(r"text-align:\s*(left|center|right)")
_W_P, _W_TR, _W_TC, _W_PPR = qn("w:p"), qn("w:tr"), qn("w:tc"), qn("w:pPr")
_W_PSTYLE, _W_JC, _W_IND, _W_BR = qn("w:pStyle"), qn("w:jc"), qn("w:ind"), qn("w:br")
_W_VAL, _W_LEFT = qn("w:val"), qn("w:left")


def strip_comments(html: str) -> str:
    """Raw HTML without its comments (an unterminated comment runs to the end)."""
    return _COMMENT.sub("", html)


@dataclass(frozen=True)
class _Format:
    """Character formatting accumulated while descending into inline nodes."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: Any = None  # the w:hyperlink element runs go into


@dataclass(frozen=True)
class _Where:
    """Block context: inside how many quotes, and in which list at which level."""

    quote: int = 0
    level: int = -1
    num_id: int = 0
    ordered: bool = False


class ProseRenderer:
    """Writes the prose of sections into the document body."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        #: Inside a placeholder that an earlier run of the same paragraph opened (drafts).
        self._in_placeholder = False
        self._outline = Outline()
        self._anchors: dict[str, Any] = {}

    def render(self, tokens: Sequence[Token]) -> dict[str, Any]:
        """Append the blocks of a parsed Markdown body (one section: its headings start at 2).

        Returns the empty paragraphs left at the markers ``<!-- tabella: NAME -->``, by name:
        the section's generated tables go there (``placement``).
        """
        self._outline = Outline()
        self._anchors = {}
        if tokens:
            self._blocks(SyntaxTreeNode(list(tokens)).children, _Where())
        return self._anchors

    # -- blocks ------------------------------------------------------------------------

    def _blocks(self, nodes: Sequence[SyntaxTreeNode], where: _Where) -> None:
        for node in nodes:
            self._block(node, where)

    def _block(self, node: SyntaxTreeNode, where: _Where) -> None:
        kind = node.type
        if kind == "paragraph":
            self._inline_into(self._paragraph(where), node)
        elif kind == "heading":
            level = self._outline.level(int(node.tag[1:]))
            p = self.ctx.p(style=f"Heading {level}")
            self._inline_into(p, node)
            self.ctx.register_heading_p(p, level)
        elif kind in ("bullet_list", "ordered_list"):
            self._list(node, where)
        elif kind == "blockquote":
            self._blocks(node.children, replace(where, quote=where.quote + 1))
        elif kind == "table":
            self._table(node)
        elif kind == TABLE_TOO_LARGE:
            self._table_too_large(node, where)
        elif kind in ("code_block", "fence"):
            self._code(node.content, where)
        elif kind == "html_block":
            for name in table_markers(node.content):
                if name not in self._anchors:
                    self._anchors[name] = self.ctx.p()
            text = strip_comments(node.content).strip()
            if text:
                run_element(self._paragraph(where), text)
        elif kind == "hr":
            set_bottom_border(self.ctx.p())
        elif node.children:
            self._blocks(node.children, where)
        elif node.content.strip():
            run_element(self._paragraph(where), node.content.strip())

    def _paragraph(self, where: _Where) -> Any:
        """A ``w:p`` for running text in this context (list continuation, quote or plain)."""
        if where.level >= 0:
            p = self.ctx.p(style="List Continue")
            _left_indent(p, INDENT * (where.level + 1))
            return p
        if where.quote:
            p = self.ctx.p(style="Quote")
            if where.quote > 1:
                _left_indent(p, 567 * where.quote)
            return p
        return self.ctx.p()

    def _list(self, node: SyntaxTreeNode, where: _Where) -> None:
        level = where.level + 1
        ordered = node.type == "ordered_list"
        if ordered:
            start = node.attrs.get("start", 1)
            num_id = self.ctx.numbering.ordered_list(int(start), level)
        else:
            num_id = self.ctx.numbering.bullet_num
        inner = replace(where, level=level, num_id=num_id, ordered=ordered)
        for item in node.children:
            self._list_item(item, inner)

    def _list_item(self, item: SyntaxTreeNode, where: _Where) -> None:
        children = list(item.children)
        style = "List Number" if where.ordered else "List Bullet"
        marker = self.ctx.p(style=style)
        set_child(paragraph_properties(marker), numbering_properties(where.num_id, where.level))
        if children and children[0].type == "paragraph":
            self._inline_into(marker, children.pop(0))
        self._blocks(children, where)

    def _code(self, content: str, where: _Where) -> None:
        p = self.ctx.p(style="Source Code")
        if where.level >= 0:
            _left_indent(p, INDENT * (where.level + 1))
        run_element(p, content.rstrip("\n"), literal=True)

    def _table(self, node: SyntaxTreeNode) -> None:
        rows = [tr for section in node.children for tr in section.children]
        if not rows:
            return
        columns = max(len(tr.children) for tr in rows)
        header = node.children[0].type == "thead"
        weights = [4.0] * columns
        texts: list[list[str]] = [[] for _ in range(columns)]
        for tr in rows:
            for index, cell in enumerate(tr.children):
                text = _plain(cell)
                texts[index].append(text)
                weights[index] = max(weights[index], min(40.0, float(len(text))))
        minimums = [min_width(t) for t in texts]
        # A table of the prose is captioned, numbered and listed like the others, with the
        # title of the part of the section it is in.
        caption = self.ctx.toc[-1].text if self.ctx.toc else None
        tbl = new_table_element(
            self.ctx, len(rows), weights, caption=caption, header=header, minimums=minimums
        )
        style = self.ctx.style_id(TABLE_TEXT_STYLE)
        for tr, row in zip(rows, tbl.iterchildren(_W_TR), strict=True):
            cells = list(row.iterchildren(_W_TC))
            for index, cell_node in enumerate(tr.children):
                p = cells[index].find(_W_P)
                ppr = sub(p, _W_PPR)
                sub(ppr, _W_PSTYLE, {_W_VAL: style})
                match = _ALIGN_STYLE.search(str(cell_node.attrs.get("style", "")))
                if match:
                    sub(ppr, _W_JC, {_W_VAL: match.group(1)})
                self._inline_into(p, cell_node)

    def _table_too_large(self, node: SyntaxTreeNode, where: _Where) -> None:
        """A table Word cannot hold (PW014, so drafts only): a notice, then its Markdown."""
        columns, rows = node.meta["columns"], node.meta["rows"]
        size = (
            f"{number(columns)} colonne; Word ne gestisce al massimo {MAX_TABLE_COLUMNS}"
            if columns > MAX_TABLE_COLUMNS
            else f"{number(columns * rows)} celle; il massimo è {number(MAX_TABLE_CELLS)}"
        )
        run_element(
            self._paragraph(where),
            f"[Tabella troppo grande per Word ({size}): qui sotto il testo com'è scritto.]",
            highlight=self.ctx.draft is not None,
        )
        self._code(node.content, where)

    # -- inline ------------------------------------------------------------------------

    def _inline_into(self, p: Any, block: SyntaxTreeNode) -> None:
        """Render the inline content of a paragraph, heading or table cell node into ``p``."""
        self._in_placeholder = False
        for child in block.children:
            if child.type == "inline":
                self._inline(p, child.children, _Format())

    def _inline(self, p: Any, nodes: Sequence[SyntaxTreeNode], fmt: _Format) -> None:
        for node in nodes:
            kind = node.type
            if kind == "text":
                self._run(p, node.content, fmt)
            elif kind == "softbreak":
                self._run(p, " ", fmt)
            elif kind == "hardbreak":
                sub(self._run(p, "", fmt), _W_BR)
            elif kind == "strong":
                self._inline(p, node.children, replace(fmt, bold=True))
            elif kind == "em":
                self._inline(p, node.children, replace(fmt, italic=True))
            elif kind == "s":
                self._inline(p, node.children, replace(fmt, strike=True))
            elif kind == "code_inline":
                self._run(p, node.content, replace(fmt, code=True))
            elif kind == "link":
                self._link(p, node, fmt)
            elif kind == "image":
                alt = _plain(node).strip()
                src = str(node.attrs.get("src", ""))
                self._run(p, f"[Immagine: {alt} ({src})]" if alt else f"[{src}]", fmt)
            elif kind == "html_inline":
                self._html_inline(p, node.content, fmt)
            elif node.children:
                self._inline(p, node.children, fmt)
            else:
                self._run(p, node.content, fmt)

    def _html_inline(self, p: Any, html: str, fmt: _Format) -> None:
        if _BREAK_TAG.match(html.strip()):
            sub(self._run(p, "", fmt), _W_BR)
            return
        text = strip_comments(html)
        if text:
            self._run(p, text, fmt)

    def _link(self, p: Any, node: SyntaxTreeNode, fmt: _Format) -> None:
        href = xml_safe(str(node.attrs.get("href", ""))).strip()
        if fmt.link is not None or not href or href.startswith("#"):
            self._inline(p, node.children, fmt)
            return
        hyperlink = hyperlink_element(p, self.ctx.document.part, href)
        self._inline(p, node.children, replace(fmt, link=hyperlink))

    def _run(self, p: Any, text: str, fmt: _Format) -> Any:
        """A ``w:r`` of ``text``; in a draft, placeholders get runs of their own, highlighted."""
        if self.ctx.draft is None or not text:
            return self._format_run(p, text, fmt)
        pieces, self._in_placeholder = split_placeholders(text, self._in_placeholder)
        runs = [self._format_run(p, piece, fmt, highlight=inside) for piece, inside in pieces]
        return runs[-1]

    def _format_run(self, p: Any, text: str, fmt: _Format, *, highlight: bool = False) -> Any:
        style = None
        if fmt.code:
            style = self.ctx.style_id("Verbatim Char")
        elif fmt.link is not None:
            style = self.ctx.style_id("Hyperlink")
        return run_element(
            p if fmt.link is None else fmt.link,
            text,
            style,
            literal=fmt.code,
            bold=fmt.bold,
            italic=fmt.italic,
            strike=fmt.strike,
            highlight=highlight,
        )


def _left_indent(p: Any, twips: int) -> None:
    """Indent a new paragraph (its ``w:pPr`` holds a style and at most a spacing)."""
    sub(p.find(_W_PPR), _W_IND, {_W_LEFT: str(twips)})


def _plain(node: SyntaxTreeNode) -> str:
    """The text of a node and its descendants, without markup."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(child) for child in node.children)
