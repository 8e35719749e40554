"""The parts of a .docx: what makes a zip a Word document, and the Italian for why not.

``wordpackage`` reads the zip within its limits and hands each XML part to ``XmlPart`` as it
is decompressed; ``check_structure`` then looks at what was gathered: a main document of the
right type, with the styles, settings and numbering the export parses.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_RT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: Main parts of other Word files python-docx does not open, with their extension.
_OTHER_WORD_FILES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        ".dotx",
        "un modello di Word",
    ),
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        ".docm",
        "un documento di Word con macro",
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        ".dotm",
        "un modello di Word con macro",
    ),
}
#: Parts the export parses, by relationship from the main document, and their root element.
_ROOTS = {
    "styles": ("w:styles", "gli stili"),
    "settings": ("w:settings", "le impostazioni"),
    "numbering": ("w:numbering", "la numerazione degli elenchi"),
}

HINT_FIX = "oppure togli «modello_word» da progetto.yaml per usare gli stili di pwkit"
RESAVE = (
    "Aprilo in Word e salvalo di nuovo con «Salva con nome», scegliendo «Documento di Word "
    "(*.docx)»"
)


class PackageProblem(Exception):
    """Why a file is not a usable .docx.

    ``what`` completes «Il documento Word di riferimento «x» …»; ``hint`` says what to do.
    """

    def __init__(self, what: str, hint: str) -> None:
        super().__init__(what)
        self.what = what
        self.hint = hint


def damaged(what: str) -> PackageProblem:
    """The problem of a file whose parts are not what a .docx holds."""
    return PackageProblem(
        f"è danneggiato: {what}",
        f"{RESAVE}, {HINT_FIX}.",
    )


def format_hint(path: Path) -> str:
    """What to do with a file that is not a .docx, from its extension."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        kind = "È nel vecchio formato .doc: aprilo in Word e salvalo"
    elif suffix in {".dotx", ".dotm", ".docm"}:
        kind = f"È un file {suffix}: aprilo in Word e salvalo"
    else:
        kind = "Aprilo in Word o LibreOffice e salvalo di nuovo"
    return f"{kind} come «Documento di Word (*.docx)», {HINT_FIX}."


def not_a_docx(path: Path) -> PackageProblem:
    """The problem of a file that is no Word document at all."""
    return PackageProblem("non è un documento Word (.docx) valido.", format_hint(path))


@dataclass
class Contents:
    """What the structure check needs from the parts, gathered while they are read."""

    names: set[str] = field(default_factory=set)
    roots: dict[str, str] = field(default_factory=dict)
    relationships: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)


class XmlPart:
    """Checks that one XML part is well formed as it is read, and notes what the check needs.

    No tree is built. A DOCTYPE (which OOXML forbids, and entity bombs need) is refused.
    """

    def __init__(self, name: str, contents: Contents) -> None:
        from xml.parsers import expat

        self.name = name
        self.contents = contents
        self.error = expat.ExpatError
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.is_rels = name.lower().endswith(".rels")
        self.is_types = name == "[Content_Types].xml"

    def feed(self, chunk: bytes) -> None:
        """Parse the next bytes of the part."""
        self._parse(chunk, final=False)

    def close(self) -> None:
        """Finish the part: an XML document cut short is damaged."""
        self._parse(b"", final=True)

    def _parse(self, data: bytes, *, final: bool) -> None:
        try:
            self.parser.Parse(data, final)
        except self.error as exc:
            raise damaged(f"la parte «{self.name}» non è XML valido (riga {exc.lineno}).") from None

    def _doctype(self, *_: object) -> None:
        raise damaged(
            f"la parte «{self.name}» contiene una dichiarazione DOCTYPE, che i documenti "
            "Word non hanno."
        )

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        contents = self.contents
        if self.name not in contents.roots:
            contents.roots[self.name] = tag
            if not (self.is_rels or self.is_types):
                self.parser.StartElementHandler = None  # only the root matters
                return
        if self.is_rels and tag == f"{_RELS} Relationship":
            contents.relationships.setdefault(self.name, []).append(attrs)
        elif self.is_types and tag == f"{_TYPES} Default":
            contents.defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")
        elif self.is_types and tag == f"{_TYPES} Override":
            part = attrs.get("PartName", "").lstrip("/").lower()
            contents.overrides[part] = attrs.get("ContentType", "")


def _rels_of(part: str) -> str:
    """The relationships of ``part``: ``word/document.xml`` → ``word/_rels/document.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _target(source: str, relationship: dict[str, str]) -> str:
    """The part a relationship of ``source`` points to, as a zip member name."""
    target = relationship.get("Target", "")
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _related(contents: Contents, source: str, kind: str) -> list[str]:
    """The internal parts ``source`` relates to with type ``kind`` (``styles``...)."""
    return [
        _target(source, rel)
        for rel in contents.relationships.get(_rels_of(source), [])
        if rel.get("Type") == _RT + kind and rel.get("TargetMode", "Internal") != "External"
    ]


def _content_type(contents: Contents, part: str) -> str:
    found = contents.overrides.get(part.lower())
    if found is not None:
        return found
    return contents.defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")


def check_structure(contents: Contents, path: Path) -> None:
    """A main document part of the right type and root; styles, settings, numbering too."""
    package = contents.relationships.get("_rels/.rels", [])
    if any(rel.get("Type", "").startswith(_STRICT_RT) for rel in package):
        raise PackageProblem(
            "è salvato nel formato «Strict Open XML», che pwkit non legge.",
            f"{RESAVE} (non «Documento Strict Open XML»), {HINT_FIX}.",
        )
    mains = _related(contents, "", "officeDocument")
    if "[Content_Types].xml" not in contents.names or not mains or mains[0] not in contents.names:
        raise not_a_docx(path)
    main = mains[0]
    kind = _content_type(contents, main)
    if kind in _OTHER_WORD_FILES:
        suffix, label = _OTHER_WORD_FILES[kind]
        raise PackageProblem(
            f"è {label} ({suffix}), non un documento .docx.", f"{RESAVE}, {HINT_FIX}."
        )
    if kind != WORD_DOCUMENT:
        raise not_a_docx(path)
    _expect_root(contents, main, "w:document", "il testo del documento")
    for kind, (tag, label) in _ROOTS.items():
        for part in _related(contents, main, kind):
            if part in contents.names:
                _expect_root(contents, part, tag, label)


def _expect_root(contents: Contents, part: str, tag: str, label: str) -> None:
    local = tag.split(":")[1]
    found = contents.roots.get(part, "")
    if found == f"{_W} {local}":
        return
    shown = found.rsplit(" ", 1)[-1]
    if found.startswith(f"{_W} "):
        shown = f"w:{shown}"
    raise damaged(
        f"la parte «{part}» dovrebbe contenere {label} (elemento «{tag}»), invece contiene "
        f"«{shown or 'nulla'}»."
    )
