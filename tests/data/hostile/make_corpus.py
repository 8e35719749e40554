"""The hostile-input corpus of issue #5: odd files a user (or Notepad, Word, Excel) can produce.

Each case copies the bundled example, mutates one file and says what pwkit must answer. The
bytes are generated here rather than committed, because many of them (UTF-16, NUL, lone CR,
20 MB, symlinks) do not survive editors, git attributes or zip archives.

    python tests/data/hostile/make_corpus.py OUT_DIR   # writes one project per case, to look at

``tests/e2e/test_hostile.py`` runs every case through ``pwkit check`` (and ``export`` where set).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "provincia-di-valdoria"

S = "sezioni/"
PROSE = S + "14-rete.md"  # a section with accented prose
DATA = S + "06-servizi.md"  # a section with rich front matter
ROLES = S + "07-organizzazione.md"
ECONOMY = S + "10-economia.md"
PLAN = S + "11-piano.md"
LAST_OF_F3 = "    inizio: 2026-11-01\n    fine: 2027-06-30"
TITLE = "Valdoria Casa dei Comuni: il Centro servizi provinciale per il personale"
PROJECT = "progetto.yaml"
CSV = "dati/comuni.csv"

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input and pwkit's expected answer to ``check``.

    ``codes`` are findings that must be reported, as ``CODE`` or ``CODE:severity`` (``errore``
    or ``avviso``); ``only`` means nothing else may be reported; ``fragment`` must occur in the
    message of one of them; ``export`` is the expected exit code of ``export`` (None: not run).
    """

    family: str
    name: str
    mutate: Mutation
    exit: int
    codes: tuple[str, ...] = ()
    only: bool = False
    fragment: str | None = None
    export: int | None = None
    file: str | None = None  # the file the first expected finding points at


# --- mutations --------------------------------------------------------------------------


def text_of(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def sub(rel: str, old: str, new: str, *, count: int = 1) -> Mutation:
    def mutate(root: Path) -> None:
        text = text_of(root, rel)
        assert old in text, f"{old!r} not in {rel}"
        (root / rel).write_bytes(text.replace(old, new, count).encode("utf-8"))

    return mutate


def recode(rel: str, encoding: str, *, newline: str = "\n") -> Mutation:
    def mutate(root: Path) -> None:
        text = text_of(root, rel).replace("\n", newline)
        (root / rel).write_bytes(text.encode(encoding))

    return mutate


def write(rel: str, data: bytes | Callable[[], bytes]) -> Mutation:
    def mutate(root: Path) -> None:
        (root / rel).write_bytes(data() if callable(data) else data)

    return mutate


def then(*steps: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for step in steps:
            step(root)

    return mutate


def front(rel: str, yaml: str) -> Mutation:
    """Insert YAML lines right after the opening ``---`` of a section."""

    def mutate(root: Path) -> None:
        text = text_of(root, rel)
        assert text.startswith("---\n")
        (root / rel).write_bytes(("---\n" + yaml + text[4:]).encode("utf-8"))

    return mutate


def append(rel: str, data: str) -> Mutation:
    def mutate(root: Path) -> None:
        with (root / rel).open("ab") as handle:
            handle.write(data.encode("utf-8"))

    return mutate


def link(rel: str, target: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / rel
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)

    return mutate


def directory(rel: str) -> Mutation:
    def mutate(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()

    return mutate


def png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def docx() -> bytes:
    """A small zip with a Word part, as a .docx saved over a section looks."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Città</w:document>" * 50)
    return buffer.getvalue()


def noise() -> bytes:
    return random.Random(5).randbytes(4096)


def huge_section() -> bytes:
    line = "Il Centro servizi gestisce le selezioni uniche per i Comuni del territorio.\n"
    head = "---\nrete: []\n---\n## Titolo\n\n"
    return (head + line * (20 * 1024 * 1024 // len(line) + 1)).encode("utf-8")


ANNEX = "allegati:\n  - titolo: Schema\n    file: {}\n"
LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(8)
    )
)


# --- the reference Word document and tables too large for Word (issue #15)

MODELLO = "allegati/modello.docx"
USE_MODELLO = append(PROJECT, f"documento:\n  modello_word: {MODELLO}\n")


def word_document(*changes: Callable[[dict[str, bytes]], None]) -> Callable[[], bytes]:
    """python-docx's blank document as bytes, its parts (name → bytes) changed in order."""

    def make() -> bytes:
        import io
        import zipfile

        from docx import Document

        source = io.BytesIO()
        Document().save(source)
        with zipfile.ZipFile(source) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        for change in changes:
            change(parts)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return out.getvalue()

    return make


def part_edit(name: str, old: bytes, new: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        assert old in parts[name], f"{old!r} not in {name}"
        parts[name] = parts[name].replace(old, new, 1)

    return change


def part_add(name: str, data: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[name] = data

    return change


def reference(data: bytes | Callable[[], bytes]) -> Mutation:
    """``data`` as the reference document named in progetto.yaml."""
    return then(
        lambda root: (root / "allegati").mkdir(exist_ok=True), write(MODELLO, data), USE_MODELLO
    )


def zip_bomb() -> bytes:
    """60 MB of zeros, deflated to some 60 KB, added to a Word document."""
    import io
    import zipfile

    out = io.BytesIO(word_document()())
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/vuoto.bin", "w") as handle,
    ):
        for _ in range(60):
            handle.write(bytes(1024 * 1024))
    return out.getvalue()


def lying_header() -> bytes:
    """A Word document whose zip index says styles.xml is 1 KB (it is some 340 KB)."""
    import struct

    data = bytearray(word_document()())
    name = b"word/styles.xml"
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 1)
    struct.pack_into("<I", data, at + 24, 1024)
    return bytes(data)


def many_parts() -> bytes:
    import io
    import zipfile

    out = io.BytesIO(word_document()())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        for n in range(10_000):
            archive.writestr(f"customXml/vuoto{n}.bin", b"")
    return out.getvalue()


def fifo(rel: str) -> Mutation:
    def mutate(root: Path) -> None:
        import os

        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).unlink(missing_ok=True)
        os.mkfifo(root / rel)

    return mutate


def each_row(rel: str, change: Callable[[str], str]) -> Mutation:
    """Every data line of a CSV changed (the header kept)."""

    def mutate(root: Path) -> None:
        header, *rows = text_of(root, rel).rstrip("\n").split("\n")
        (root / rel).write_text("\n".join([header, *map(change, rows)]) + "\n", "utf-8")

    return mutate


# --- the territory of 2026: Comuni of a real unit, with codes of 2025 ---------------------

ISTAT_DATA = EXAMPLE.parents[1] / "src" / "pwkit" / "data"


def _istat_rows(name: str) -> list[dict[str, str]]:
    import csv

    with (ISTAT_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def real_comuni(uts: str, *, old: dict[int, tuple[str, str]] | None = None) -> Mutation:
    """``codice_uts`` set to ``uts`` and the example's CSV rows renamed after its Comuni.

    ``old`` puts (code, name) of a Comune no longer in force on the given 0-based rows.
    """

    def mutate(root: Path) -> None:
        import csv
        import io

        sub(PROJECT, "  sigla: VD\n", f'  sigla: VD\n  codice_uts: "{uts}"\n')(root)
        comuni = [r for r in _istat_rows("istat-comuni.csv") if r["codice_uts"] == uts]
        with (root / CSV).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))[: len(comuni)]
        for index, (row, comune) in enumerate(zip(rows, comuni, strict=False)):
            row["codice_istat"], row["comune"] = (old or {}).get(
                index, (comune["codice_istat"], comune["comune"])
            )
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (root / CSV).write_bytes(out.getvalue().encode("utf-8"))

    return mutate


def real_comuni_without_zeros(name: str) -> Mutation:
    """The Comuni CSV of a real Provincia as Excel saves it: codes without leading zeros."""

    def mutate(root: Path) -> None:
        from pwkit.load.istat import find_province

        unit = find_province(name)
        assert unit is not None
        rows = [f"{c.codice_istat.lstrip('0')},{c.comune},5000,30,si" for c in unit.comuni]
        header = "codice_istat,comune,popolazione,dipendenti,ufficio_personale"
        (root / CSV).write_text("\n".join([header, *rows]) + "\n", "utf-8")
        text = text_of(root, PROJECT).replace("  sigla: VD\n", f'  sigla: VD\n  codice_uts: "{unit.codice_uts}"\n')
        (root / PROJECT).write_text(text, "utf-8")

    return mutate


def md_table(columns: int, rows: int) -> str:
    header = "|" + "|".join(f"anno {n}" for n in range(columns)) + "|\n"
    return header + "|" + "---|" * columns + "\n" + ("|" + "1|" * columns + "\n") * rows


WRONG_STYLES_ROOT = word_document(
    part_edit("word/styles.xml", b"<w:styles ", b"<w:numbering "),
    part_edit("word/styles.xml", b"</w:styles>", b"</w:numbering>"),
)
DOTM = word_document(
    part_edit(
        "[Content_Types].xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    )
)
ENTITY_BOMB = word_document(
    part_edit(
        "word/styles.xml",
        b"<w:styles ",
        b'<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><w:styles ',
    )
)
REMOTE_TEMPLATE = word_document(
    part_edit(
        "word/settings.xml",
        b"<w:defaultTabStop",
        b'<w:attachedTemplate r:id="rIdT"/><w:defaultTabStop',
    ),
    part_add(
        "word/_rels/settings.xml.rels",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        b'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="'
        b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        b'Target="file:///\\\\host\\share\\t.dotm" TargetMode="External"/></Relationships>',
    ),
)


def old_sardinian(new_code: str) -> tuple[str, str]:
    """The code of 2025 and the name of the Sardinian Comune whose code is now ``new_code``."""
    row = next(r for r in _istat_rows("istat-sardegna-2026-ricodifica.csv")
               if r["codice_istat"] == new_code)
    return row["codice_istat_precedente"], row["comune"]


# --- the cases --------------------------------------------------------------------------

W, E = "avviso", "errore"

CASES: list[Case] = [
    # Encodings: Windows-1252 / latin-1 / UTF-16 with BOM are read with a warning.
    Case("encoding", "section cp1252", recode(PROSE, "cp1252"), 0,
         (f"PW002:{W}",), only=True, fragment="Windows-1252", export=0, file=PROSE),
    Case("encoding", "section latin-1", recode(PROSE, "latin-1"), 0,
         (f"PW002:{W}",), only=True, fragment="Windows-1252", file=PROSE),
    Case("encoding", "section cp1252 with CRLF (Notepad ANSI)",
         recode(PROSE, "cp1252", newline="\r\n"), 0, (f"PW002:{W}",), only=True, export=0),
    Case("encoding", "progetto.yaml cp1252",
         then(sub(PROJECT, "Luca Fornasari", "Niccolò Fornasari"), recode(PROJECT, "cp1252")),
         0, (f"PW002:{W}",), only=True, file=PROJECT),
    Case("encoding", "comuni.csv cp1252 (Excel ANSI)",
         then(sub(CSV, "Castel Dorena", "Castèl Doréna"), recode(CSV, "cp1252")),
         0, (f"PW002:{W}",), only=True, file=CSV),
    Case("encoding", "section UTF-16 LE with BOM (Notepad «Unicode»)",
         recode(PROSE, "utf-16"), 0, (f"PW002:{W}",), only=True, fragment="UTF-16",
         export=0, file=PROSE),
    Case("encoding", "progetto.yaml UTF-16 BE with BOM",
         write(PROJECT, lambda: b"\xfe\xff" + EXAMPLE.joinpath(PROJECT).read_text(
             encoding="utf-8").encode("utf-16-be")),
         0, (f"PW002:{W}",), only=True, fragment="UTF-16"),
    Case("encoding", "comuni.csv UTF-16 with BOM and CRLF (Excel «Testo Unicode»)",
         recode(CSV, "utf-16", newline="\r\n"), 0, (f"PW002:{W}",), only=True),
    Case("encoding", "section UTF-16 without BOM", recode(PROSE, "utf-16-le"), 1,
         (f"PW002:{E}",), fragment="non è un testo", file=PROSE),
    Case("encoding", "section UTF-8 with BOM", recode(PROSE, "utf-8-sig"), 0, only=True),
    Case("encoding", "progetto.yaml UTF-8 with BOM", recode(PROJECT, "utf-8-sig"), 0,
         only=True),
    Case("encoding", "comuni.csv UTF-8 with BOM (Excel «CSV UTF-8»)", recode(CSV, "utf-8-sig"),
         0, only=True, export=0),
    Case("encoding", "byte undefined in cp1252 (0x81)", write(PROSE, lambda: EXAMPLE.joinpath(PROSE).read_bytes() + b"\nCitt\x81\n"),
         1, (f"PW002:{E}",), fragment="0x81", file=PROSE),
    Case("encoding", "lone surrogate encoded in UTF-8 (CESU)", write(PROSE, lambda: EXAMPLE.joinpath(PROSE).read_bytes() + b"\nEmoji \xed\xa0\xbd\xed\xb8\x80 rotta.\n"),
         1, (f"PW002:{E}",), only=True, fragment="byte non validi", export=1, file=PROSE),
    Case("encoding", "cp1252 fragment pasted into a UTF-8 file",
         write(PROSE, lambda: EXAMPLE.joinpath(PROSE).read_bytes() + "\nCosì è, perché sì.\n".encode("cp1252")),
         1, (f"PW002:{E}",), only=True, fragment="riga", file=PROSE),
    Case("encoding", "lone surrogate as a YAML escape", sub(PROJECT, "titolo: ", 'titolo: "\\ud800" #'),
         1, ("PW003",), fragment="«\\u»", file=PROJECT),
    Case("encoding", "UTF-8 BOM then cp1252 bytes",
         write(PROSE, lambda: b"\xef\xbb\xbf" + EXAMPLE.joinpath(PROSE).read_text(
             encoding="utf-8").encode("cp1252")),
         0, (f"PW002:{W}",), only=True),
    # Line ends.
    Case("line-ends", "section CRLF", recode(PROSE, "utf-8", newline="\r\n"), 0, only=True,
         export=0),
    Case("line-ends", "section lone CR (old Mac)", recode(DATA, "utf-8", newline="\r"), 0,
         only=True, export=0),
    Case("line-ends", "progetto.yaml CRLF", recode(PROJECT, "utf-8", newline="\r\n"), 0,
         only=True),
    Case("line-ends", "progetto.yaml lone CR", recode(PROJECT, "utf-8", newline="\r"), 0,
         only=True),
    Case("line-ends", "comuni.csv CRLF", recode(CSV, "utf-8", newline="\r\n"), 0, only=True),
    Case("line-ends", "comuni.csv lone CR", recode(CSV, "utf-8", newline="\r"), 0, only=True),
    Case("line-ends", "mixed CRLF, CR and LF",
         sub(PROSE, "\n", "\r\n", count=3), 0, only=True),
    Case("line-ends", "no newline at end of file",
         write(PROSE, lambda: EXAMPLE.joinpath(PROSE).read_bytes().rstrip(b"\n")), 0,
         only=True),
    # Control characters.
    Case("control", "NUL in prose", append(PROSE, "\nTesto\x00incollato.\n"), 1,
         ("PW007",), only=True, fragment="U+0000", export=1, file=PROSE),
    Case("control", "vertical tab in prose", append(PROSE, "\nRiga\x0bspezzata.\n"), 1,
         ("PW007",), only=True, fragment="U+000B"),
    Case("control", "form feed in prose", append(PROSE, "\nPagina\x0cnuova.\n"), 1,
         ("PW007",), only=True, fragment="U+000C"),
    Case("control", "ESC in progetto.yaml", sub(PROJECT, "Valdoria\n", "Val\x1bdoria\n"), 1,
         ("PW007",), fragment="U+001B", file=PROJECT),
    Case("control", "NUL in a YAML value", sub(DATA, "  - id: S1\n", "  - id: S\x001\n"), 1,
         ("PW007",), file=DATA),
    Case("control", "U+FFFF in prose", append(PROSE, "\nFine\uffff.\n"), 1, ("PW007",),
         only=True, fragment="U+FFFF"),
    Case("control", "NBSP, zero-width space, U+2028 in prose are fine",
         append(PROSE, "\nSpazio\u00a0duro,\u200b larghezza zero\u2028e separatore.\n"), 0,
         only=True),
    # Binary files in place of text.
    Case("binary", "PNG instead of a section", write(PROSE, png), 1, (f"PW002:{E}",),
         fragment="non è un testo", export=1, file=PROSE),
    Case("binary", ".docx instead of a section", write(DATA, docx), 1, (f"PW002:{E}",),
         fragment="non è un testo", file=DATA),
    Case("binary", "PDF instead of progetto.yaml",
         write(PROJECT, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), 1,
         (f"PW002:{E}",), fragment="non è un testo", file=PROJECT),
    Case("binary", "xlsx instead of comuni.csv", write(CSV, docx), 1, (f"PW002:{E}",),
         fragment="non è un testo", file=CSV),
    Case("binary", "random bytes", write(PROSE, noise), 1, (f"PW002:{E}",), file=PROSE),
    # Empty, huge, long.
    Case("size", "empty section", write(PROSE, b""), 1, ("PW004",), file=PROSE),
    Case("size", "empty progetto.yaml", write(PROJECT, b""), 1, ("PW006",)),
    Case("size", "empty comuni.csv", write(CSV, b""), 1, ("PW009",), file=CSV),
    Case("size", "20 MB section", write(PROSE, huge_section), 1, (f"PW002:{E}",),
         fragment="troppo grande", export=1, file=PROSE),
    Case("size", "100,000-character line in prose",
         append(PROSE, "\n" + "Valdoria" * 12_500 + "\n"), 0, only=True),
    Case("size", "100,000-character YAML value",
         front(DATA, "# " + "commento " * 11_112 + "\n"), 0, only=True),
    Case("size", "front matter over 1 MB", front(DATA, ("# " + "x" * 98 + "\n") * 11_000), 1,
         ("PW003",), fragment="troppo grandi", file=DATA),
    # YAML safety and syntax.
    Case("yaml", "billion laughs", front(DATA, LAUGHS), 1, ("PW003",), fragment="«&»",
         file=DATA),
    Case("yaml", "a single anchor and alias", front(DATA, "x: &v 1\ny: *v\n"), 1,
         ("PW003",), fragment="«&»"),
    Case("yaml", "merge key", front(DATA, "base: &b {a: 1}\naltro:\n  <<: *b\n"), 1,
         ("PW003",)),
    Case("yaml", "10,000-level flow nesting", front(DATA, "x: " + "[" * 10_000 + "]" * 10_000
         + "\n"), 1, ("PW003",), fragment="annidati", file=DATA),
    Case("yaml", "10,000-level block nesting", front(DATA, "x:\n  " + "- " * 10_000 + "1\n"), 1,
         ("PW003",), fragment="annidati"),
    Case("yaml", "60 levels of indented maps",
         front(DATA, "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n"),
         1, ("PW003",), fragment="annidati"),
    Case("yaml", "10,000 unclosed brackets", front(DATA, "x: " + "[" * 10_000 + "\n"), 1,
         ("PW003",)),
    Case("yaml", "duplicate key", sub(PROJECT, "sottotitolo:", "titolo:"), 1, ("PW003",),
         fragment="chiave ripetuta", file=PROJECT),
    Case("yaml", "!!python/object/apply tag",
         front(DATA, 'x: !!python/object/apply:os.system ["touch pwned"]\n'), 1, ("PW003",),
         fragment="etichetta", file=DATA),
    Case("yaml", "!!python/name tag in progetto.yaml",
         sub(PROJECT, "titolo: ", "titolo: !!python/name:os.system "), 1, ("PW003",),
         fragment="etichetta", file=PROJECT),
    Case("yaml", "custom local tag", front(DATA, "x: !custom 3\n"), 1, ("PW003",),
         fragment="etichetta"),
    Case("yaml", "!!binary tag", front(DATA, "x: !!binary aGVsbG8=\n"), 1, ("PW003",),
         fragment="etichetta"),
    Case("yaml", "!!set tag", front(DATA, "x: !!set {a, b}\n"), 1, ("PW003",)),
    Case("yaml", "second document after «...»", front(DATA, "x: 1\n...\n"), 1, ("PW003",),
         fragment="più documenti", file=DATA),
    Case("yaml", "second document in progetto.yaml", append(PROJECT, "---\nb: 1\n"), 1,
         ("PW003",), fragment="più documenti", file=PROJECT),
    Case("yaml", "%YAML directive", front(DATA, "%YAML 1.1\n"), 1, ("PW003",)),
    Case("yaml", "front matter not closed", sub(DATA, "\n---\n", "\n"), 1, ("PW004",),
         file=DATA),
    Case("yaml", "front matter missing", sub(DATA, "---\n", ""), 1, ("PW004",)),
    Case("yaml", "tab indentation", sub(PROJECT, "  nome: Valdoria", "\tnome: Valdoria"), 1,
         ("PW003",), fragment="tabulazione", file=PROJECT),
    Case("yaml", "progetto.yaml is a list", write(PROJECT, b"- a\n- b\n"), 1, ("PW006",)),
    Case("yaml", "progetto.yaml is a plain string", write(PROJECT, b"Progetto Valdoria\n"), 1,
         ("PW006",)),
    Case("yaml", "front matter is a number", sub(DATA, "---\nservizi:", "---\n42\nservizi:"),
         1, ("PW003",)),
    Case("yaml", "complex key", front(DATA, "? [a, b]\n: 1\n"), 1, ("PW005",),
         fragment="«[a, b]»", file=DATA),
    Case("yaml", "numeric key", front(DATA, "1: uno\n"), 1, ("PW005",), only=True,
         fragment="non è un nome di chiave"),
    Case("yaml", "null key", front(DATA, "null: uno\n"), 1, ("PW005",), only=True,
         fragment="«null»"),
    Case("yaml", "unclosed quote", sub(PROJECT, 'versione: "1.0"', 'versione: "1.0'), 1,
         ("PW003",), file=PROJECT),
    # Values of the wrong type or form.
    Case("values", "date written as a number", sub(PROJECT, "data_redazione: 2026-04-20",
         "data_redazione: 20260420"), 1, ("PW006",), file=PROJECT),
    Case("values", "date in Italian form", sub(PROJECT, "data_redazione: 2026-04-20",
         "data_redazione: 20/04/2026"), 1, ("PW006",)),
    Case("values", "impossible date", sub(PROJECT, "data_redazione: 2026-04-20",
         "data_redazione: 2026-02-30"), 1, ("PW006",)),
    Case("values", "number written as a date", sub(S + "02-contesto.md", "    comuni: 13\n",
         "    comuni: 2026-01-13\n"), 1, ("PW006",)),
    Case("values", "negative number", sub(S + "02-contesto.md", "    comuni: 13\n",
         "    comuni: -13\n"), 1, ("PW006",)),
    Case("values", "NaN", sub(S + "02-contesto.md", "    comuni: 13\n", "    comuni: .nan\n"),
         1, ("PW006",), only=True, fragment="NaN"),
    Case("values", "infinity", sub(S + "02-contesto.md", "    comuni: 13\n",
         "    comuni: .inf\n"), 1, ("PW006",)),
    Case("values", "huge integer", sub(S + "02-contesto.md", "    comuni: 13\n",
         "    comuni: " + "9" * 400 + "\n"), 1, ("PW006",), only=True,
         fragment="troppo grande", export=1, file=S + "02-contesto.md"),
    Case("values", "float with huge exponent", sub(S + "02-contesto.md", "    comuni: 13\n",
         "    comuni: 1e400\n"), 1, ("PW006",), only=True, fragment="infinito"),
    Case("values", "leading-zero number unquoted where text is expected",
         sub(PROJECT, 'numero: "41"', "numero: 041"), 0, only=True),
    Case("values", "null where text is required", sub(PROJECT, "sigla: VD", "sigla:"), 1,
         ("PW006",), file=PROJECT),
    Case("values", "list where text is expected", sub(PROJECT, "sigla: VD", "sigla: [VD]"), 1,
         ("PW006",)),
    # Enum values that differ only in case, accents or spacing are read with a warning.
    Case("values", "enum with wrong case", sub(DATA, "area: selezioni_uniche",
         "area: Selezioni_Uniche"), 0, (f"PW006:{W}",), only=True,
         fragment="«selezioni_uniche»", export=0, file=DATA),
    Case("values", "enum with an accent", sub(DATA, "modalita_accesso: accordo_3bis",
         "modalita_accesso: accòrdo_3bis"), 0, (f"PW006:{W}",), only=True),
    Case("values", "enum with spaces for underscores", sub(DATA, "area: selezioni_uniche",
         "area: Selezioni uniche"), 0, (f"PW006:{W}",), only=True),
    Case("values", "legal reference in lower case in a list", sub(DATA, "[DL80_3BIS,",
         "[dl80_3bis,"), 0, (f"PW006:{W}",), only=True, fragment="«DL80_3BIS»"),
    Case("values", "enum value that is not near any", sub(DATA, "area: selezioni_uniche",
         "area: concorsi"), 1, (f"PW006:{E}",), fragment="non ammesso", file=DATA),
    Case("values", "id with a space", sub(DATA, "  - id: S1\n", "  - id: S 1\n"), 1,
         ("PW201",)),
    Case("values", "id in lower case", sub(DATA, "  - id: S1\n", "  - id: s1\n"), 1,
         ("PW201",)),
    Case("values", "key with accent", sub(DATA, "modalita_accesso:", "modalità_accesso:"), 1,
         ("PW005",), fragment="modalita_accesso"),
    # CSV.
    Case("csv", "semicolons and decimal commas (Excel italiano)",
         lambda root: (root / CSV).write_text(
             "\n".join(
                 line.replace(",", ";").replace(".", ",")
                 for line in text_of(root, CSV).split("\n")
             ),
             encoding="utf-8",
         ),
         0, only=True, export=0),
    Case("csv", "Excel: BOM, semicolons and CRLF",
         lambda root: (root / CSV).write_bytes(
             "\r\n".join(
                 line.replace(",", ";").replace(".", ",")
                 for line in text_of(root, CSV).split("\n")
             ).encode("utf-8-sig")
         ),
         0, only=True),
    Case("csv", "quoted newline in a cell", sub(CSV, ",Valdoria,", ',"Val\ndoria",'), 0,
         only=True, export=0),
    Case("csv", "missing column", sub(CSV, "990002,Castel Dorena,43570,258,si,4.5,",
         "990002,Castel Dorena,43570,258,si,4.5"), 1, ("PW009",), fragment="colonne",
         file=CSV),
    Case("csv", "extra column", sub(CSV, "990002,Castel Dorena,43570,258,si,4.5,",
         "990002,Castel Dorena,43570,258,si,4.5,,x"), 1, ("PW009",), fragment="colonne"),
    Case("csv", "header renamed", sub(CSV, "codice_istat,", "codice ISTAT,"), 1, ("PW009",)),
    Case("csv", "unclosed quote", sub(CSV, ",Castel Dorena,", ',"Castel Dorena,'), 1,
         ("PW009",)),
    Case("csv", "header only", lambda root: (root / CSV).write_text(
         text_of(root, CSV).split("\n", 1)[0] + "\n", encoding="utf-8"), 1, ("PW101",),
         only=True, fragment="solo l'intestazione", file=CSV),
    Case("csv", "«SI», «Sì», «NO» written by hand", then(
         sub(CSV, "43570,258,si,", "43570,258,SI,"), sub(CSV, ",si,", ",Sì,"),
         sub(CSV, ",no,", ",NO,")), 0, only=True),
    Case("csv", "thousands separator in a number", sub(CSV, "990002,Castel Dorena,43570,",
         '990002,Castel Dorena,"43.570",'), 1, ("PW009",), fragment="separatori", file=CSV),
    Case("csv", "duplicate ISTAT code", sub(CSV, "990002,", "990001,"), 1, ("PW401",),
         file=CSV),
    Case("csv", "spaces around header names", sub(CSV, "codice_istat,comune,",
         "codice_istat , comune ,"), 0, only=True),
    Case("csv", "ISTAT code with leading zeros lost (Excel)", sub(CSV, "990002,", "99002,"),
         1, ("PW401",), file=CSV),
    Case("csv", "blank lines between rows", sub(CSV, "\n990002,", "\n\n\n990002,"), 0,
         only=True),
    # Paths and links.
    Case("paths", "section is a symlink to /etc/passwd", link(PROSE, "/etc/passwd"), 1,
         ("PW010",), fragment="fuori dalla cartella", export=1, file=PROSE),
    Case("paths", "progetto.yaml is a symlink to /etc/passwd", link(PROJECT, "/etc/passwd"),
         1, ("PW010",), file=PROJECT),
    Case("paths", "comuni.csv is a symlink to /etc/passwd", link(CSV, "/etc/passwd"), 1,
         ("PW010",), fragment="fuori dalla cartella"),
    Case("paths", "section symlink with ../ leaving the project",
         link(PROSE, "../../provincia-di-valdoria/sezioni/14-rete.md"), 1, ("PW010",)),
    Case("paths", "section symlink to another file inside the project",
         then(lambda root: shutil.copy(root / PROSE, root / "rete.md"),
              link(PROSE, "../rete.md")), 0, only=True),
    Case("paths", "section symlink loop", link(PROSE, "14-rete.md"), 1, ("PW010",),
         file=PROSE),
    Case("paths", "dangling section symlink", link(PROSE, "manca.md"), 1, ("PW001",)),
    Case("paths", "section replaced by a folder", directory(PROSE), 1, ("PW001",)),
    Case("paths", "section deleted", lambda root: (root / PROSE).unlink(), 1, ("PW001",),
         file=PROSE),
    Case("paths", "annex ../../x", append(PROJECT, ANNEX.format("../../x")), 1, ("PW010",),
         fragment="fuori", file=PROJECT),
    Case("paths", "annex absolute path", append(PROJECT, ANNEX.format("/etc/passwd")), 1,
         ("PW010",), fragment="fuori"),
    Case("paths", "annex Windows path", append(PROJECT, ANNEX.format("'C:\\Users\\pw.pdf'")),
         1, ("PW010",)),
    Case("paths", "annex that does not exist", append(PROJECT, ANNEX.format("allegati/x.pdf")),
         1, ("PW010",), fragment="non esiste"),
    Case("paths", "logo that is a link to /etc/passwd", then(
         link("allegati/logo.png", "/etc/passwd"),
         append(PROJECT, "documento:\n  loghi: [allegati/logo.png]\n")), 1, ("PW010",),
         only=True, export=1, file=PROJECT),
    Case("paths", "reference Word document outside the project",
         append(PROJECT, "documento:\n  modello_word: ../../modello.docx\n"), 1, ("PW010",),
         only=True, fragment="fuori", file=PROJECT),
    Case("paths", "annex that is a link inside the project", then(
         link("allegati/x.pdf", "schema.pdf"),
         lambda root: (root / "allegati" / "schema.pdf").write_bytes(b"%PDF-1.7\n"), append(PROJECT, ANNEX.format("allegati/x.pdf"))),
         0, only=True),
    Case("paths", "comuni_file leaving the project",
         sub(S + "02-contesto.md", "comuni_file: dati/comuni.csv",
             "comuni_file: ../../etc/passwd"), 1, ("PW010",)),
    # --- the reference Word document and tables too large for Word (issue #15)
    Case("reference", "reference document is a text file", reference(b"Carta intestata"), 1,
         (f"PW013:{E}",), only=True, fragment="non è un documento Word (.docx) valido",
         export=1, file=PROJECT),
    Case("reference", "reference document in the old .doc format",
         reference(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048)), 1, ("PW013",),
         only=True, fragment=".doc"),
    Case("reference", "reference document is a folder",
         then(lambda root: (root / MODELLO).mkdir(parents=True), USE_MODELLO), 1, ("PW010",),
         only=True, fragment="è una cartella", file=PROJECT),
    Case("reference", "reference document is a FIFO", then(fifo(MODELLO), USE_MODELLO), 1,
         ("PW010",), only=True, fragment="non è un file normale", export=1),
    Case("reference", "reference document is a zip without a Word document", reference(docx),
         1, ("PW013",), only=True, fragment="non è un documento Word"),
    Case("reference", "reference document expanding to 60 MB", reference(zip_bomb), 1,
         ("PW013",), only=True, fragment="50 MB per parte", export=1),
    Case("reference", "reference document with a lying zip header", reference(lying_header), 1,
         ("PW013",), only=True, fragment="danneggiato"),
    Case("reference", "reference document with 10,000 parts", reference(many_parts), 1,
         ("PW013",), only=True, fragment="troppe parti"),
    Case("reference", "reference document whose styles.xml has another root",
         reference(WRONG_STYLES_ROOT), 1, ("PW013",), only=True, fragment="«w:styles»"),
    Case("reference", "reference document that is a .dotm template", reference(DOTM), 1,
         ("PW013",), only=True, fragment=".dotm"),
    Case("reference", "reference document with an entity bomb", reference(ENTITY_BOMB), 1,
         ("PW013",), only=True, fragment="DOCTYPE"),
    Case("reference", "reference document attaching a template on a share",
         reference(REMOTE_TEMPLATE), 0, only=True, export=0),
    Case("tables", "Markdown table of 5,000 columns", append(PROSE, "\n" + md_table(5000, 60)),
         1, (f"PW014:{E}",), fragment="5.000 colonne", export=1, file=PROSE),
    Case("tables", "Markdown table of 64 columns", append(PROSE, "\n" + md_table(64, 3)), 1,
         ("PW014",), fragment="al massimo 63"),
    Case("tables", "Markdown table of 63 columns", append(PROSE, "\n" + md_table(63, 3)), 0),
    Case("tables", "Markdown table of 20,010 cells", append(PROSE, "\n" + md_table(10, 2000)),
         1, ("PW014",), fragment="20.010 celle"),
    Case("tables", "a table row with more cells than its header",
         append(PROSE, "\n| a | b |\n|---|---|\n| uno | due | parole perse |\n"), 1,
         (f"PW015:{E}",), only=True, fragment="«parole perse»", export=1, file=PROSE),
    # --- the territory of 2026: codes no longer in force (#15)
    Case("territory", "comuni.csv of Sassari with a Sardinian code of 2025",
         real_comuni("312", old={2: old_sardinian("112003")}), 0, (f"PW401:{W}",), only=True,
         fragment="112003", file=CSV),
    Case("territory", "comuni.csv of Sassari with the codes in force", real_comuni("312"), 0,
         only=True, export=0),
    Case("territory", "comuni.csv of Vicenza with Nanto, merged in 2026",
         real_comuni("024", old={1: ("024071", "Nanto")}), 0, (f"PW401:{W}",), only=True,
         fragment="Castegnero Nanto", file=CSV),
    Case("territory", "codice_uts of the Sardinian unit of 2025 (Sassari, 090)",
         sub(PROJECT, "  sigla: VD\n", '  sigla: VD\n  codice_uts: "090"\n'), 0,
         (f"PW401:{W}",), only=True, fragment="312", file=PROJECT),
    Case("territory", "codice_uts of no unit", sub(PROJECT, "  sigla: VD\n",
         '  sigla: VD\n  codice_uts: "999"\n'), 0, (f"PW401:{W}",), only=True,
         fragment="nessuna unità", file=PROJECT),
    Case("territory", "denominazione overriding the name of the body",
         sub(PROJECT, "  regione: Emilia-Romagna\n",
             "  regione: Emilia-Romagna\n  denominazione: \"Provincia di Valdoria – Ente capofila\"\n"),
         0, only=True, export=0),
    Case("territory", "denominazione left empty", sub(PROJECT, "  regione: Emilia-Romagna\n",
         '  regione: Emilia-Romagna\n  denominazione: ""\n'), 1, ("PW006",), only=True,
         fragment="denominazione", file=PROJECT),
    # --- check shows everything at once, once: what parses is checked (the rest of a section
    # with an invalid value), findings of one cause grouped, the delivery deadline.
    Case("partial", "one bad date and a wrong reference in the same section",
         then(sub(DATA, "avvio: 2027-01-11", "avvio: 11/01/2027"),
              sub(DATA, "kpi: [K1, K2]", "kpi: [K1, K99]")),
         1, ("PW006", "PW202"), only=True, file=DATA),
    Case("partial", "a placeholder in one service, another service without KPI",
         then(sub(DATA, "destinatari: Comuni aderenti alla convenzione quadro",
                  "destinatari: DA COMPILARE"), sub(DATA, "kpi: [K1, K2]", "kpi: []")),
         1, ("PW101", "PW203"), only=True, file=DATA),
    Case("partial", "summary with a date in words and a target beyond the Comuni",
         then(sub(S + "01-sintesi.md", "data_avvio_servizio: 2026-11-02",
                  "data_avvio_servizio: novembre"),
              sub(S + "01-sintesi.md", "comuni_target: 60", "comuni_target: 90")),
         1, ("PW006", "PW403"), only=True, fragment="90", file=S + "01-sintesi.md"),
    Case("partial", "title page with annexes that are not a list, delivered late",
         then(append(PROJECT, "allegati: 5\n"),
              sub(PROJECT, "data_redazione: 2026-04-20", "data_redazione: 2026-05-04")),
         1, ("PW006", "PW306"), only=True, file=PROJECT),
    Case("partial", "target beyond the Comuni while population is still empty",
         then(sub(S + "01-sintesi.md", "comuni_target: 60", "comuni_target: 90"),
              each_row(CSV, lambda row: ",".join(row.split(",")[:2] + [""] * 5))),
         1, ("PW403", "PW101"), only=True, fragment="82 Comuni"),
    Case("partial", "every key of a section with a wrong type", lambda root: (
         root / S / "12-rischi.md").write_text(
             "---\nrischi: {zz: 1}\n---\n" + text_of(root, S + "12-rischi.md").split(
                 "\n---\n", 1)[1], "utf-8"), 1, ("PW006",), only=True),
    Case("grouped", "Excel dropped the leading zeros of a real Provincia",
         real_comuni_without_zeros("Rieti"), 1, ("PW401",), only=True,
         fragment="73 codici ISTAT hanno perso lo zero iniziale", file=CSV),
    Case("grouped", "a column added to the header only",
         sub(CSV, "fte_personale,unione\n", "fte_personale,unione,note\n"), 1, ("PW009",),
         only=True, fragment="«note»", file=CSV),
    Case("grouped", "a whole column written with thousands separators",
         each_row(CSV, lambda row: ",".join(
             f'"{int(cell):,}"'.replace(",", ".") if i == 2 else cell
             for i, cell in enumerate(row.split(","))
         )), 1, ("PW009",), only=True, fragment="62 righe hanno «popolazione» non scritto con le sole cifre", file=CSV),
    Case("grouped", "names with an unquoted comma in three rows",
         then(sub(CSV, ",Castel Dorena,", ",Castel, Dorena,"),
              sub(CSV, ",Borgo Verdano,", ",Borgo, Verdano,"),
              sub(CSV, ",San Lauro in Piano,", ",San Lauro, in Piano,")),
         1, ("PW009",), only=True, fragment="3 righe", file=CSV),
    Case("grouped", "a yes/no column with another word (was an internal error)",
         sub(CSV, "43570,258,si,", "43570,258,forse,"), 1, ("PW009",), only=True,
         fragment="«forse»", file=CSV),
    Case("deadline", "delivery of the Project Work planned after the deadline",
         sub(S + "11-piano.md", "    nome: Consegna del Project Work\n    data: 2026-04-30",
             "    nome: Consegna del Project Work\n    data: 2026-05-15"),
         1, (f"PW306:{E}",), only=True, fragment="30 aprile 2026", file=S + "11-piano.md"),
    Case("deadline", "a draft plans its delivery after the deadline",
         then(sub(PROJECT, "stato: consegnato", "stato: bozza"),
              sub(S + "11-piano.md", "    nome: Consegna del Project Work\n    data: 2026-04-30",
                  "    nome: Consegna del Project Work\n    data: 2026-06-15")),
         0, (f"PW306:{W}",), only=True, fragment="30 aprile 2026"),
    # --- Wrong figures (#15): Italian number formats, dates out of range, typographic quotes
    Case("numbers", "cost per FTE with the thousands point (37.500 is not 37.5)",
         sub(ROLES, "costo_annuo_fte: 37500\n    dal: 2026-09-01",
             "costo_annuo_fte: 37.500\n    dal: 2026-09-01"),
         1, (f"PW006:{E}",), only=True, fragment="Scrivi 37500.", export=1, file=ROLES),
    Case("numbers", "amount with € and the thousands point", sub(ECONOMY, "importo: 2350",
         "importo: € 2.350"), 1, (f"PW006:{E}",), only=True, fragment="Scrivi 2350.",
         file=ECONOMY),
    Case("numbers", "amount with thousands point and decimal comma",
         sub(ECONOMY, "importo: 2350", "importo: 2.350,50"), 1, (f"PW006:{E}",), only=True,
         fragment="Scrivi 2350.50."),
    Case("numbers", "platform cost «14.000,00 €»", sub(S + "09-piattaforme.md",
         "costo_annuo: 14000", "costo_annuo: 14.000,00 €"), 1, (f"PW006:{E}",), only=True,
         fragment="Scrivi 14000.00.", file=S + "09-piattaforme.md"),
    Case("numbers", "whole number in quotes with the thousands point",
         sub(S + "02-contesto.md", "    comuni: 13\n", '    comuni: "1.300"\n'), 1,
         (f"PW006:{E}",), only=True, fragment="Scrivi 1300."),
    Case("numbers", "KPI value with a point before three digits reads two ways",
         sub(S + "13-monitoraggio.md", "      valore: 210\n", "      valore: 1.210\n"), 1,
         (f"PW006:{E}",), only=True, fragment="se separa i decimali scrivi 1.21."),
    Case("numbers", "SLA value 2.500 (a number or a text) reads two ways",
         sub(DATA, "        valore: 130\n", "        valore: 2.500\n"), 1, (f"PW006:{E}",),
         only=True, fragment="Se il punto separa le migliaia scrivi 2500", file=DATA),
    Case("numbers", "FTE 2.000 is two", sub(ROLES, "    fte: 2\n", "    fte: 2.000\n"), 0,
         only=True, export=0),
    Case("numbers", "document version 1.10 unquoted stays 1.10",
         sub(PROJECT, 'versione: "1.0"', "versione: 1.10"), 0, only=True, export=0),
    Case("numbers", "population in the CSV with the thousands point",
         sub(CSV, "990001,Valdoria,104180,", '990001,Valdoria,"104.180",'), 1, ("PW009",),
         only=True, fragment="Scrivi 104180.", file=CSV),
    Case("numbers", "Excel italiano: thousands point in the population, decimal comma in FTE",
         lambda root: (root / CSV).write_text(
             "\n".join(
                 line.replace(",", ";").replace(".", ",").replace(";104180;", ";104.180;")
                 for line in text_of(root, CSV).split("\n")
             ),
             encoding="utf-8",
         ),
         1, ("PW009",), only=True, fragment="Scrivi 104180."),
    Case("dates", "phase ending 9999-12-31", sub(PLAN, LAST_OF_F3, LAST_OF_F3[:-10] + "9999-12-31"),
         1, (f"PW006:{E}",), only=True, fragment="fuori dalle date ammesse", export=1,
         file=PLAN),
    Case("dates", "milestone on 0001-01-01", sub(PLAN, "    data: 2026-04-30",
         "    data: 0001-01-01"), 1, (f"PW006:{E}",), only=True, fragment="1° gennaio 1990"),
    Case("dates", "service starting in 2200", sub(DATA, "    avvio: 2026-11-02",
         "    avvio: 2200-11-02"), 1, (f"PW006:{E}",), only=True, fragment="31 dicembre 2100",
         file=DATA),
    Case("dates", "year 10000 is not a date", sub(PROJECT, "data_redazione: 2026-04-20",
         "data_redazione: 10000-04-20"), 1, (f"PW006:{E}",), only=True, fragment="AAAA-MM-GG",
         file=PROJECT),
    Case("dates", "training period written as a date far in the future",
         sub(S + "15-competenze.md", "    periodo: ottobre 2026", "    periodo: 9999-09-15"), 1,
         (f"PW006:{E}",), only=True, fragment="fuori dalle date ammesse"),
    Case("quotes", "Word quotes around a title with a colon",
         sub(PROJECT, f'titolo: "{TITLE}"', f"titolo: “{TITLE}”"), 0, (f"PW003:{W}",),
         only=True, fragment=f'scrivi titolo: "{TITLE}"', export=0, file=PROJECT),
    Case("quotes", "single typographic quotes around a list item with a colon",
         sub(DATA, "      - Redazione del bando e pubblicazione sul portale inPA\n",
             "      - ‘Redazione del bando: pubblicazione sul portale inPA’\n"),
         0, (f"PW003:{W}",), only=True, fragment="virgolette tipografiche ‘…’", file=DATA),
    Case("quotes", "German quotes around a text with an apostrophe and a colon",
         sub(ROLES, "ruolo: Funzionario selezioni uniche e concorsi",
             "ruolo: „Funzionario dell'ufficio: selezioni uniche“"), 0, (f"PW003:{W}",),
         only=True, fragment="scrivi ruolo: \"Funzionario dell'ufficio: selezioni uniche\""),
    Case("quotes", "Word quotes around a text with a hash",
         sub(ROLES, "ruolo: Funzionario selezioni uniche e concorsi",
             "ruolo: “Funzionario #2 selezioni uniche”"), 0, (f"PW003:{W}",), only=True),
    Case("quotes", "guillemets around a value with a colon",
         sub(ROLES, "ruolo: Funzionario selezioni uniche e concorsi",
             "ruolo: «Funzionario: selezioni uniche»"), 1, (f"PW003:{E}",), only=True,
         fragment='"«Funzionario: selezioni uniche»"', file=ROLES),
    Case("quotes", "Word quotes around a text holding both straight quotes",
         sub(ROLES, "ruolo: Funzionario selezioni uniche e concorsi",
             "ruolo: “Il \"Centro\" dell'ente: selezioni”"), 1, (f"PW003:{E}",), only=True,
         fragment="'Il \"Centro\" dell''ente: selezioni'"),
    Case("quotes", "typographic quotes inside a plain value stay as typed",
         sub(PROJECT, "sottotitolo: Selezioni uniche,",
             "sottotitolo: Il progetto “Comuni in rete” – selezioni uniche,"), 0, only=True),
    Case("quotes", "eighty values in Word quotes",
         front(DATA, "".join(f"x{i}: “a: b”\n" for i in range(80))), 1, ("PW003",),
         fragment="che il YAML non riconosce", file=DATA),
    # --- fixes of #15 meeting each other: Word's quotes, Italian numbers, partial checks
    Case("review", "an amount in Word quotes typed the Italian way",
         sub(ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: “37.500”"), 1, (f"PW006:{E}",),
         only=True, fragment="«“37.500”», con le virgolette tipografiche", export=1, file=ROLES),
    Case("review", "a plain number in Word quotes",
         sub(ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: ‘37500’"), 1, (f"PW006:{E}",),
         only=True, fragment="Scrivi 37500.", file=ROLES),
    Case("review", "a straight quote closed by Word's typographic one",
         sub(PROJECT, f'titolo: "{TITLE}"', f'titolo: "{TITLE}”'), 0, (f"PW003:{W}",),
         only=True, fragment=f'scrivi titolo: "{TITLE}"', export=0, file=PROJECT),
    Case("review", "target beyond the Comuni while a survey figure is left out",
         then(sub(S + "01-sintesi.md", "comuni_target: 60", "comuni_target: 90"),
              sub(S + "03-fabbisogni.md", "comuni_rispondenti: 64", "comuni_rispondenti: molti")),
         1, (f"PW403:{E}", f"PW006:{E}"), only=True, fragment="I Comuni target della sintesi sono 90",
         file=S + "01-sintesi.md"),
    # --- A whole YAML text that is one value opened by a typographic quote (#16)
    Case("quotes", "progetto.yaml that is one value in a Word quote",
         write(PROJECT, "“Valdoria\n".encode()), 1, (f"PW006:{E}",),
         fragment="elenco di voci «chiave: valore»", file=PROJECT),
    Case("quotes", "front matter that is one value in a Word quote",
         sub(S + "01-sintesi.md", "---\n", "---\n“Sintesi\n---\n", count=1), 1,
         (f"PW006:{E}",), fragment="elenco di voci «chiave: valore»", file=S + "01-sintesi.md"),
    # --- Table markers and heading levels in the prose (#18)
    Case("markers", "a marker naming a table the section does not have",
         sub(ECONOMY, "## Tariffe per i Comuni\n",
             "## Tariffe per i Comuni\n\n<!-- tabella: rischi -->\n"),
         0, (f"PW108:{W}",), only=True, fragment="«rischi»", export=0, file=ECONOMY),
    Case("markers", "a marker with no name",
         sub(ECONOMY, "## Costi\n", "## Costi\n\n<!--tabella:-->\n"), 0, (f"PW108:{W}",),
         only=True, export=0, file=ECONOMY),
    Case("markers", "the same table placed twice",
         sub(ECONOMY, "## Costi\n",
             "## Costi\n\n<!-- tabella: tariffe -->\n<!-- TABELLA: Tariffe -->\n"),
         0, (f"PW108:{W}",), only=True, fragment="già collocata", export=0, file=ECONOMY),
    Case("markers", "a marker shown as code is text, not a marker",
         sub(ECONOMY, "## Costi\n", "## Costi\n\n```\n<!-- tabella: nessuna -->\n```\n"), 0,
         (), only=True, export=0),
    Case("markers", "an unterminated marker comment runs to the end and places nothing",
         append(ECONOMY, "\n<!-- tabella: costi\n"), 0, (), only=True, export=0),
    Case("markers", "a heading six levels deep right after a sub-heading",
         sub(ECONOMY, "## Tariffe per i Comuni\n",
             "###### Dettaglio\n\nTesto.\n\n## Tariffe per i Comuni\n"),
         0, (f"PW107:{W}",), only=True, fragment="salta un livello", export=0, file=ECONOMY),
    # --- Template 1.1.0 (#19): editions of the programme, privacy, sources, hiring capacity
    Case("template-1.1", "edition of the programme that the template does not know",
         sub(PROJECT, 'edizione: "2025-2026"', 'edizione: "2031-2032"'), 1, (f"PW006:{E}",),
         only=True, fragment="L'edizione «2031-2032» non è tra quelle del modello", file=PROJECT),
    Case("template-1.1", "edition written as a list",
         sub(PROJECT, 'edizione: "2025-2026"', "edizione: [2025, 2026]"), 1, (f"PW006:{E}",),
         only=True, file=PROJECT),
    Case("template-1.1", "privacy role written as a bare word, not a list",
         sub(DATA, "      ruolo_provincia: [contitolare]\n      dpia: prevista\n      comunicazione_dati: \"Art. 3-bis",
             "      ruolo_provincia: contitolare\n      dpia: prevista\n      comunicazione_dati: \"Art. 3-bis"),
         1, (f"PW006:{E}",), only=True, file=DATA),
    Case("template-1.1", "privacy role that is not one of the three",
         sub(DATA, "      ruolo_provincia: [contitolare]\n      dpia: prevista\n      comunicazione_dati: \"Art. 3-bis",
             "      ruolo_provincia: [delegato]\n      dpia: prevista\n      comunicazione_dati: \"Art. 3-bis"),
         1, (f"PW006:{E}",), only=True, fragment="contitolare", file=DATA),
    Case("template-1.1", "good practice dated the Italian way without quotes",
         sub(S + "04-buone-pratiche.md", "    fonte_data: 2025-10-27", "    fonte_data: 27/10/2025"),
         0, only=True),
    Case("template-1.1", "hiring capacity typed with thousands separators",
         sub(ROLES, "spazi_disponibili: 120000", "spazi_disponibili: 120.000"), 1,
         (f"PW006:{E}",), only=True, file=ROLES),
    Case("template-1.1", "hiring capacity negative",
         sub(ROLES, "spazi_utilizzati: 84500", "spazi_utilizzati: -84500"), 1,
         (f"PW408:{E}",), fragment="capacità assunzionale usata è negativo", file=ROLES),
]


# --- whole commands in hostile situations ------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A command run in a hostile situation, and pwkit's expected answer.

    ``prepare`` changes the copy of the example (and may put a template pack beside it, in
    ``modello/``); ``args`` may name ``{root}`` (the project) and ``{tmp}`` (the folder around
    it). ``fault`` is a failure the test injects in-process while the command writes:
    ``disk-full``, ``read-only``, ``file-too-big``, ``odd-os-error`` (an errno pwkit has no
    words for), ``interrupt`` or ``crash``. ``changes`` are the only paths
    (relative to ``{tmp}``, ``*`` allowed) that may appear or change; everything else must be
    byte-for-byte as before.
    """

    family: str
    name: str
    prepare: Mutation
    args: tuple[str, ...]
    exit: int
    fragment: str | None = None
    fault: str | None = None
    changes: tuple[str, ...] = ()


TEMPLATE = EXAMPLE.parents[1] / "templates" / "province-comuni-personale"
INIT = ("init", "{tmp}/nuovo", "--provincia", "MB", "--no-input")
WITH_PACK = (*INIT, "--modello", "{tmp}/modello")
EXPORT = ("export", "{root}", "-o", "{tmp}/uscita/pw.docx")
EXPORT_HERE = ("export", "{root}", "-o", "{tmp}/pw.docx")  # into a folder that exists


#: A journal left by an upgrade killed after it wrote a new section (and nothing else).
INTERRUPTED_JOURNAL = json.dumps(
    {
        "formato": 1,
        "da": "1.0.0",
        "a": "1.1.0",
        "copia": ".pwkit/backup/20260501-120000",
        "file": {f"{S}09-strumenti-digitali.md": False},
        "cartelle": [],
    }
).encode()


def _init_as(provincia: str) -> tuple[str, ...]:
    """``pwkit init`` of a new folder beside the project, for ``provincia``, without questions."""
    return ("init", "{tmp}/nuovo", "--provincia", provincia, "--no-input")


def nothing(root: Path) -> None:
    """No change: the situation is in the arguments or the fault."""


def pack(*steps: Callable[[Path], None]) -> Mutation:
    """A copy of the bundled template pack in ``modello/`` beside the project, then changed."""

    def mutate(root: Path) -> None:
        target = root.parent / "modello"
        shutil.copytree(TEMPLATE, target)
        for step in steps:
            step(target)

    return mutate


def in_pack(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(target: Path) -> None:
        text = (target / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        (target / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def pack_file(rel: str, data: str) -> Callable[[Path], None]:
    def change(target: Path) -> None:
        (target / rel).write_text(data, encoding="utf-8")

    return change


def beside(rel: str, data: bytes = b"documento precedente") -> Mutation:
    """A file (or, with ``rel`` ending in ``/``, a folder) next to the project."""

    def mutate(root: Path) -> None:
        path = root.parent / rel
        if rel.endswith("/"):
            path.mkdir(parents=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    return mutate


def dangling(rel: str, target: str) -> Mutation:
    """A symbolic link next to the project, to a path (also next to it) that does not exist."""

    def mutate(root: Path) -> None:
        path = root.parent / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(root.parent / target)

    return mutate


def every_skeleton(data: str) -> Callable[[Path], None]:
    def change(target: Path) -> None:
        for skeleton in (target / "sezioni").glob("*.j2"):
            skeleton.write_text(data, encoding="utf-8")

    return change


SKELETON = "sezioni/01-sintesi.md.j2"
FIRST_FILE = "file: sezioni/01-sintesi.md"

UPGRADE = ("upgrade", "{root}", "--modello", "{tmp}/modello")
STATE = ".pwkit/modello.json"
PLATFORMS = S + "09-piattaforme.md"
TOOLS = S + "09-strumenti-digitali.md"
NEWER_VERSION = in_pack("manifest.yaml", 'version: "1.1.0"', 'version: "1.2.0"')
NEWER = pack(NEWER_VERSION)  # the bundled pack as version 1.2.0, beside the project


def migrations(*steps: str) -> Callable[[Path], None]:
    """The pack's migrations to 1.2.0: ``steps``, one YAML flow mapping each."""

    def change(target: Path) -> None:
        listed = "".join(f"      - {step}\n" for step in steps)
        with (target / "manifest.yaml").open("a", encoding="utf-8") as manifest:
            manifest.write(f'\nmigrations:\n  - version: "1.2.0"\n    steps:\n{listed}')

    return change


def annex(rel: str) -> Mutation:
    def mutate(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"%PDF-1.7\n")

    return mutate


def moved_out(rel: str) -> Mutation:
    """``rel`` moved beside the project, a link to it left in its place."""

    def mutate(root: Path) -> None:
        outside = root.parent / "fuori"
        shutil.move(root / rel, outside)
        (root / rel).symlink_to(outside)

    return mutate

RUNS: list[Run] = [
    # Where the Word document goes.
    Run("output", "output folder does not exist", nothing, EXPORT, 2, "non esiste"),
    Run("output", "output path is a folder", beside("uscita/pw.docx/"), EXPORT, 2,
        "è una cartella"),
    Run("output", "output exists, no --force", beside("uscita/pw.docx"), EXPORT, 2,
        "esiste già"),
    Run("output", "output exists, --force", beside("uscita/pw.docx"), (*EXPORT, "--force"), 0,
        changes=("uscita/pw.docx",)),
    Run("output", "output is not a .docx", nothing,
        ("export", "{root}", "-o", "{tmp}/pw.pdf"), 2, ".docx"),
    Run("output", "output folder is a file", beside("uscita"), EXPORT, 2,
        "non una cartella"),
    Run("output", "read-only project folder", nothing, ("export", "{root}"), 2,
        "permesso negato", fault="read-only"),
    Run("output", "disk full mid-export", beside("uscita/"), EXPORT, 2, "spazio su disco esaurito",
        fault="disk-full"),
    Run("output", "disk full mid-export over an existing file", beside("uscita/pw.docx"),
        (*EXPORT, "--force"), 2, "spazio su disco esaurito", fault="disk-full"),
    Run("output", "Ctrl-C mid-export", beside("uscita/"), EXPORT, 130, "Interrotto",
        fault="interrupt"),
    Run("output", "Ctrl-C mid-export over an existing file", beside("uscita/pw.docx"),
        (*EXPORT, "--force"), 130, "Interrotto", fault="interrupt"),
    Run("output", "existing PDF without --force", beside("uscita/pw.pdf"),
        (*EXPORT, "--pdf"), 2, "esiste già"),
    Run("output", "draft over an existing file without --force",
        then(sub(PROSE, "---\n", "---\nxx: 1\n"), beside("uscita/pw.docx")),
        (*EXPORT, "--bozza"), 2, "esiste già"),
    Run("output", "schemas over existing ones without --force",
        beside("schemi/progetto.schema.json", b"{}"),
        ("schema", "-o", "{tmp}/schemi"), 2, "esiste già"),
    # New projects.
    Run("init", "init over a non-empty folder", beside("nuovo/appunti.txt"), INIT, 2,
        "non è vuota"),
    Run("init", "init where a file is", beside("nuovo"), INIT, 2),
    Run("init", "init into an empty folder", beside("nuovo/"), INIT, 0, changes=("nuovo/*",)),
    Run("init", "init on a full disk", nothing, INIT, 2, "spazio su disco esaurito",
        fault="disk-full"),
    Run("init", "init in a read-only folder", nothing, INIT, 2, "permesso negato",
        fault="read-only"),
    Run("init", "Ctrl-C during init", nothing, INIT, 130, "Interrotto", fault="interrupt"),
    Run("init", "Ctrl-C during init in an empty folder", beside("nuovo/"), INIT, 130,
        "Interrotto", fault="interrupt"),
    # Unexpected failures reach the crash funnel: exit 3, a log, nothing half-written.
    Run("crash", "internal error during check", nothing, ("check", "{root}"), 3,
        "Errore interno", fault="crash"),
    Run("crash", "internal error mid-export", beside("uscita/"), EXPORT, 3, "Errore interno",
        fault="crash"),
    Run("crash", "internal error during init", nothing, INIT, 3, "Errore interno",
        fault="crash"),
    # Template packs given with --modello are untrusted input.
    Run("templates", "pack folder without manifest", beside("modello/"), WITH_PACK, 2,
        "manifest.yaml"),
    Run("templates", "pack folder does not exist", nothing, WITH_PACK, 2, "manifest.yaml"),
    Run("templates", "manifest with a YAML error",
        pack(in_pack("manifest.yaml", "title:", "title: [")), WITH_PACK, 2, "YAML non valido"),
    Run("templates", "manifest with billion laughs",
        pack(lambda t: (t / "manifest.yaml").write_text(
            LAUGHS + (t / "manifest.yaml").read_text(encoding="utf-8"), encoding="utf-8")),
        WITH_PACK, 2, "«&»"),
    Run("templates", "manifest with !!python/object tag",
        pack(in_pack("manifest.yaml", "title:", "title: !!python/object/apply:os.system [id]\nx:")),
        WITH_PACK, 2, "etichetta"),
    Run("templates", "manifest with an unknown key",
        pack(in_pack("manifest.yaml", "title:", "titel:")), WITH_PACK, 2, "«title»"),
    Run("templates", "manifest in cp1252", pack(lambda t: (t / "manifest.yaml").write_bytes(
        (t / "manifest.yaml").read_text(encoding="utf-8").encode("cp1252", "replace"))),
        WITH_PACK, 0, changes=("nuovo", "nuovo/*")),
    Run("templates", "section file ../../x", pack(in_pack("manifest.yaml", FIRST_FILE,
        "file: ../../evil.md")), WITH_PACK, 2, "non è un nome di file ammesso"),
    Run("templates", "section file absolute", pack(in_pack("manifest.yaml", FIRST_FILE,
        "file: /tmp/evil.md")), WITH_PACK, 2, "non è un nome di file ammesso"),
    Run("templates", "section file inside .pwkit", pack(in_pack("manifest.yaml", FIRST_FILE,
        "file: .pwkit/modello.json")), WITH_PACK, 2, "non è un nome di file ammesso"),
    Run("templates", "section file Windows path", pack(in_pack("manifest.yaml", FIRST_FILE,
        "file: 'C:\\evil.md'")), WITH_PACK, 2, "non è un nome di file ammesso"),
    Run("templates", "two sections with the same file", pack(in_pack("manifest.yaml",
        FIRST_FILE, "file: sezioni/02-contesto.md")), WITH_PACK, 2, "stesso file"),
    Run("templates", "unknown data model", pack(in_pack("manifest.yaml", "model: Sintesi",
        "model: Inventato")), WITH_PACK, 2, "«Inventato»"),
    Run("templates", "skeleton missing", pack(lambda t: (t / SKELETON).unlink()), WITH_PACK, 2,
        "non esiste"),
    Run("templates", "skeleton is a link to /etc/passwd",
        pack(lambda t: ((t / SKELETON).unlink(), (t / SKELETON).symlink_to("/etc/passwd"))),
        WITH_PACK, 2, "fuori dalla cartella"),
    Run("templates", "skeleton escaping the sandbox",
        pack(pack_file(SKELETON, "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")),
        WITH_PACK, 2, "non permessa"),
    Run("templates", "skeleton including /etc/passwd",
        pack(pack_file(SKELETON, "{% include '../../../../../../etc/passwd' %}\n")),
        WITH_PACK, 2, "non esiste"),
    Run("templates", "skeleton with a Jinja syntax error",
        pack(pack_file(SKELETON, "---\n{% if %}\n---\n")), WITH_PACK, 2, "sintassi Jinja"),
    Run("templates", "skeleton using an unknown variable",
        pack(pack_file(SKELETON, "{{ segreto.valore }}\n")), WITH_PACK, 2, "variabile"),
    Run("templates", "skeleton with a huge loop",
        pack(pack_file(SKELETON, "{% for i in range(10**12) %}x{% endfor %}\n")), WITH_PACK,
        2, "troppe ripetizioni"),
    # --- upgrade: no word lost, nothing read or written outside the project (#15)
    Run("upgrade", "section linked to /etc/passwd", then(link(DATA, "/etc/passwd"), NEWER),
        UPGRADE, 2, "collegamento"),
    Run("upgrade", "backup folder linked out of the project",
        then(beside("fuori/"), link(".pwkit/backup", "../../fuori"), NEWER), UPGRADE, 2,
        "collegamento"),
    Run("upgrade", ".pwkit linked out of the project", then(moved_out(".pwkit"), NEWER),
        UPGRADE, 2, "collegamento"),
    Run("upgrade", "modello.json is a FIFO", then(fifo(".pwkit/modello.json"), NEWER), UPGRADE,
        2, "non è un file normale"),
    Run("upgrade", "a section is a FIFO", then(fifo(DATA), NEWER), UPGRADE, 2,
        "non è un file normale"),
    Run("upgrade", "modello.json version banana",
        then(sub(STATE, '"versione": "1.1.0"', '"versione": "banana"'), NEWER), UPGRADE, 2,
        "«banana»"),
    Run("upgrade", "modello.json nested 100,000 levels",
        then(write(STATE, b'{"versione": "1.1.0", "x": ' + b"[" * 100_000 + b"]" * 100_000
                   + b"}"), NEWER), UPGRADE, 2, "non si legge"),
    Run("upgrade", "migration renames a section onto comuni.csv",
        pack(NEWER_VERSION, migrations(f"rename_file: {{old: {PLATFORMS}, new: {CSV}}}")),
        UPGRADE, 2, "esiste già"),
    Run("upgrade", "migration renames 01 onto 02, then 02 onto 01",
        pack(NEWER_VERSION, migrations(
            f"rename_file: {{old: {S}01-sintesi.md, new: {S}02-contesto.md}}",
            f"rename_file: {{old: {S}02-contesto.md, new: {S}01-sintesi.md}}")),
        UPGRADE, 2, "esiste già"),
    Run("upgrade", "migration renames a section onto an annex",
        then(annex("allegati/delibera.pdf"), pack(NEWER_VERSION, migrations(
            f"rename_file: {{old: {PLATFORMS}, new: allegati/delibera.pdf}}"))),
        UPGRADE, 2, "esiste già"),
    Run("upgrade", "user file where the new template puts a section",
        then(write(TOOLS, b"MY NOTES\n"), pack(NEWER_VERSION,
             in_pack("manifest.yaml", f"file: {PLATFORMS}", f"file: {TOOLS}"),
             migrations(f"rename_file: {{old: {PLATFORMS}, new: {TOOLS}}}"))),
        UPGRADE, 1, "conflitti",
        changes=("progetto/progetto.yaml", f"progetto/{PLATFORMS}",
                 f"progetto/{S}09-strumenti-digitali.modello-1.2.0.md", "progetto/.pwkit/*")),
    Run("upgrade", "disk full mid-upgrade: no partial backup", NEWER, UPGRADE, 2,
        "spazio su disco esaurito", fault="disk-full"),
    Run("upgrade", "Ctrl-C mid-upgrade", NEWER, UPGRADE, 130, "Interrotto", fault="interrupt"),
    Run("upgrade", "dry run on a project already up to date", nothing,
        ("upgrade", "{root}", "--dry-run"), 0, "già aggiornato"),
    # --- Output files, draft names, the report CSV, pack limits, OS errors by name (#15)
    Run("output", "-o in a folder that does not exist", nothing,
        ("export", "{root}", "-o", "{tmp}/manca/dentro/pw.docx"), 2, "non esiste"),
    Run("output", "report -o in a folder that does not exist", nothing,
        ("report", "{root}", "-o", "{tmp}/manca/r.csv"), 2, "non esiste"),
    Run("output", "schema -o in a folder that does not exist", nothing,
        ("schema", "-o", "{tmp}/manca/schemi"), 2, "non esiste"),
    Run("output", "-o is a dangling link", dangling("uscita/pw.docx", "altrove/pw.docx"),
        EXPORT, 2, "esiste già"),
    Run("output", "-o is a dangling link, --force",
        dangling("uscita/pw.docx", "altrove/pw.docx"), (*EXPORT, "--force"), 0,
        changes=("uscita/pw.docx",)),
    Run("output", "a draft gets its own default name", sub(DATA, "priorita: 1", "priorita: alta"),
        ("export", "{root}", "--bozza"), 0,
        changes=("progetto/export", "progetto/export/PW-VD-v1.0-bozza.docx")),
    Run("output", "a draft with a broken cover is named after the Province",
        sub(PROJECT, "  email: chiara.bellandi@", "  email: chiara.bellandi-"),
        ("export", "{root}", "--bozza"), 0,
        changes=("progetto/export", "progetto/export/PW-VD-v1.0-bozza.docx")),
    Run("output", "a version that is a path stays in export",
        sub(PROJECT, 'versione: "1.0"', 'versione: "1/../../../fuori"'), ("export", "{root}"), 0,
        changes=("progetto/export", "progetto/export/PW-VD-v1-fuori.docx")),
    Run("output", "file too big for the disk mid-export (EFBIG)", beside("uscita/"), EXPORT, 2,
        "troppo grande per questo disco", fault="file-too-big"),
    Run("output", "an OS error pwkit has no words for", beside("uscita/"), EXPORT, 2,
        "supporto informatico", fault="odd-os-error"),
    Run("report", "a Provincia named like an Excel formula, CSV",
        sub(PROJECT, "  nome: Valdoria", "  nome: '=HYPERLINK(\"http://x.invalid\";\"clic\")'"),
        ("report", "{root}", "-o", "{tmp}/r.csv"), 0, changes=("r.csv",)),
    Run("templates", "skeleton writing 300 MB",
        pack(pack_file(SKELETON, "{{ 'x' * 300000000 }}\n")), WITH_PACK, 2, "troppo grande"),
    Run("templates", "skeleton with a 100k x 100k loop",
        pack(pack_file(SKELETON, "{% for i in range(100000) %}{% for j in range(100000) %}"
                                 "{% endfor %}{% endfor %}\n")), WITH_PACK, 2, "troppo lavoro"),
    Run("templates", "skeleton with a huge power",
        pack(pack_file(SKELETON, "{{ 9 ** 999999 }}\n")), WITH_PACK, 2, "troppo grande"),
    Run("templates", "skeleton doubling a string forty times",
        pack(pack_file(SKELETON, "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                 "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}\n")),
        WITH_PACK, 2, "troppo grande"),
    Run("templates", "macro calling itself twice, 60 deep",
        pack(pack_file(SKELETON, "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}"
                                 "{% endif %}{% endmacro %}{{ f(60) }}\n")),
        WITH_PACK, 2, "troppo lavoro"),
    Run("templates", "skeletons of 1.9 MB each, 30 MB together",
        pack(every_skeleton("{{ 'x' * 1900000 }}\n")), WITH_PACK, 2, "in tutto"),
    Run("templates", "skeleton dividing by zero", pack(pack_file(SKELETON, "{{ 1 / 0 }}\n")),
        WITH_PACK, 2, "ZeroDivisionError"),
    # --- the reference Word document and tables too large for Word (issue #15)
    Run("reference", "export drops a template attached on a share", reference(REMOTE_TEMPLATE),
        EXPORT_HERE, 0, "t.dotm", changes=("pw.docx",)),
    Run("reference", "draft with a reference expanding to 60 MB", reference(zip_bomb),
        (*EXPORT_HERE, "--bozza"), 2, "50 MB per parte"),
    Run("reference", "draft with a FIFO as reference document", then(fifo(MODELLO), USE_MODELLO),
        (*EXPORT_HERE, "--bozza"), 2, "non è un file normale"),
    Run("reference", "draft with a reference whose styles.xml has another root",
        reference(WRONG_STYLES_ROOT), (*EXPORT_HERE, "--bozza"), 2, "«w:styles»"),
    Run("tables", "draft with a Markdown table of 5,000 columns",
        append(PROSE, "\n" + md_table(5000, 60)), (*EXPORT_HERE, "--bozza"), 0, "Bozza",
        changes=("pw.docx",)),
    # --- init never picks the wrong Provincia (#15)
    Run("territory", "init with a short name (Reggio Emilia)", nothing,
        _init_as("Reggio Emilia"), 0, "42 Comuni", changes=("nuovo", "nuovo/*")),
    Run("territory", "init with a capoluogo for the unit (Barletta)", nothing,
        _init_as("Barletta"), 0, "10 Comuni", changes=("nuovo", "nuovo/*")),
    Run("territory", "init with Pesaro-Urbino", nothing, _init_as("Pesaro-Urbino"), 0,
        "Provincia di Pesaro e Urbino (PU): 50 Comuni", changes=("nuovo", "nuovo/*")),
    Run("territory", "init with an ambiguous name (Reggio)", nothing, _init_as("Reggio"), 2,
        "Reggio Calabria (città metropolitana, Calabria, 97 Comuni)"),
    Run("territory", "init with a unit that no longer exists (Sud Sardegna)", nothing,
        _init_as("Sud Sardegna"), 2, "non è più un'unità"),
    Run("territory", "init with a misspelt name (Pescra)", nothing, _init_as("Pescra"), 2,
        "Pescara (provincia"),
    Run("territory", "init with an unknown name, no --fuori-elenco", nothing,
        _init_as("Valdoria"), 2, "--fuori-elenco"),
    Run("territory", "init with an unknown name and --fuori-elenco", nothing,
        (*_init_as("Valdoria"), "--fuori-elenco"), 0, "0 Comuni",
        changes=("nuovo", "nuovo/*")),
    Run("territory", "init --fuori-elenco with a unit of the list", nothing,
        (*_init_as("BA"), "--fuori-elenco"), 2, "Città metropolitana di Bari"),
    Run("territory", "init with a formula as the name", nothing,
        _init_as("=HYPERLINK(\"http://x\")"), 2, "--fuori-elenco"),
    Run("territory", "init with quotes and a line break as the name, --fuori-elenco",
        nothing, (*_init_as('Val"doria\n# x: 1'), "--fuori-elenco"), 0, "0 Comuni",
        changes=("nuovo", "nuovo/*")),
    Run("territory", "init with a blank name", nothing, _init_as("   "), 0,
        "Provincia non indicata", changes=("nuovo", "nuovo/*")),
    Run("territory", "init with Ogliastra (a unit of 2026)", nothing, _init_as("Ogliastra"),
        0, "Provincia dell'Ogliastra (OG): 23 Comuni", changes=("nuovo", "nuovo/*")),
    # --- JSON for every outcome: with --format json even a failure is JSON on stdout.
    Run("json", "json check of a folder that does not exist", nothing,
        ("check", "{tmp}/manca", "-f", "json"), 2, '"outcome": "usage_error"'),
    Run("json", "json status of a folder that is not a project", nothing,
        ("status", "{tmp}", "--format", "json"), 2, '"outcome": "usage_error"'),
    Run("json", "json check of a section that does not exist", nothing,
        ("check", "{root}", "-f", "json", "--sezione", "99"), 2,
        '"hint": "Le sezioni sono numerate'),
    Run("json", "json check with an unknown rule to ignore", nothing,
        ("check", "{root}", "--format", "json", "--ignore", "PW999"), 2,
        '"outcome": "usage_error"'),
    Run("json", "json check with an internal error", nothing, ("check", "{root}", "-f", "json"),
        3, '"outcome": "internal_error"', fault="crash"),
    # --- Wrong figures (#15): a draft renders whatever dates the check refused
    Run("dates", "draft of a plan whose phase ends 9999-12-31",
        sub(PLAN, LAST_OF_F3, LAST_OF_F3[:-10] + "9999-12-31"), (*EXPORT_HERE, "--bozza"), 0,
        changes=("pw.docx",)),
    Run("dates", "draft of a plan starting 0001-01-01",
        sub(PLAN, "    inizio: 2026-02-03", "    inizio: 0001-01-01"), (*EXPORT_HERE, "--bozza"), 0,
        changes=("pw.docx",)),
    Run("dates", "draft with a milestone in year 9999 and a service in 0001",
        then(sub(PLAN, "    data: 2026-04-30", "    data: 9999-04-30"),
             sub(DATA, "    avvio: 2026-11-02", "    avvio: 0001-11-02")),
        (*EXPORT_HERE, "--bozza"), 0, changes=("pw.docx",)),
    # --- fixes of #15 meeting each other: draft names, JSON after an undone upgrade
    Run("review", "a draft whose Provincia is still DA COMPILARE",
        then(sub(PROJECT, "  nome: Valdoria", '  nome: "DA COMPILARE: nome della Provincia"'),
             sub(PROJECT, "  sigla: VD", '  sigla: "DA COMPILARE: sigla"')),
        ("export", "{root}", "--bozza"), 0,
        changes=("progetto/export", "progetto/export/PW-v1.0-bozza.docx")),
    Run("review", "json check right after an upgrade killed midway",
        then(write(f"{S}09-strumenti-digitali.md", b"---\n---\nscritto a meta\n"),
             write(".pwkit/aggiornamento-in-corso.json", INTERRUPTED_JOURNAL)),
        ("check", "{root}", "-f", "json"), 0, '"notices": [ "L\'aggiornamento del modello',
        changes=(f"progetto/{S}09-strumenti-digitali.md",
                 "progetto/.pwkit/aggiornamento-in-corso.json")),
    # --- Table markers in odd places (#18): the export places what it can, loses nothing
    Run("markers", "markers in a quote, a list and before the first heading",
        then(sub(ECONOMY, "## Costi\n", "<!-- tabella: piano-economico -->\n\n## Costi\n"),
             sub(ECONOMY, "## Tariffe per i Comuni\n",
                 "## Tariffe per i Comuni\n\n> <!-- tabella: tariffe -->\n\n"
                 "- voce\n\n  <!-- tabella: costi -->\n")),
        EXPORT_HERE, 0, changes=("pw.docx",)),
    Run("markers", "a draft whose every table is placed twice and wrongly",
        append(ECONOMY, "".join(f"\n<!-- tabella: {n} -->\n" for n in ("costi", "x") * 40)),
        (*EXPORT_HERE, "--bozza"), 0, changes=("pw.docx",)),
    # --- Template 1.1.0 (#19): the calendar of an edition in status
    Run("template-1.1", "status of a project naming an unknown edition",
        sub(PROJECT, 'edizione: "2025-2026"', 'edizione: "2031-2032"'),
        ("status", "{root}", "--oggi", "2026-12-07"), 0, "è chiusa"),
    Run("template-1.1", "status json long after the edition closed",
        nothing, ("status", "{root}", "-f", "json", "--oggi", "2030-01-01"), 0,
        '"days_left": null'),
    # --- pwkit apri: an address other computers reach, a name that is no address
    Run("apri", "every IPv4 address without --remoto", nothing,
        ("apri", "{root}", "--indirizzo", "0.0.0.0", "--no-browser"), 2,
        "raggiungibile da altri computer"),
    Run("apri", "every IPv6 address without --remoto", nothing,
        ("apri", "{root}", "--indirizzo", "::", "--no-browser"), 2, "--remoto"),
    Run("apri", "an address of the local network without --remoto", nothing,
        ("apri", "{root}", "--indirizzo", "192.0.2.1", "--no-browser"), 2,
        "raggiungibile da altri computer"),
    Run("apri", "a file outside any project", beside("nota.txt"),
        ("apri", "{tmp}/nota.txt", "--no-browser"), 2, "è un file, non una cartella"),
    Run("apri", "a host name that does not exist", nothing,
        ("apri", "{root}", "--indirizzo", "nessun-host.invalid", "--no-browser"), 2,
        "non esiste su questo computer"),
    # --- Template 1.1.0 in the document (#19): odd links of sources, an overrun capacity
    Run("template-1.1-docx", "good practices linking to odd addresses",
        then(sub(S + "04-buone-pratiche.md", "    fonte_data: 2025-10-27\n",
                 '    fonte_data: 2025-10-27\n    fonte_link: "https://esempio.it/\\"<b>&x=1"\n'),
             sub(S + "04-buone-pratiche.md", '    fonte_data: "2022"\n',
                 '    fonte_data: "2022"\n    fonte_link: "javascript:alert(1)"\n'),
             sub(S + "04-buone-pratiche.md", '    fonte_data: "luglio 2025"\n',
                 f'    fonte_data: "luglio 2025"\n    fonte_link: https://esempio.it/{"a" * 5000}\n')),
        EXPORT_HERE, 0, changes=("pw.docx",)),
    Run("template-1.1-docx", "draft whose good practice links with a control character",
        sub(S + "04-buone-pratiche.md", "    fonte_data: 2025-10-27\n",
            '    fonte_data: 2025-10-27\n    fonte_link: "https://esempio.it/\\x01"\n'),
        (*EXPORT_HERE, "--bozza"), 0, changes=("pw.docx",)),
    Run("template-1.1-docx", "draft whose new staff uses far more capacity than there is",
        sub(ROLES, "  spazi_utilizzati: 84500", "  spazi_utilizzati: 9999999999.99"),
        (*EXPORT_HERE, "--bozza"), 0, changes=("pw.docx",)),
]


def build(case: Case, target: Path) -> Path:
    """A copy of the example at ``target`` with ``case`` applied."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("export"))
    case.mutate(target)
    return target


def prepare(run: Run, folder: Path) -> Path:
    """The example copied to ``folder/progetto``, ``run`` prepared around it; the project."""
    root = folder / "progetto"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    run.prepare(root)
    return root


def slug(case: Case | Run) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in f"{case.family}-{case.name}".lower())
    return "-".join(part for part in keep.split("-") if part)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        build(case, out / slug(case))
    for run in RUNS:
        prepare(run, out / slug(run))
    print(f"{len(CASES) + len(RUNS)} casi scritti in {out}")
