"""The one Markdown parser of pwkit: CommonMark + GFM tables, Italian typography."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def parser() -> MarkdownIt:
    """CommonMark with tables and strikethrough; typographer with Italian quotes «» ‘’."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"typographer": True, "quotes": "«»‘’"})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    return md
