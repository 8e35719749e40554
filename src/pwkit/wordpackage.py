"""A Word .docx given by the user (the reference document), read as untrusted input.

A .docx is a zip: a few KB on disk can expand to gigabytes, its index can declare sizes
that its data does not have, and its XML can hold anything. Every zip pwkit reads goes
through ``read_docx``, which reads the file once, within the limits below, and checks that it
holds a Word document before anything parses it. ``check`` (PW013) and ``export`` give the
same answer because they call the same function.

The limits, in one place:

- ``MAX_PART_BYTES`` (50 MB) per part once decompressed. A reference document matters for
  its styles: its ``styles.xml`` is well under 1 MB even in large corporate templates; the
  biggest legitimate parts are pictures and embedded fonts (a full CJK font is about 20 MB).
- ``MAX_TOTAL_BYTES`` (200 MB) for the file and for all its parts once decompressed: python-docx
  keeps every part in memory and parses the XML ones (several times their size), so this keeps
  an export well under a gigabyte while accepting a template full of pictures.
- ``MAX_PARTS`` (5,000) parts: Word writes a few dozen, a few hundred with many pictures.
  They are counted before the zip's index is parsed (each entry costs memory).

Both the sizes the zip's index declares and the bytes actually decompressed are counted: a
part whose data does not match what the index says is reported as damaged.
"""

from __future__ import annotations

import io
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pwkit.base.fsutil import mode_problem
from pwkit.base.italian import number

if TYPE_CHECKING:
    import zipfile

MB = 1024 * 1024
MAX_PART_BYTES = 50 * MB
MAX_TOTAL_BYTES = 200 * MB
MAX_PARTS = 5_000

_CHUNK = 64 * 1024
#: How each entry of a zip's index (central directory) starts.
_DIRECTORY_ENTRY = b"PK\x01\x02"

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
_RESAVE = (
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


def size_text(size: int) -> str:
    """A size as an Italian reads it: «800 KB», «50 MB», «60,5 MB», «3,5 GB»."""
    if size >= 1024 * MB:
        return f"{size / 1024 / MB:.1f} GB".replace(".", ",")
    if size >= MB:
        whole = size % MB == 0
        return f"{size // MB} MB" if whole else f"{size / MB:.1f} MB".replace(".", ",")
    return f"{-(-size // 1024)} KB"


def _limits() -> str:
    return f"{size_text(MAX_PART_BYTES)} per parte, {size_text(MAX_TOTAL_BYTES)} in tutto"


def _too_big(what: str) -> PackageProblem:
    return PackageProblem(
        f"è troppo grande: {what} (il massimo è {_limits()}).",
        "Un documento di riferimento serve solo per gli stili: usa un documento Word con poche "
        f"pagine, senza immagini pesanti, {HINT_FIX}.",
    )


def _damaged(what: str) -> PackageProblem:
    return PackageProblem(
        f"è danneggiato: {what}",
        f"{_RESAVE}, {HINT_FIX}.",
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


def _not_a_docx(path: Path) -> PackageProblem:
    return PackageProblem("non è un documento Word (.docx) valido.", format_hint(path))


# -- sizes -------------------------------------------------------------------------------


@dataclass
class Budget:
    """Decompressed bytes allowed: per part and in total; ``used`` so far."""

    part: int = field(default_factory=lambda: MAX_PART_BYTES)
    total: int = field(default_factory=lambda: MAX_TOTAL_BYTES)
    used: int = 0

    def spend(self, name: str, size: int, added: int) -> None:
        """Count ``added`` bytes of part ``name``, which has ``size`` bytes so far."""
        self.used += added
        if size > self.part:
            raise _too_big(
                f"la parte «{name}» occupa più di {size_text(self.part)} una volta decompressa"
            )
        if self.used > self.total:
            raise _too_big(f"una volta decompresso occupa più di {size_text(self.total)}")


def read_part(
    stream: IO[bytes], name: str, budget: Budget, feed: Callable[[bytes], object] | None = None
) -> int:
    """Read a part to its end, counting its bytes against ``budget``; how many there were.

    ``feed`` receives each chunk (to parse or keep it) once it has been counted.
    """
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        budget.spend(name, size, len(chunk))
        if feed is not None:
            feed(chunk)
    return size


# -- reading -----------------------------------------------------------------------------


def read_docx(path: Path) -> bytes:
    """The bytes of the .docx at ``path``, checked: within the limits, a Word document inside.

    Raises ``PackageProblem`` (what is wrong, in Italian) or ``OSError``. A FIFO or a device
    is never opened for reading in a way that could block.
    """
    raw = _read_file(path)
    check_docx(raw, path)
    return raw


def _read_file(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        problem = mode_problem(info.st_mode)
        if problem is not None:
            raise PackageProblem(problem, f"Indica un file .docx, {HINT_FIX}.")
        if info.st_size > MAX_TOTAL_BYTES:
            raise _too_big(f"il file occupa {size_text(info.st_size)}")
        raw = handle.read(MAX_TOTAL_BYTES + 1)
    if len(raw) > MAX_TOTAL_BYTES:
        raise _too_big(f"il file occupa più di {size_text(MAX_TOTAL_BYTES)}")
    return raw


@dataclass
class _Contents:
    """What the structure check needs from the parts, gathered while they are read."""

    names: set[str] = field(default_factory=set)
    roots: dict[str, str] = field(default_factory=dict)
    relationships: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)


def check_docx(raw: bytes, path: Path) -> None:
    """Raise ``PackageProblem`` unless ``raw`` is a .docx within the limits (see the module)."""
    import zipfile

    entries = raw.count(_DIRECTORY_ENTRY)
    if entries > MAX_PARTS:
        raise _too_many(entries)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        raise _not_a_docx(path) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise _too_many(len(members))
        names = {member.filename for member in members}
        if not {"[Content_Types].xml", "_rels/.rels"} <= names:  # an OPC package has both
            raise _not_a_docx(path)
        _check_declared(members)
        contents = _Contents()
        actual = Budget()
        for member in members:
            _read_member(archive, member, actual, contents)
    _check_structure(contents, path)


def _check_declared(members: list[zipfile.ZipInfo]) -> None:
    """The sizes the zip's index declares, before anything is decompressed."""
    for member in members:
        if member.file_size > MAX_PART_BYTES:
            raise _too_big(
                f"la parte «{member.filename}» occupa {size_text(member.file_size)} una volta "
                "decompressa"
            )
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise _too_big(f"una volta decompresso occupa {size_text(total)}")


def _too_many(count: int) -> PackageProblem:
    return PackageProblem(
        f"contiene troppe parti ({number(count)}; il massimo è {number(MAX_PARTS)}).",
        f"{_RESAVE}, {HINT_FIX}.",
    )


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: Budget, contents: _Contents
) -> None:
    import zipfile
    import zlib

    name = member.filename
    contents.names.add(name)
    xml = _XmlPart(name, contents) if name.lower().endswith((".xml", ".rels")) else None
    try:
        with archive.open(member) as stream:
            read_part(stream, name, budget, None if xml is None else xml.feed)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise _damaged(
            f"la parte «{name}» non corrisponde a quanto dichiarato nell'indice del file."
        ) from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise _damaged(f"la parte «{name}» è compressa o cifrata in modo non leggibile.") from exc
    if xml is not None:
        xml.close()


class _XmlPart:
    """Checks that one XML part is well formed as it is read, and notes what the check needs.

    No tree is built. A DOCTYPE (which OOXML forbids, and entity bombs need) is refused.
    """

    def __init__(self, name: str, contents: _Contents) -> None:
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
        self._parse(chunk, final=False)

    def close(self) -> None:
        self._parse(b"", final=True)

    def _parse(self, data: bytes, *, final: bool) -> None:
        try:
            self.parser.Parse(data, final)
        except self.error as exc:
            raise _damaged(
                f"la parte «{self.name}» non è XML valido (riga {exc.lineno})."
            ) from None

    def _doctype(self, *_: object) -> None:
        raise _damaged(
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


# -- structure ---------------------------------------------------------------------------


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


def _related(contents: _Contents, source: str, kind: str) -> list[str]:
    """The internal parts ``source`` relates to with type ``kind`` (``styles``...)."""
    return [
        _target(source, rel)
        for rel in contents.relationships.get(_rels_of(source), [])
        if rel.get("Type") == _RT + kind and rel.get("TargetMode", "Internal") != "External"
    ]


def _content_type(contents: _Contents, part: str) -> str:
    found = contents.overrides.get(part.lower())
    if found is not None:
        return found
    return contents.defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")


def _check_structure(contents: _Contents, path: Path) -> None:
    """A main document part of the right type and root; styles, settings, numbering too."""
    package = contents.relationships.get("_rels/.rels", [])
    if any(rel.get("Type", "").startswith(_STRICT_RT) for rel in package):
        raise PackageProblem(
            "è salvato nel formato «Strict Open XML», che pwkit non legge.",
            f"{_RESAVE} (non «Documento Strict Open XML»), {HINT_FIX}.",
        )
    mains = _related(contents, "", "officeDocument")
    if "[Content_Types].xml" not in contents.names or not mains or mains[0] not in contents.names:
        raise _not_a_docx(path)
    main = mains[0]
    kind = _content_type(contents, main)
    if kind in _OTHER_WORD_FILES:
        suffix, label = _OTHER_WORD_FILES[kind]
        raise PackageProblem(
            f"è {label} ({suffix}), non un documento .docx.", f"{_RESAVE}, {HINT_FIX}."
        )
    if kind != WORD_DOCUMENT:
        raise _not_a_docx(path)
    _expect_root(contents, main, "w:document", "il testo del documento")
    for kind, (tag, label) in _ROOTS.items():
        for part in _related(contents, main, kind):
            if part in contents.names:
                _expect_root(contents, part, tag, label)


def _expect_root(contents: _Contents, part: str, tag: str, label: str) -> None:
    local = tag.split(":")[1]
    found = contents.roots.get(part, "")
    if found == f"{_W} {local}":
        return
    shown = found.rsplit(" ", 1)[-1]
    if found.startswith(f"{_W} "):
        shown = f"w:{shown}"
    raise _damaged(
        f"la parte «{part}» dovrebbe contenere {label} (elemento «{tag}»), invece contiene "
        f"«{shown or 'nulla'}»."
    )
