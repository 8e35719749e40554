"""The runs of a paragraph, heading or table cell written as XML text from markdown-it's tokens.

Bold, italic, strikethrough, code and links become run properties and ``w:hyperlink``;
raw HTML and images are written as plain text (a ``<br>`` as a line break), comments dropped.
In a draft, placeholders ``[[DA COMPILARE: …]]`` get runs of their own, highlighted in yellow,
also when one spans several runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from pwkit.render.docx.oxml import xml_safe
from pwkit.render.docx.placeholders import split_placeholders
from pwkit.render.docx.xml_text import attribute, run, run_content

if TYPE_CHECKING:
    from pwkit.load.markdown import MarkdownToken
    from pwkit.render.docx.context import RenderContext

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


def strip_comments(html: str) -> str:
    """Raw HTML without its comments (an unterminated comment runs to the end)."""
    return _COMMENT.sub("", html)


class Format(NamedTuple):
    """Character formatting of the runs being written."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: bool = False  # inside a w:hyperlink


#: No formatting.
PLAIN = Format()


class RunWriter:
    """Writes runs as XML text for one document (run openings are cached by format)."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        #: Inside a placeholder that an earlier run of the same block opened (drafts).
        self._in_placeholder = False
        self._openings: dict[tuple[Format, bool], str] = {}

    def runs(self, tokens: Sequence[MarkdownToken], out: list[str]) -> None:
        """Append to ``out`` the runs of a block's inline token's children (a flat stream)."""
        self._in_placeholder = False
        fmt = PLAIN
        outer: list[tuple[Format, bool]] = []  # at each opening: the format, a link opened
        for token in tokens:
            kind = token.type
            if kind == "text":
                self._run(out, token.content, fmt)
            elif kind == "softbreak":
                self._run(out, " ", fmt)
            elif kind == "hardbreak":
                out.append(f"{self.opening(fmt, False)}<w:br/></w:r>")
            elif kind == "code_inline":
                self._run(out, token.content, fmt._replace(code=True))
            elif kind == "image":
                alt = plain(token.children or ()).strip()
                src = str(token.attrs.get("src", ""))
                self._run(out, f"[Immagine: {alt} ({src})]" if alt else f"[{src}]", fmt)
            elif kind == "html_inline":
                self._html_inline(out, token.content, fmt)
            elif token.nesting == 1:
                linked = kind == "link_open" and self._link(out, token, fmt)
                outer.append((fmt, linked))
                fmt = _opened(kind, fmt, linked=linked)
            elif token.nesting == -1:
                if outer:
                    fmt, linked = outer.pop()
                    if linked:
                        out.append("</w:hyperlink>")
            else:
                self._run(out, token.content, fmt)

    def _html_inline(self, out: list[str], html: str, fmt: Format) -> None:
        if _BREAK_TAG.match(html.strip()):
            out.append(f"{self.opening(fmt, False)}<w:br/></w:r>")
            return
        text = strip_comments(html)
        if text:
            self._run(out, text, fmt)

    def _link(self, out: list[str], token: MarkdownToken, fmt: Format) -> bool:
        """Open a ``w:hyperlink`` to a web address (not inside another, not to an anchor)."""
        href = xml_safe(str(token.attrs.get("href", ""))).strip()
        if fmt.link or not href or href.startswith("#"):
            return False
        rid = self.ctx.document.relate_hyperlink(href)
        out.append(f'<w:hyperlink r:id="{attribute(rid)}" w:history="1">')
        return True

    def _run(self, out: list[str], text: str, fmt: Format) -> None:
        """A ``w:r`` of ``text``; in a draft, placeholders get runs of their own, highlighted."""
        if self.ctx.draft is None or not text:
            out.append(run(self.opening(fmt, False), run_content(text, literal=fmt.code)))
            return
        pieces, self._in_placeholder = split_placeholders(text, self._in_placeholder)
        for piece, inside in pieces:
            out.append(run(self.opening(fmt, inside), run_content(piece, literal=fmt.code)))

    def opening(self, fmt: Format, highlight: bool) -> str:
        """A run up to its properties' end, in their schema order (cached by format)."""
        found = self._openings.get((fmt, highlight))
        if found is not None:
            return found
        properties = ""
        if fmt.code:
            properties = f'<w:rStyle w:val="{attribute(self.ctx.style_id("Verbatim Char"))}"/>'
        elif fmt.link:
            properties = f'<w:rStyle w:val="{attribute(self.ctx.style_id("Hyperlink"))}"/>'
        properties += "<w:b/>" if fmt.bold else ""
        properties += "<w:i/>" if fmt.italic else ""
        properties += "<w:strike/>" if fmt.strike else ""
        properties += '<w:highlight w:val="yellow"/>' if highlight else ""
        found = f"<w:r><w:rPr>{properties}</w:rPr>" if properties else "<w:r>"
        self._openings[fmt, highlight] = found
        return found


def _opened(kind: str, fmt: Format, *, linked: bool) -> Format:
    """The format inside an inline opening token (emphasis, strike, a link)."""
    if kind == "strong_open":
        return fmt._replace(bold=True)
    if kind == "em_open":
        return fmt._replace(italic=True)
    if kind == "s_open":
        return fmt._replace(strike=True)
    return fmt._replace(link=True) if linked else fmt


def plain(tokens: Sequence[MarkdownToken]) -> str:
    """The text of inline tokens (an image's: its alternative text), without markup."""
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.children:
            parts.append(plain(token.children))
    return "".join(parts)
