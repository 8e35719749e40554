"""A .docx as an Open Packaging Convention package: parts, relationships, content types.

The package is read and written as python-docx reads and writes it — the same parts reached
from the package's relationships, the same XML parts parsed and serialised, the same
relationship ids and part names for what is added, the same zip members in the same order —
so that a document is the same part for part whichever of the two wrote it (the tests compare
them). Writing it here keeps python-docx (≈ 70 ms to import, and its objects) off the export.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from pwkit.render.docx.parttypes import (
    CT_RELATIONSHIPS,
    CT_XML,
    DEFAULT_CONTENT_TYPES,
    RT_OFFICE_DOCUMENT,
    XML_PARTS,
)

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
#: python-docx's parser: blank text between elements dropped, entities never resolved.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class PackageError(ValueError):
    """The file is not a package python-docx would open (a missing part or content type)."""


def parse_xml(xml: str | bytes) -> Any:
    """An element tree from XML text, parsed as python-docx parses a part."""
    return etree.fromstring(xml, PARSER)


def serialize(element: Any) -> bytes:
    """A part's XML as python-docx writes it: UTF-8, standalone declaration, no indentation."""
    xml: bytes = etree.tostring(element, encoding="UTF-8", standalone=True)
    return xml


def _extension(partname: str) -> str:
    return posixpath.splitext(partname)[1].removeprefix(".")


def _base_uri(partname: str) -> str:
    return posixpath.split(partname)[0]


def _rels_name(partname: str) -> str:
    """The member name of the relationships of ``partname`` (``/`` is the package)."""
    folder, name = posixpath.split(partname)
    return posixpath.join(folder, "_rels", f"{name}.rels")[1:]


def _relative(partname: str, base_uri: str) -> str:
    return partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)


class Relationship:
    """A relationship: to a part of the package, or to an external address."""

    __slots__ = ("external", "reltype", "rid", "target")

    def __init__(self, rid: str, reltype: str, target: Part | str, external: bool = False) -> None:
        self.rid = rid
        self.reltype = reltype
        self.target = target
        self.external = external

    @property
    def part(self) -> Part:
        """The part related (never for an external relationship)."""
        if isinstance(self.target, str):
            raise ValueError(f"{self.rid} is an external relationship")
        return self.target


class Relationships(dict[str, Relationship]):
    """The relationships of a part (or of the package), by id, in the order they were added."""

    def __init__(self, base_uri: str) -> None:
        super().__init__()
        self.base_uri = base_uri

    def add(self, reltype: str, target: Part | str, rid: str, *, external: bool = False) -> str:
        """Add a relationship with a known id (as read from a package)."""
        self[rid] = Relationship(rid, reltype, target, external)
        return rid

    def relate(self, reltype: str, target: Part | str, *, external: bool = False) -> str:
        """The id of the relationship of ``reltype`` to ``target``, added if there is none."""
        for rel in self.values():
            if rel.reltype != reltype or rel.external != external:
                continue
            if rel.target == target if external else rel.target is target:
                return rel.rid
        return self.add(reltype, target, self.next_rid(), external=external)

    def next_rid(self) -> str:
        """The first ``rIdN`` not in use, from ``rId1`` (gaps are filled)."""
        number = 1
        while f"rId{number}" in self:
            number += 1
        return f"rId{number}"

    def part_with_reltype(self, reltype: str) -> Part:
        """The one part related by ``reltype``: ``KeyError`` if none, ``ValueError`` if many."""
        found = [rel for rel in self.values() if rel.reltype == reltype]
        if not found:
            raise KeyError(f"no relationship of type '{reltype}'")
        if len(found) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}'")
        return found[0].part

    def xml(self) -> bytes:
        """The ``.rels`` member of these relationships."""
        items = []
        for rel in self.values():
            if isinstance(rel.target, str):
                target = rel.target
            else:
                target = _relative(rel.target.partname, self.base_uri)
            mode = ' TargetMode="External"' if rel.external else ""
            items.append(
                f'<Relationship Id="{_attribute(rel.rid)}" Type="{_attribute(rel.reltype)}" '
                f'Target="{_attribute(target)}"{mode}/>'
            )
        if not items:
            return _DECLARATION + f'<Relationships xmlns="{_RELS_NS}"/>'.encode()
        body = "".join(items)
        return _DECLARATION + f'<Relationships xmlns="{_RELS_NS}">{body}</Relationships>'.encode()


def _attribute(value: str) -> str:
    """An attribute value as lxml writes it between double quotes."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


class Part:
    """A part: its name (``/word/document.xml``), content type, bytes or XML, relationships."""

    def __init__(self, partname: str, content_type: str, blob: bytes | None = None) -> None:
        self.partname = partname
        self.content_type = content_type
        self._blob = blob
        self._element: Any = None
        self.rels = Relationships(_base_uri(partname))
        self.after_serialise: Callable[[bytes], bytes | bytearray] | None = None
        """Called with the XML as serialised; what it returns is written instead."""

    @property
    def is_xml(self) -> bool:
        """Whether the part is parsed (and written re-serialised), as python-docx does."""
        return self.content_type in XML_PARTS

    @property
    def element(self) -> Any:
        """The root element of an XML part, parsed on first use."""
        if self._element is None:
            if not self.is_xml:
                raise TypeError(f"{self.partname} is not an XML part")
            self._element = parse_xml(self._blob or b"")
            self._blob = None
        return self._element

    @element.setter
    def element(self, element: Any) -> None:
        self._element = element
        self._blob = None

    @property
    def blob(self) -> bytes | bytearray:
        """The part's bytes as they are written to the package."""
        if self.is_xml:
            xml = serialize(self.element)
            return xml if self.after_serialise is None else self.after_serialise(xml)
        return self._blob or b""

    @blob.setter
    def blob(self, blob: bytes) -> None:
        self._blob = blob
        self._element = None

    def relate_to(self, target: Part | str, reltype: str, *, external: bool = False) -> str:
        """The id of this part's relationship to ``target``, added if there is none."""
        return self.rels.relate(reltype, target, external=external)


class Package:
    """The parts of a package reached from its relationships, and those relationships."""

    def __init__(self) -> None:
        self.rels = Relationships("/")

    @classmethod
    def read(cls, file: str | IO[bytes]) -> Package:
        """The package in a zip file (a path or a binary file), as python-docx opens it.

        Only the parts reached from the package's relationships are read (depth first);
        each part's content type is its ``Override`` or, failing that, its extension's
        ``Default``. ``PackageError`` if a related part or a content type is missing.
        """
        with zipfile.ZipFile(file) as archive:
            return _Reader(archive).package()

    def iter_rels(self) -> Iterator[Relationship]:
        """Every relationship to a part, depth first, each part entered once (python-docx)."""
        visited: set[int] = set()

        def walk(rels: Relationships) -> Iterator[Relationship]:
            for rel in list(rels.values()):
                if rel.external:
                    continue
                yield rel
                if id(rel.part) not in visited:
                    visited.add(id(rel.part))
                    yield from walk(rel.part.rels)

        yield from walk(self.rels)

    def iter_parts(self) -> Iterator[Part]:
        """Every part once, in the order :meth:`iter_rels` first reaches it."""
        seen: set[int] = set()
        for rel in self.iter_rels():
            if id(rel.part) not in seen:
                seen.add(id(rel.part))
                yield rel.part

    def part_related_by(self, reltype: str) -> Part:
        """The one part the package relates by ``reltype``."""
        return self.rels.part_with_reltype(reltype)

    @property
    def main_document(self) -> Part:
        """The main document part (``word/document.xml``)."""
        return self.part_related_by(RT_OFFICE_DOCUMENT)

    def next_partname(self, template: str) -> str:
        """The first name ``template % n`` (n from 1) no part has: ``/word/header%d.xml``."""
        names = {part.partname for part in self.iter_parts()}
        number = 1
        while template % number in names:
            number += 1
        return template % number

    def write(self, file: str | IO[bytes]) -> None:
        """Write the package as python-docx saves it (members, order, compression)."""
        parts = list(self.iter_parts())
        with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", _content_types(parts))
            archive.writestr("_rels/.rels", self.rels.xml())
            for part in parts:
                archive.writestr(part.partname[1:], part.blob)
                if part.rels:
                    archive.writestr(_rels_name(part.partname), part.rels.xml())


def _content_types(parts: list[Part]) -> bytes:
    """``[Content_Types].xml`` for ``parts``: defaults by extension, then overrides by name."""
    defaults = {"rels": CT_RELATIONSHIPS, "xml": CT_XML}
    overrides: dict[str, str] = {}
    for part in parts:
        extension = _extension(part.partname)
        if (extension.lower(), part.content_type) in DEFAULT_CONTENT_TYPES:
            defaults[extension.lower()] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    items = [
        f'<Default Extension="{_attribute(ext)}" ContentType="{_attribute(defaults[ext])}"/>'
        for ext in sorted(defaults)
    ]
    items += [
        f'<Override PartName="{_attribute(name)}" ContentType="{_attribute(overrides[name])}"/>'
        for name in sorted(overrides)
    ]
    return _DECLARATION + f'<Types xmlns="{_CT_NS}">{"".join(items)}</Types>'.encode()


class _Reader:
    """Reads a package as python-docx's ``PackageReader`` and ``Unmarshaller`` do."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        types = parse_xml(self._member("[Content_Types].xml"))
        for item in types:
            if item.tag == f"{{{_CT_NS}}}Override":
                self.overrides[item.get("PartName").lower()] = item.get("ContentType")
            elif item.tag == f"{{{_CT_NS}}}Default":
                self.defaults[item.get("Extension").lower()] = item.get("ContentType")
        self.parts: dict[str, Part] = {}

    def _member(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except KeyError:
            raise PackageError(f"the package has no {name}") from None

    def _rels_of(self, partname: str) -> list[tuple[str, str, str, bool]]:
        """(id, type, target, external) of each relationship of ``partname``, in order."""
        try:
            xml = self.archive.read(_rels_name(partname))
        except KeyError:
            return []
        found = []
        for rel in parse_xml(xml).iterchildren(f"{{{_RELS_NS}}}Relationship"):
            external = rel.get("TargetMode", "Internal") == "External"
            found.append((rel.get("Id"), rel.get("Type"), rel.get("Target"), external))
        return found

    def _content_type(self, partname: str) -> str:
        found = self.overrides.get(partname.lower())
        if found is None:
            found = self.defaults.get(_extension(partname).lower())
        if found is None:
            raise PackageError(f"no content type for partname '{partname}'")
        return found

    def package(self) -> Package:
        package = Package()
        pending: list[tuple[Relationships, list[tuple[str, str, str, bool]]]] = []
        self._load(package.rels, "/", pending)
        for rels, items in pending:
            for rid, reltype, target, external in items:
                if external:
                    rels.add(reltype, target, rid, external=True)
                else:
                    partname = posixpath.abspath(posixpath.join(rels.base_uri, target))
                    rels.add(reltype, self.parts[partname], rid)
        return package

    def _load(
        self,
        rels: Relationships,
        source: str,
        pending: list[tuple[Relationships, list[tuple[str, str, str, bool]]]],
    ) -> None:
        """Read the parts ``source`` relates to, depth first, and remember its relationships."""
        items = self._rels_of(source)
        pending.append((rels, items))
        for _, _, target, external in items:
            if external:
                continue
            partname = posixpath.abspath(posixpath.join(rels.base_uri, target))
            if partname in self.parts:
                continue
            blob = self._member(partname[1:])
            part = Part(partname, self._content_type(partname), blob)
            if part.is_xml:
                _ = part.element  # parsed now, as python-docx does: a broken part is refused
            self.parts[partname] = part
            self._load(part.rels, partname, pending)
