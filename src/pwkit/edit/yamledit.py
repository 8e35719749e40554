"""Rewriting YAML *text* so that it reads as new data: what did not change keeps its bytes.

The form of a section changes a few values; the file must change only there. The old data
and the new are compared, and only the places that differ are rewritten, at the positions
the parser gives: a value in place (in its own quoting, a folded or literal block staying
one), a key added after the key before it or removed with its lines, rows added, removed or
reordered as whole blocks of lines (each row with its comments). Comments, blank lines,
quoting and layout of everything else are kept as they are.

The result is parsed again, as ``pwkit check`` reads it, and compared with the data meant:
if it differs, the changed values are written again with every text between double quotes;
if it still differs, :class:`EditFailed` is raised and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pwkit.edit.yamldiff import EditFailed, Op, align, apply, same
from pwkit.edit.yamlwrite import Layout, entry, flow, folded, item_lines, literal, scalar


def reads(text: str) -> Any:
    """The data ``pwkit check`` reads from YAML ``text`` (``{}`` when it holds none).

    ``EditFailed`` if the text cannot be read (the check says why and where).
    """
    from yaml import YAMLError

    from pwkit.load.typoquotes import parse_requoting
    from pwkit.load.yamldata import YamlProblem

    try:
        data = parse_requoting(text, []).data
    except (YAMLError, YamlProblem) as exc:
        raise EditFailed(f"YAML non leggibile: {exc}") from None
    return {} if data is None else data


def rewrite(text: str, new: Any) -> str:
    """``text`` changed so that it reads as ``new``; unchanged parts keep their bytes."""
    document = _Document.of(text)
    if same(document.data, new):
        return text
    for safe in (False, True):
        try:
            result = document.rewrite(new, safe=safe)
            if same(reads(result), new):
                return result
        except (EditFailed, TypeError, ValueError):
            continue
        except Exception:  # the result does not parse: never keep it
            continue
    raise EditFailed("il testo modificato non corrisponderebbe ai dati")


@dataclass(frozen=True)
class _Key:
    """The value of a key in a block mapping: its colon ends at ``colon``."""

    colon: int
    column: int
    line: int


@dataclass(frozen=True)
class _Item:
    """An item of a block list, its dash at column ``dash``."""

    dash: int


@dataclass(frozen=True)
class _Flow:
    """A value inside a flow collection (``[…]``, ``{…}``)."""


@dataclass(frozen=True)
class _Root:
    """The document's value."""


_At = _Key | _Item | _Flow | _Root


@dataclass
class _Document:
    """YAML text, the data it reads as, its nodes and where its lines start."""

    text: str
    data: Any
    root: Any
    lines: list[str]
    starts: list[int]
    layout: Layout = field(default_factory=Layout)
    safe: bool = False

    @classmethod
    def of(cls, text: str) -> _Document:
        """Parse ``text`` (``EditFailed`` if it cannot be read)."""
        from yaml import YAMLError

        from pwkit.load.typoquotes import parse_requoting, straighten
        from pwkit.load.yamldata import YamlProblem, compose

        try:
            requoted: list[Any] = []
            data = parse_requoting(text, requoted).data
            fixed = text
            for found in requoted:
                fixed = straighten(fixed, found) or fixed
            root = compose(fixed)
        except (YAMLError, YamlProblem) as exc:
            raise EditFailed(f"YAML non leggibile: {exc}") from None
        lines = text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        document = cls(text, {} if data is None else data, root, lines, starts)
        document.layout = document.detect_layout()
        return document

    # --- the text's places -------------------------------------------------------------

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line`` (before its line break)."""
        return self.starts[line] + len(self.lines[line])

    def last_line(self, first: int, column: int, dashes: bool = False) -> int:
        """Last line of the block that starts on line ``first`` at ``column``.

        The block goes on while lines are blank or indented deeper (with ``dashes``, also
        items of a list written under its key).
        """
        last = first
        for index in range(first + 1, len(self.lines)):
            text = self.lines[index]
            stripped = text.strip()
            if not stripped:
                continue
            indent = len(text) - len(text.lstrip(" "))
            item = stripped == "-" or stripped.startswith("- ")
            if indent > column or (dashes and indent == column and item):
                last = index
                continue
            break
        return last

    def dash(self, item: Any) -> tuple[int, int]:
        """(line, column) of the dash of a block list's item."""
        line, column = item.start_mark.line, item.start_mark.column
        before = self.lines[line][:column].rstrip()
        if not before.endswith("-") or before[:-1].strip():
            raise EditFailed("elemento di elenco in una forma inattesa")
        return line, len(before) - 1

    def value_end(self, node: Any, at: _At) -> int:
        """Where the text of a value ends (a block: its last line with text)."""
        from yaml import MappingNode, ScalarNode, SequenceNode

        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            segment = self.text[node.start_mark.index : node.end_mark.index]
            kept = segment.split("\n")
            while len(kept) > 1 and not kept[-1].strip():
                kept.pop()
            return node.start_mark.index + len("\n".join(kept))
        if isinstance(node, MappingNode | SequenceNode) and not node.flow_style:
            if isinstance(at, _Key):
                dashes = isinstance(node, SequenceNode)
                return self.line_end(self.last_line(at.line, at.column, dashes))
            line, column = node.start_mark.line, node.start_mark.column
            if isinstance(at, _Item):
                line, column = line, at.dash
            return self.line_end(self.last_line(line, column))
        return int(node.end_mark.index)

    def detect_layout(self) -> Layout:
        """The indentation the file uses, from its first nested mapping and list."""
        from yaml import MappingNode, SequenceNode

        indent = offset = None
        pending = [self.root]
        while pending and (indent is None or offset is None):
            node = pending.pop(0)
            if isinstance(node, SequenceNode):
                pending.extend(node.value)
            if not isinstance(node, MappingNode) or node.flow_style:
                continue
            for key, value in node.value:
                pending.append(value)
                block = not getattr(value, "flow_style", True) and value.value
                if isinstance(value, MappingNode) and block and indent is None:
                    indent = value.value[0][0].start_mark.column - key.start_mark.column
                if isinstance(value, SequenceNode) and block and offset is None:
                    try:
                        offset = self.dash(value.value[0])[1] - key.start_mark.column
                    except EditFailed:
                        continue
        longest = max((len(line) for line in self.lines), default=0)
        width = min(max(longest, 80), 100)
        offset = offset if offset is not None and offset >= 0 else 2
        return Layout(indent if indent and indent > 0 else 2, offset, width)

    # --- the edits ---------------------------------------------------------------------

    def rewrite(self, new: Any, *, safe: bool) -> str:
        """The text for ``new`` (not yet checked)."""
        from yaml import MappingNode

        self.safe = safe
        if not isinstance(new, dict):
            raise EditFailed("i dati non sono una mappa")
        if self.root is None:
            lines = [line for key, value in new.items() for line in self.entry(key, value, 0)]
            head = self.text.rstrip("\n")
            return "\n".join([head, *lines]) if head else "\n".join(lines)
        if not isinstance(self.root, MappingNode):
            raise EditFailed("il testo non è una mappa")
        return apply(self.text, self.value(self.root, self.data, new, _Root()))

    def entry(self, key: Any, value: Any, column: int) -> list[str]:
        return entry(key, value, column, self.layout, safe=self.safe)

    def value(self, node: Any, old: Any, new: Any, at: _At) -> list[Op]:
        """The edits that make the value at ``node`` (``old``) read as ``new``."""
        from yaml import MappingNode, ScalarNode, SequenceNode

        if same(old, new):
            return []
        try:
            if isinstance(node, MappingNode) and node.flow_style and not self.safe:
                if isinstance(old, dict) and isinstance(new, dict) and list(old) == list(new):
                    pairs = zip(old, node.value, strict=True)
                    return [
                        op
                        for key, (_, value_node) in pairs
                        for op in self.value(value_node, old[key], new[key], _Flow())
                    ]
            elif isinstance(node, MappingNode) and not node.flow_style:
                if isinstance(old, dict) and isinstance(new, dict) and new:
                    return self.mapping(node, old, new)
            elif isinstance(node, SequenceNode) and isinstance(old, list):
                if isinstance(new, list) and new and not node.flow_style:
                    return self.sequence(node, old, new)
                scalars = isinstance(new, list) and not any(
                    isinstance(item, dict | list) for item in new
                )
                if scalars and node.flow_style and not self.safe:
                    return [(*self.span(node), self.flow_list(node, old, new))]
            elif isinstance(node, ScalarNode) and not isinstance(new, dict | list):
                return self.scalar(node, new, at)
        except EditFailed:
            pass
        return self.replace(node, new, at)

    def span(self, node: Any) -> tuple[int, int]:
        return int(node.start_mark.index), int(node.end_mark.index)

    def scalar(self, node: Any, new: Any, at: _At) -> list[Op]:
        """A scalar replaced by a scalar, in the old one's style where it can be."""
        start, end = node.start_mark.index, self.value_end(node, at)
        if isinstance(at, _Key) and (start == end or new is None):
            start = at.colon
            if new is None:
                return [(start, end, "")]
            text = scalar(new, style=node.style or None, safe=self.safe)
            return (
                [(start, end, " " + text)] if "\n" not in str(new) else self.replace(node, new, at)
            )
        if isinstance(new, str) and node.style in ("|", ">") and not self.safe:
            column = self.block_column(node, at)
            block = None
            if node.style == ">":
                previous = self.text[start:end].split("\n")[1:]
                width = max([self.layout.width, *(len(line) for line in previous)])
                block = folded(new, column, width, previous)
            block = block or literal(new, column)
            if block is not None:
                return [(start, end, "\n".join(block))]
        if isinstance(new, str) and "\n" in new and not isinstance(at, _Flow):
            return self.replace(node, new, at)
        return [
            (
                start,
                end,
                scalar(new, flow=isinstance(at, _Flow), style=node.style or None, safe=self.safe),
            )
        ]

    def block_column(self, node: Any, at: _At) -> int:
        """The column of a block text's lines (as it is written, or one indent in)."""
        for line in self.text[node.start_mark.index : node.end_mark.index].split("\n")[1:]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        base = at.column if isinstance(at, _Key) else at.dash if isinstance(at, _Item) else 0
        return base + self.layout.indent

    def replace(self, node: Any, new: Any, at: _At) -> list[Op]:
        """The whole value written anew, in the style of its place."""
        end = self.value_end(node, at)
        if isinstance(at, _Flow):
            return [(node.start_mark.index, end, flow(new, safe=self.safe))]
        if isinstance(at, _Key):
            lines = self.entry("k", new, at.column)
            tail = lines[0][at.column + 2 :]
            return [(at.colon, end, "\n".join([tail, *lines[1:]]))]
        if isinstance(at, _Item):
            lines = item_lines(new, at.dash, self.layout, safe=self.safe)
            return [(node.start_mark.index, end, "\n".join([lines[0][at.dash + 2 :], *lines[1:]]))]
        if not isinstance(new, dict):
            raise EditFailed("i dati non sono una mappa")
        lines = [line for key, value in new.items() for line in self.entry(key, value, 0)]
        return [(node.start_mark.index, end, "\n".join(lines))]

    def mapping(self, node: Any, old: dict[Any, Any], new: dict[Any, Any]) -> list[Op]:
        """Keys changed in place, removed with their lines, added after the key before them."""
        from yaml import SequenceNode

        pairs = list(zip(old, node.value, strict=True))
        column = node.value[0][0].start_mark.column
        ops: list[Op] = []
        last_lines: dict[Any, int] = {}
        for key, (key_node, value_node) in pairs:
            line = key_node.start_mark.line
            dashes = isinstance(value_node, SequenceNode) and not value_node.flow_style
            last_lines[key] = self.last_line(line, column, dashes)
            if key in new:
                colon = self.text.index(":", key_node.end_mark.index) + 1
                ops += self.value(value_node, old[key], new[key], _Key(colon, column, line))
            else:
                ops.append(self.remove_lines(line, last_lines[key]))
        anchor: Any = None
        added: dict[Any, list[str]] = {}
        for key in new:
            if key in old:
                anchor = key
            else:
                added.setdefault(anchor, []).extend(self.entry(key, new[key], column))
        for before, lines in added.items():
            if before is None:
                first = pairs[0][1][0].start_mark.line
                ops.append((self.starts[first], self.starts[first], "\n".join(lines) + "\n"))
            else:
                at = self.line_end(last_lines[before])
                ops.append((at, at, "\n" + "\n".join(lines)))
        return ops

    def remove_lines(self, first: int, last: int) -> Op:
        if last + 1 < len(self.lines):
            return self.starts[first], self.starts[last + 1], ""
        start = self.line_end(first - 1) if first > 0 else 0
        return start, self.line_end(last), ""

    def sequence(self, node: Any, old: list[Any], new: list[Any]) -> list[Op]:
        """Items changed in place; rows added, removed or moved as whole blocks of lines."""
        items = node.value
        if not items:
            raise EditFailed("elenco vuoto")
        dashes = [self.dash(item) for item in items]
        column = dashes[0][1]
        pairs = align(old, new)
        if len(new) == len(old) and pairs == list(range(len(old))):
            return [
                op
                for index, item in enumerate(items)
                for op in self.value(item, old[index], new[index], _Item(column))
            ]
        if any(col != column for _, col in dashes):
            raise EditFailed("elementi dell'elenco non allineati")
        ends = [self.last_line(line, column) for line, _ in dashes]
        firsts = [dashes[0][0], *(end + 1 for end in ends[:-1])]
        blocks: list[str] = []
        for index, k in enumerate(pairs):
            if k is None:
                blocks.append(
                    "\n".join(item_lines(new[index], column, self.layout, safe=self.safe))
                )
                continue
            start, end = self.starts[firsts[k]], self.line_end(ends[k])
            inner = self.value(items[k], old[k], new[index], _Item(column))
            if any(s < start or e > end for s, e, _ in inner):
                raise EditFailed("modifica fuori dall'elemento")
            blocks.append(
                apply(self.text[start:end], [(s - start, e - start, t) for s, e, t in inner])
            )
        return [(self.starts[firsts[0]], self.line_end(ends[-1]), "\n".join(blocks))]

    def flow_list(self, node: Any, old: list[Any], new: list[Any]) -> str:
        """A flow list written again, unchanged items as they were typed."""
        pairs = align(old, new)
        parts = []
        for index, k in enumerate(pairs):
            if k is not None and same(old[k], new[index]):
                parts.append(self.text[slice(*self.span(node.value[k]))])
            else:
                parts.append(flow(new[index]))
        return "[" + ", ".join(parts) + "]"
