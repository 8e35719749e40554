"""The Word document being written: its package and the parts pwkit writes into.

What python-docx's ``Document`` gave the renderers, at the level they use it — the body, the
styles, settings, numbering, comments and core properties, new headers and footers, links and
pictures — on pwkit's own package (``package.py``). New parts are made as python-docx makes
them (its templates, part names and relationship ids), so the file is the one python-docx
would write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import posixpath
import re
from functools import cache
from pathlib import Path
from typing import IO, Any

from lxml import etree

from pwkit.render.docx.package import PARSER, Package, PackageError, Part, parse_xml
from pwkit.render.docx.parttypes import (
    CT_COMMENTS,
    CT_CORE_PROPERTIES,
    CT_DOCUMENT,
    CT_FOOTER,
    CT_HEADER,
    CT_NUMBERING,
    CT_SETTINGS,
    CT_STYLES,
    RT_COMMENTS,
    RT_CORE_PROPERTIES,
    RT_FOOTER,
    RT_HEADER,
    RT_HYPERLINK,
    RT_IMAGE,
    RT_NUMBERING,
    RT_SETTINGS,
    RT_STYLES,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Namespaces of the core properties, by the prefix python-docx gives them.
CORE_NAMESPACES = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
#: The longest text python-docx accepts in a core property.
CORE_TEXT_MAX = 255


@cache
def _templates() -> Path:
    """python-docx's templates folder (its data, found without importing python-docx)."""
    spec = importlib.util.find_spec("docx")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("python-docx is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def template(name: str) -> bytes:
    """A file of python-docx's templates (``default.docx``, ``default-header.xml``...)."""
    return (_templates() / name).read_bytes()


class WordDocument:
    """A .docx being written: the main document part and the package around it."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.part = package.main_document
        if self.part.content_type != CT_DOCUMENT:
            raise PackageError(f"not a Word document: content type {self.part.content_type}")
        self._images = _gathered_images(package)
        self._image_names: dict[int, str] = {}

    @classmethod
    def open(cls, file: str | IO[bytes]) -> WordDocument:
        """The document in a .docx file, as python-docx's ``Document(file)`` opens it."""
        return cls(Package.read(file))

    @classmethod
    def blank(cls) -> WordDocument:
        """python-docx's default document (``Document()``)."""
        import io

        return cls.open(io.BytesIO(template("default.docx")))

    # -- the parts ----------------------------------------------------------------------

    @property
    def element(self) -> Any:
        """The ``w:document`` element."""
        return self.part.element

    @property
    def body(self) -> Any:
        """The ``w:body`` element."""
        return self.element.find(f"{{{W}}}body")

    def _related(self, reltype: str, make: Any) -> Part:
        try:
            return self.part.rels.part_with_reltype(reltype)
        except KeyError:
            part: Part = make()
            self.part.relate_to(part, reltype)
            return part

    @property
    def styles(self) -> Any:
        """The ``w:styles`` element (python-docx's default styles part if there is none)."""
        return self._related(
            RT_STYLES, lambda: _xml_part("/word/styles.xml", CT_STYLES, "default-styles.xml")
        ).element

    @property
    def settings(self) -> Any:
        """The ``w:settings`` element (python-docx's default settings part if there is none)."""
        return self._related(
            RT_SETTINGS,
            lambda: _xml_part("/word/settings.xml", CT_SETTINGS, "default-settings.xml"),
        ).element

    @property
    def numbering(self) -> Any:
        """The ``w:numbering`` element (an empty numbering part if there is none)."""

        def empty() -> Part:
            part = Part("/word/numbering.xml", CT_NUMBERING)
            part.element = parse_xml(f'<w:numbering xmlns:w="{W}"/>')
            return part

        return self._related(RT_NUMBERING, empty).element

    @property
    def comments(self) -> Any:
        """The ``w:comments`` element (python-docx's empty comments part if there is none)."""
        return self._related(
            RT_COMMENTS,
            lambda: _xml_part("/word/comments.xml", CT_COMMENTS, "default-comments.xml"),
        ).element

    @property
    def core(self) -> CoreProperties:
        """The core properties (title, author, dates...), as python-docx sets them."""
        try:
            part = self.package.part_related_by(RT_CORE_PROPERTIES)
        except KeyError:
            part = Part("/docProps/core.xml", CT_CORE_PROPERTIES)
            part.element = parse_xml(
                "<cp:coreProperties "
                + " ".join(f'xmlns:{p}="{CORE_NAMESPACES[p]}"' for p in ("cp", "dc", "dcterms"))
                + "/>\n"
            )
            self.package.rels.relate(RT_CORE_PROPERTIES, part)
            core = CoreProperties(part.element)
            core.set_text("dc:title", "Word Document")
            core.set_text("cp:lastModifiedBy", "python-docx")
            core.set_text("cp:revision", "1")
            core.set_date("dcterms:modified", dt.datetime.now(dt.UTC))
            return core
        return CoreProperties(part.element)

    # -- new parts and relationships ----------------------------------------------------

    def add_header(self) -> tuple[str, Any]:
        """A new header part from python-docx's template: its relationship id and ``w:hdr``."""
        return self._add_story("/word/header%d.xml", CT_HEADER, "default-header.xml", RT_HEADER)

    def add_footer(self) -> tuple[str, Any]:
        """A new footer part from python-docx's template: its relationship id and ``w:ftr``."""
        return self._add_story("/word/footer%d.xml", CT_FOOTER, "default-footer.xml", RT_FOOTER)

    def _add_story(
        self, pattern: str, content_type: str, name: str, reltype: str
    ) -> tuple[str, Any]:
        part = _xml_part(self.package.next_partname(pattern), content_type, name)
        return self.part.relate_to(part, reltype), part.element

    def relate_hyperlink(self, url: str) -> str:
        """The relationship id of a link to ``url`` (one per address, as python-docx)."""
        return self.part.relate_to(url, RT_HYPERLINK, external=True)

    def add_image(
        self, blob: bytes, extension: str, content_type: str, filename: str
    ) -> tuple[str, str | None]:
        """The relationship id of an image part with ``blob``, as python-docx adds one.

        The same image is added once; a new one is named after the first number no image
        of the document as it was opened, nor added since, has (``/word/media/image3.png``).
        Also returns the file name python-docx gives the picture: that of the first file
        added with these bytes, ``None`` for an image the document had when it was opened.
        """
        digest = hashlib.sha1(blob).hexdigest()
        for part in self._images:
            if hashlib.sha1(part.blob).hexdigest() == digest:
                return self.part.relate_to(part, RT_IMAGE), self._image_names.get(id(part))
        used = {_image_number(part.partname) for part in self._images}
        number = next(n for n in range(1, len(self._images) + 2) if n not in used)
        part = Part(f"/word/media/image{number}.{extension}", content_type, blob)
        self._images.append(part)
        self._image_names[id(part)] = filename
        return self.part.relate_to(part, RT_IMAGE), filename

    def next_shape_id(self) -> int:
        """One more than the largest numeric ``id`` attribute of the body (python-docx)."""
        used = [int(v) for v in self.element.xpath("//@id") if v.isdigit()]
        return max(used) + 1 if used else 1

    # -- writing ------------------------------------------------------------------------

    def save(self, file: str | IO[bytes]) -> None:
        """Write the .docx."""
        self.package.write(file)


def _xml_part(partname: str, content_type: str, template_name: str) -> Part:
    part = Part(partname, content_type)
    part.element = etree.fromstring(template(template_name), PARSER)
    return part


def _gathered_images(package: Package) -> list[Part]:
    """The image parts related anywhere in ``package``, in python-docx's order."""
    found: list[Part] = []
    for rel in package.iter_rels():
        if rel.reltype == RT_IMAGE and all(rel.part is not seen for seen in found):
            found.append(rel.part)
    return found


_IMAGE_NAME = re.compile(r"([a-zA-Z]+)([1-9][0-9]*)?")


def _image_number(partname: str) -> int | None:
    """The number in a part's file name (``image3.png`` → 3), as python-docx reads it."""
    match = _IMAGE_NAME.match(posixpath.splitext(posixpath.basename(partname))[0])
    return int(match.group(2)) if match is not None and match.group(2) else None


class CoreProperties:
    """The ``cp:coreProperties`` element, written as python-docx's setters write it."""

    def __init__(self, element: Any) -> None:
        self.element = element

    def _get_or_add(self, tag: str) -> Any:
        prefix, name = tag.split(":")
        clark = f"{{{CORE_NAMESPACES[prefix]}}}{name}"
        found = self.element.find(clark)
        if found is None:
            found = PARSER.makeelement(clark, nsmap={prefix: CORE_NAMESPACES[prefix]})
            self.element.append(found)
        return found

    def text(self, tag: str) -> str:
        """The text of ``dc:title``, ``cp:keywords``...: empty if it is not there."""
        prefix, name = tag.split(":")
        found = self.element.find(f"{{{CORE_NAMESPACES[prefix]}}}{name}")
        return "" if found is None or found.text is None else str(found.text)

    def set_text(self, tag: str, value: str) -> None:
        """Set ``dc:title``, ``cp:keywords``...: at most ``CORE_TEXT_MAX`` characters."""
        if len(value) > CORE_TEXT_MAX:
            raise ValueError(f"exceeded 255 char limit for property, got:\n\n'{value}'")
        self._get_or_add(tag).text = value

    def set_date(self, tag: str, value: dt.datetime) -> None:
        """Set ``dcterms:created`` or ``dcterms:modified`` (W3CDTF, as python-docx)."""
        element = self._get_or_add(tag)
        element.text = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        xsi = CORE_NAMESPACES["xsi"]
        # python-docx declares xsi on the root, then types the date with it.
        self.element.set(f"{{{xsi}}}foo", "bar")
        element.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        del self.element.attrib[f"{{{xsi}}}foo"]
