"""A section file's bytes as the editor changes them: front matter and prose, put back exactly.

The file is split where ``pwkit check`` splits it (``pwkit.load.frontmatter``); joining the
parts unchanged gives the same bytes, its byte order mark and Windows line ends included.
"""

from __future__ import annotations

from dataclasses import dataclass

from pwkit.base.errors import PwkitError
from pwkit.load.frontmatter import split_front_matter

_BOM = "\ufeff"


@dataclass(frozen=True)
class SectionText:
    """A section file's text: the lines around its front matter, the front matter, the prose."""

    front: str | None
    """The YAML between the ``---`` lines (``None``: the file has none, or never closes it)."""
    prose: str
    """The body (the whole text without a front matter), lines ending in a line feed."""
    opening: str = ""
    closing: str = ""
    inner_lines: int = 0
    has_tail: bool = False
    bom: bool = False
    crlf: bool = False

    @classmethod
    def of(cls, data: bytes, rel: str) -> SectionText:
        """Read a section file's bytes (UTF-8; other encodings are refused)."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise PwkitError(
                f"Il file {rel} non è in UTF-8: il browser non può modificarlo senza rischiare "
                "di rovinarne le lettere accentate.",
                hint="Esegui «pwkit check» per sapere come salvarlo in UTF-8, poi ricarica la "
                "pagina.",
                path=rel,
            ) from None
        bom = text.startswith(_BOM)
        text = text.removeprefix(_BOM)
        crlf = "\r\n" in text
        if crlf:
            text = text.replace("\r\n", "\n")
        split = split_front_matter(text)
        if split.front is None:
            return cls(None, text, bom=bom, crlf=crlf)
        lines = text.split("\n")
        index = split.body_line - 2
        return cls(
            split.front,
            split.body,
            lines[0],
            lines[index],
            index - 1,
            index + 1 < len(lines),
            bom,
            crlf,
        )

    def joined(self, front: str | None, prose: str) -> bytes:
        """The file with ``front`` (when it has a front matter) and ``prose``."""
        if self.front is None or front is None:
            text = prose
        else:
            inner = front + "\n" if self.inner_lines or front else ""
            text = self.opening + "\n" + inner + self.closing
            if self.has_tail or prose:
                text += "\n" + prose
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def normalised_prose(prose: str) -> str:
    """Prose as a browser posts it, with the line ends of the file (one line feed)."""
    return prose.replace("\r\n", "\n").replace("\r", "\n")
