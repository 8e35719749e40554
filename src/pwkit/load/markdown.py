"""The one Markdown parser of pwkit (CommonMark + GFM tables, Italian typography), word counts.

A section's prose is a :class:`Body`: its tokens are parsed once, on first use, and shared by
the rules and the export; its words are counted as the spec defines them (``count_words``).

A checked section's tokens can be kept as plain JSON (``keep_tokens``) and read back as
:class:`KeptToken` (``Body(text, line, kept)``): the check cache keeps them, so that exporting an
unchanged project neither loads nor runs the parser. Code that reads tokens takes
:class:`MarkdownToken`, which both kinds are.

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

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

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


_NOTHING: Mapping[Any, Any] = MappingProxyType({})


class KeptToken(NamedTuple):
    """A token read back from what ``keep_tokens`` wrote: markdown-it's fields, read-only."""

    type: str
    tag: str
    nesting: int
    attrs: Mapping[str, str | int | float]
    map: Sequence[int] | None
    level: int
    children: Sequence[KeptToken] | None
    content: str
    markup: str
    info: str
    meta: Mapping[Any, Any]
    block: bool
    hidden: bool


if TYPE_CHECKING:
    #: What code that reads tokens takes: the parser's, or those read back from the cache.
    MarkdownToken = Token | KeptToken

_SCALARS = (str, int, float, bool, type(None))


def keep_tokens(tokens: Sequence[MarkdownToken]) -> list[Any]:
    """``tokens`` as JSON values (lists), which ``Body(text, line, kept)`` reads back.

    Raises ``TypeError`` for a token whose attributes or meta JSON cannot hold exactly.
    """
    return [_kept(token) for token in tokens]


def _kept(token: MarkdownToken) -> list[Any]:
    pairs = [*token.attrs.items(), *token.meta.items()]
    if not all(isinstance(k, str) and isinstance(v, _SCALARS) for k, v in pairs):
        raise TypeError(f"a {token.type} token holds values JSON cannot keep")
    children = token.children
    return [
        token.type,
        token.tag,
        token.nesting,
        [[k, v] for k, v in token.attrs.items()] if token.attrs else None,
        None if token.map is None else list(token.map),
        token.level,
        None if children is None else [_kept(child) for child in children],
        token.content,
        token.markup,
        token.info,
        [[k, v] for k, v in token.meta.items()] if token.meta else None,
        token.block,
        token.hidden,
    ]


def _read_kept(kept: list[Any]) -> KeptToken:
    attrs, children, meta = kept[3], kept[6], kept[10]
    kept[3] = _NOTHING if attrs is None else dict(attrs)
    kept[6] = None if children is None else tuple(_read_kept(child) for child in children)
    kept[10] = _NOTHING if meta is None else dict(meta)
    return KeptToken._make(kept)


class Body:
    """The Markdown prose of a section; its tokens are parsed on first use and kept.

    ``first_line`` is the 1-based line of the file where the body starts; a token's
    ``map[0]`` + ``first_line`` is its line in the file. ``kept``: the tokens as
    ``keep_tokens`` wrote them, read back instead of parsing the text. Two bodies are equal
    when their text and first line are. (A plain class: exporting loads no ``dataclasses``.)
    """

    def __init__(self, text: str, first_line: int, kept: list[Any] | None = None) -> None:
        self.text = text
        self.first_line = first_line
        self.kept = kept

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Body):
            return NotImplemented
        return (self.text, self.first_line) == (other.text, other.first_line)

    def __hash__(self) -> int:
        return hash((self.text, self.first_line))

    def __repr__(self) -> str:
        return f"Body(text={self.text!r}, first_line={self.first_line!r})"

    @cached_property
    def tokens(self) -> Sequence[MarkdownToken]:
        """markdown-it's tokens of the prose (the rules and the export share them)."""
        if self.kept is not None:
            kept, self.kept = self.kept, None
            try:
                return tuple(_read_kept(token) for token in kept)
            except (TypeError, ValueError, IndexError, AttributeError):
                pass  # damaged: parsed instead, as if nothing had been kept
        return tuple(parser().parse(self.text))

    @cached_property
    def words(self) -> int:
        """Words of the prose as the rules count them (kept when the tokens are released)."""
        return count_words(self.tokens)

    def release(self) -> None:
        """Forget the tokens (they are parsed again if asked for).

        An export releases each section once it is written, so that a long document never
        holds the tokens of every section and the Word tree at the same time.
        """
        self.__dict__.pop("tokens", None)
        self.kept = None


#: A ``[[DA COMPILARE: …]]`` placeholder, which is no words of the prose (even over lines).
_PLACEHOLDER_TEXT = re.compile(r"\[\[\s*DA COMPILARE.*?(\]\]|$)", re.DOTALL)


def _inline_text(token: MarkdownToken) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def prose_text(tokens: Sequence[MarkdownToken]) -> Iterator[str]:
    """The words-bearing text of the body: no headings, comments, raw HTML or markup."""
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading:
            yield _inline_text(token)
        elif token.type in ("fence", "code_block"):
            yield token.content
        elif token.type == TABLE_TOO_LARGE:
            yield token.content.replace("|", " ")


def count_words(tokens: Sequence[MarkdownToken]) -> int:
    """Words as the spec defines them: tokens with a letter or digit, placeholders excluded."""
    return words_in(_PLACEHOLDER_TEXT.sub(" ", " ".join(prose_text(tokens))))


#: From a word's first letter or digit (``str.isalnum``: ``\w`` but ``_``) to the space after it.
_WORD_FROM_ITS_FIRST_ALNUM = re.compile(r"[^\W_]\S*")


def words_in(text: str) -> int:
    """The runs of non-space characters in ``text`` (``str.split``) with a letter or digit."""
    return len(_WORD_FROM_ITS_FIRST_ALNUM.findall(text))
