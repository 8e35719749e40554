"""The XML namespaces of a Word document, by the prefixes python-docx and Word give them."""

from __future__ import annotations

from functools import cache
from typing import Any

from pwkit.render.docx.package import PARSER

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "dcterms": "http://purl.org/dc/terms/",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


@cache
def qn(tag: str) -> str:
    """``w:p`` as lxml names it: ``{http://…/wordprocessingml/2006/main}p``."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def nsdecls(*prefixes: str) -> str:
    """The declarations of ``prefixes`` for the root of an XML text: ``xmlns:w="…"``."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)


def new_element(tag: str) -> Any:
    """A new element ``tag`` (``wp:inline``) declaring only its own prefix."""
    prefix = tag.split(":")[0]
    return PARSER.makeelement(qn(tag), nsmap={prefix: NAMESPACES[prefix]})
