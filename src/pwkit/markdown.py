"""The one Markdown parser of pwkit: CommonMark + GFM tables, Italian typography.

A table too large for a Word document (``MAX_TABLE_COLUMNS``, ``MAX_TABLE_CELLS``) is parsed
as one ``table_too_large`` token holding its source lines, instead of three tokens per cell:
the check reports it (PW014) and a draft shows its text, and neither spends time or memory in
proportion to its cells. The limits:

- ``MAX_TABLE_COLUMNS`` = 63, Word's own limit: a wider table cannot be edited in Word.
- ``MAX_TABLE_CELLS`` = 20,000 (e.g. 2,000 rows of 10 columns, some 50 pages): far beyond
  any table of a Project Work, whose data tables pwkit builds itself. Each cell costs about
  0.1 ms and a few KB of memory to parse and write: the limit keeps a section within seconds.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

MAX_TABLE_COLUMNS = 63
MAX_TABLE_CELLS = 20_000
#: The token of a table over the limits; ``meta`` has its ``columns`` and ``rows``.
TABLE_TOO_LARGE = "table_too_large"


@cache
def parser() -> MarkdownIt:
    """CommonMark with tables and strikethrough; typographer with Italian quotes «» ‘’."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"typographer": True, "quotes": "«»‘’"})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.block.ruler.before("table", TABLE_TOO_LARGE, _table_too_large)
    return md


def _table_too_large(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Take a table over the limits whole, as one token; leave every other table alone.

    Whether a table starts here is markdown-it's own decision (its table rule, silently);
    its rows end where markdown-it ends them.
    """
    from markdown_it.rules_block.table import getLine, table

    if silent or not table(state, start, end, True):
        return False
    columns = sum(1 for piece in getLine(state, start + 1).split("|") if piece.strip())
    stop = _table_end(state, start + 2, end)
    rows = stop - start - 1  # the header and the body, not the delimiter row
    if columns <= MAX_TABLE_COLUMNS and columns * rows <= MAX_TABLE_CELLS:
        return False
    token = state.push(TABLE_TOO_LARGE, "table", 0)
    token.map = [start, stop]
    token.meta = {"columns": columns, "rows": rows}
    token.content = state.getLines(start, stop, state.blkIndent, False)
    state.line = stop
    return True


def _table_end(state: StateBlock, line: int, end: int) -> int:
    """The line after a table's last row (as markdown-it's table rule ends the rows)."""
    from markdown_it.rules_block.table import getLine

    terminators = state.md.block.ruler.getRules("blockquote")
    while line < end:
        if state.sCount[line] < state.blkIndent or state.is_code_block(line):
            break
        if any(rule(state, line, end, True) for rule in terminators):
            break
        if not getLine(state, line).strip():
            break
        line += 1
    return line
