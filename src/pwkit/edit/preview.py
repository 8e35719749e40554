"""A section's prose as HTML, the way the Word document shows it, safe to put in a page.

The same parser as the check and the export (``pwkit.load.markdown``: CommonMark, tables,
Italian quotes «»); as in the document, guidance comments are left out, raw HTML is shown as
the text it is (never as markup), an image as its description, and ``<br>`` breaks a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pwkit.load.markdown import TABLE_TOO_LARGE, parser

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


def preview_html(prose: str) -> str:
    """The HTML of ``prose`` (a section's body) as the document will show it."""
    from markdown_it.common.utils import escapeHtml
    from markdown_it.renderer import RendererHTML

    class Renderer(RendererHTML):
        def html_block(
            self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
        ) -> str:
            text = _COMMENT.sub("", tokens[idx].content).strip()
            return f"<p>{escapeHtml(text)}</p>\n" if text else ""

        def html_inline(
            self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
        ) -> str:
            content = tokens[idx].content
            if _BREAK_TAG.match(content.strip()):
                return "<br>"
            return escapeHtml(_COMMENT.sub("", content))

        def image(
            self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
        ) -> str:
            token = tokens[idx]
            alt = self.renderInlineAsText(token.children or [], options, env).strip()
            src = str(token.attrs.get("src", ""))
            return escapeHtml(f"[Immagine: {alt} ({src})]" if alt else f"[{src}]")

    def too_large(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f"<pre>{escapeHtml(tokens[idx].content)}</pre>\n"

    md = parser()
    renderer = Renderer(md)
    renderer.rules[TABLE_TOO_LARGE] = too_large  # type: ignore[assignment]
    return renderer.render(md.parse(prose), md.options, {})
