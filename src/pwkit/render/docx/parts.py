"""The document's parts as the export reaches them: python-docx's part-level entry points.

The export writes elements; these are the few places it asks python-docx's document for a
part's root element or properties. Each is one small function, to be replaced by pwkit's own
package in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document


def body_element(document: Document) -> Any:
    """The ``w:body`` of the main document part."""
    return document.element.body


def styles_element(document: Document) -> Any:
    """The ``w:styles`` root of the styles part."""
    return document.styles.element


def comments_element(document: Document) -> Any:
    """The ``w:comments`` root of the comments part, created (and related) if missing."""
    return document.comments._comments_elm


def core_properties(document: Document) -> Any:
    """The core properties (``docProps/core.xml``): title, keywords, status, dates."""
    return document.core_properties
