"""The names of parts' content types and relationships, as Word and python-docx give them."""

from __future__ import annotations

_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Content types of the parts python-docx parses (and so writes re-serialised): the rest are
#: written back as they were read.
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
CT_SETTINGS = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
XML_PARTS = frozenset(
    {
        CT_CORE_PROPERTIES,
        CT_COMMENTS,
        CT_DOCUMENT,
        CT_FOOTER,
        CT_HEADER,
        CT_NUMBERING,
        CT_SETTINGS,
        CT_STYLES,
    }
)
CT_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
#: Extensions whose content type goes in a ``Default`` rather than an ``Override``.
DEFAULT_CONTENT_TYPES = frozenset(
    {
        ("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
        ("bmp", "image/bmp"),
        ("emf", "image/x-emf"),
        ("fntdata", "application/x-fontdata"),
        ("gif", "image/gif"),
        ("jpe", "image/jpeg"),
        ("jpeg", "image/jpeg"),
        ("jpg", "image/jpeg"),
        ("png", "image/png"),
        ("rels", CT_RELATIONSHIPS),
        ("tif", "image/tiff"),
        ("tiff", "image/tiff"),
        ("wdp", "image/vnd.ms-photo"),
        ("wmf", "image/x-wmf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("xml", CT_XML),
    }
)

RT_OFFICE_DOCUMENT = f"{_OFFICE}/officeDocument"
RT_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
RT_COMMENTS = f"{_OFFICE}/comments"
RT_FOOTER = f"{_OFFICE}/footer"
RT_HEADER = f"{_OFFICE}/header"
RT_HYPERLINK = f"{_OFFICE}/hyperlink"
RT_IMAGE = f"{_OFFICE}/image"
RT_NUMBERING = f"{_OFFICE}/numbering"
RT_SETTINGS = f"{_OFFICE}/settings"
RT_STYLES = f"{_OFFICE}/styles"
