"""WordprocessingML written as text: escaped attributes and run contents, blocks parsed at once.

An element built one by one through lxml costs about ten times its share of one string parsed
whole: the tables (``table_text``) and the prose (``prose``) write their XML here, in the bytes
the element writer gave (``oxml.run_element``).
"""

from __future__ import annotations

import re
from typing import Any

from pwkit.render.docx.ns import nsdecls
from pwkit.render.docx.oxml import typographic, xml_safe
from pwkit.render.docx.package import parse_xml

#: The namespaces the body's blocks use (text, hyperlinks' relationships), for a fragment.
W_NS = nsdecls("w", "r")
_BREAKS = re.compile("([\n\t])")
#: What :func:`run_content` must change in a text: controls, breaks, apostrophes, XML's specials.
_SPECIAL = re.compile("[\x00-\x1f'&<>\ufffe\uffff\ud800-\udfff]")
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
)


def escape(text: str) -> str:
    """``text`` escaped for an element's content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """``value`` escaped for an attribute between double quotes."""
    return value.translate(_ATTRIBUTE_ESCAPES)


def run_content(text: str, *, literal: bool = False) -> str:
    """A run's text as ``oxml.run_element`` writes it: line breaks and tabs as such.

    Apostrophes become typographic unless ``literal`` (code keeps what was typed).
    """
    if not _SPECIAL.search(text) and text and not (text[0].isspace() or text[-1].isspace()):
        return f"<w:t>{text}</w:t>"  # most runs: nothing to replace, escape or preserve
    safe = xml_safe(text)
    pieces = []
    for piece in _BREAKS.split(safe if literal else typographic(safe)):
        if piece == "\n":
            pieces.append("<w:br/>")
        elif piece == "\t":
            pieces.append("<w:tab/>")
        elif piece:
            space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
            pieces.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(pieces)


def run(opening: str, content: str) -> str:
    """A ``w:r`` from its ``opening`` (``<w:r>``, with its properties) and its content.

    Written as lxml writes it, an empty run self-closed (``<w:r/>``): rows of tables are
    written into the document as this text, never parsed (``FrozenBody.keep_rows``).
    """
    if not content and opening == "<w:r>":
        return "<w:r/>"
    return f"{opening}{content}</w:r>"


def parse_blocks(xml: str) -> list[Any]:
    """The body blocks (``w:p``, ``w:tbl``) written in ``xml``, parsed at once, in order."""
    return list(parse_xml(f"<w:body {W_NS}>{xml}</w:body>"))
