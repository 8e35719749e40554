"""Finished blocks of a long body kept as their XML bytes until the document is saved.

An element of the Word tree takes about ten times the memory of its XML text: a chapter
whose tables are placed and numbered is serialised at once and left in the body as a
processing instruction, which :meth:`FrozenBody.splice` replaces with the same bytes when
``word/document.xml`` is written. The saved file is byte for byte the one the whole tree
would give. The frozen XML is kept deflated (about a tenth of its size) until then.
Blocks that carry a section break (``w:sectPr``: page orientation, headers
and footers are set on them afterwards) stay in the tree.

The rows of a generated table, written as XML text exactly as lxml would serialise them, are
kept the same way from the start (:meth:`FrozenBody.keep_rows`): the table's properties stay
in the tree, its rows are never parsed (a tenth of an export's time went into parsing and
serialising them again). They are kept as text until their chapter is frozen, then deflated
with it.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING, Any

from lxml import etree

from pwkit.render.docx.ns import qn

if TYPE_CHECKING:
    from pwkit.render.docx.word import WordDocument

_SECT_PR = qn("w:sectPr")
#: Blocks of the body from which finished chapters are frozen (the bench project has 460, the
#: 100× project 24,046).
FREEZE_AFTER_BLOCKS = 4000
#: The processing instruction left in the body in place of frozen blocks.
_TARGET = "pwkit-frozen"
_MARK = re.compile(rb"<\?" + _TARGET.encode() + rb" (\d+)\?>")
#: Bytes of frozen XML inflated at a time when it is written back.
_PIECE = 1 << 20
#: Namespace declarations lxml copies from the ancestors onto the root of a fragment.
_DECLARATION = re.compile(rb'\sxmlns(?::[\w.-]+)?="[^"]*"')


def _fragment(block: Any) -> bytes:
    """``block`` serialised as it is inside the whole document (no declarations of its own)."""
    xml: bytes = etree.tostring(block, encoding="UTF-8", with_tail=False)
    end = xml.index(b">")
    return _DECLARATION.sub(b"", xml[:end]) + xml[end:]


class FrozenBody:
    """The XML of the blocks frozen so far (deflated, with its size), by the number of its mark.

    Chapters are frozen once the body holds ``after_blocks`` blocks (paragraphs and tables):
    the tree of a document that short takes a few tens of megabytes, and serialising it early
    would only cost time (a tenth of the export of the bench project).
    """

    def __init__(self, after_blocks: int | None = None) -> None:
        self.after_blocks = FREEZE_AFTER_BLOCKS if after_blocks is None else after_blocks
        self._waiting: list[Any] = []
        self._chunks: dict[int, tuple[bytes, int]] = {}
        self._rows: dict[int, bytes] = {}
        self._count = 0
        self._splices = 0

    def freeze(self, first: Any, stop: Any = None) -> None:
        """Freeze ``first`` and the blocks after it, up to ``stop`` or the end of the body.

        Each run of blocks without a section break becomes one processing instruction.
        """
        block = first
        run: list[Any] = []
        while block is not None and block is not stop and block.tag != _SECT_PR:
            following = block.getnext()
            if next(block.iter(_SECT_PR), None) is None:
                run.append(block)
            else:
                self._replace(run)
                run = []
            block = following
        self._replace(run)

    def chapter_done(self, heading: Any) -> None:
        """The chapter under ``heading`` is finished: freeze it, and those before, if it is time.

        Headings stay in the tree (a draft's comments hang on them); what follows each is
        frozen up to the next heading, once the body is long enough to be worth it.
        """
        self._waiting.append(heading)
        if len(heading.getparent()) < self.after_blocks:
            return
        waiting, self._waiting = self._waiting, []
        for index, start in enumerate(waiting):
            stop = waiting[index + 1] if index + 1 < len(waiting) else None
            first = start.getnext()
            if first is not None and first is not stop:
                self.freeze(first, stop)

    def long(self, rows: int) -> bool:
        """Whether a table of ``rows`` rows is worth freezing row by row as it is written."""
        return rows >= self.after_blocks // 20

    def freeze_element(self, element: Any) -> None:
        """Freeze one finished element wherever it is (a row of a long table)."""
        self._replace([element])

    def keep_rows(self, table: Any, rows: str) -> None:
        """End ``table`` (a ``w:tbl`` with its properties and grid) with ``rows``, never parsed.

        ``rows`` is the ``w:tr`` elements' XML as lxml writes it inside the document (the
        ``w:`` prefix declared above them, no declarations of their own, lxml's escaping):
        what the saved file holds is exactly what parsing them into the table would give.
        """
        table.append(etree.ProcessingInstruction(_TARGET, str(self._new_number())))
        self._rows[self._count - 1] = rows.encode()

    def _new_number(self) -> int:
        self._count += 1
        return self._count - 1

    def _replace(self, blocks: list[Any]) -> None:
        if not blocks:
            return
        number = self._new_number()
        mark = etree.ProcessingInstruction(_TARGET, str(number))
        deflate = zlib.compressobj(1)
        deflated: list[bytes] = []
        size = 0
        for block in blocks:  # one block's XML at a time
            xml = self._serialised(block)
            size += len(xml)
            deflated.append(deflate.compress(xml))
        deflated.append(deflate.flush())
        self._chunks[number] = (b"".join(deflated), size)
        blocks[0].addprevious(mark)
        parent = blocks[0].getparent()
        for block in blocks:
            # Emptied first: lxml frees descendants without a Python proxy at once, while
            # removing a whole subtree moves it to a new document in quadratic time.
            block.clear()
            parent.remove(block)

    def _serialised(self, block: Any) -> bytes | bytearray:
        """``block`` as XML, with what was frozen inside it put back (and forgotten here)."""
        xml = _fragment(block)
        if b"<?" + _TARGET.encode() not in xml:
            return xml
        return self._spliced(xml, forget=True)

    def _take(self, number: int, forget: bool) -> tuple[bytes, int, bool]:
        """The XML of mark ``number``: its bytes, size and whether they are deflated."""
        if number in self._rows:
            rows = self._rows.pop(number) if forget else self._rows[number]
            return rows, len(rows), False
        deflated, size = self._chunks.pop(number) if forget else self._chunks[number]
        return deflated, size, True

    def _spliced(self, xml: bytes, *, forget: bool) -> bytearray:
        """``xml`` with each mark replaced by its XML, written once into a buffer its size.

        With ``forget``, what is put back is dropped here (it is now inside a frozen chunk).
        """
        marks = [(match, self._take(int(match.group(1)), forget)) for match in _MARK.finditer(xml)]
        size = len(xml) + sum(length - (m.end() - m.start()) for m, (_, length, _) in marks)
        out = bytearray(size)
        view = memoryview(out)
        written = position = 0
        for match, (data, length, deflated) in marks:
            literal = match.start() - position
            view[written : written + literal] = xml[position : match.start()]
            written += literal
            position = match.end()
            if not deflated:
                view[written : written + length] = data
                written += length
                continue
            inflate = zlib.decompressobj()
            while data:  # a megabyte at a time: a chunk may be a whole long table
                piece = inflate.decompress(data, _PIECE)
                view[written : written + len(piece)] = piece
                written += len(piece)
                data = inflate.unconsumed_tail
            piece = inflate.flush()
            view[written : written + len(piece)] = piece
            written += len(piece)
        view[written:] = xml[position:]
        return out

    def splice(self, xml: bytes) -> bytearray:
        """The serialised document part with every frozen run put back in its place.

        The chunks are kept: a document may be saved again (with its TOC's page numbers).
        """
        self._splices += 1
        return self._spliced(xml, forget=False)

    def require_spliced(self) -> None:
        """Raise unless the document saved since the last call got its frozen runs back.

        The splice rides on the document part calling ``after_serialise`` when it is
        written: were that to change, the file would lack every frozen chapter. It is then
        never put in place (an internal error, before the output is replaced).
        """
        spliced, self._splices = self._splices, 0
        if (self._chunks or self._rows) and not spliced:
            raise RuntimeError("the document was saved without its frozen chapters")

    def attach(self, document: WordDocument) -> None:
        """Make the document part write the frozen runs back whenever it is saved."""
        document.part.after_serialise = self.splice
