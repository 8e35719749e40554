"""The hostile-input corpus of issue #5: odd files a user (or Notepad, Word, Excel) can produce.

Each case copies the bundled example, mutates one file and says what pwkit must answer. The
bytes are generated here rather than committed, because many of them (UTF-16, NUL, lone CR,
20 MB, symlinks) do not survive editors, git attributes or zip archives.

    python tests/data/hostile/make_corpus.py OUT_DIR   # writes one project per case, to look at

``tests/test_hostile.py`` runs every case through ``pwkit check`` (and ``export`` where set).
"""

from __future__ import annotations

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
]


# --- whole commands in hostile situations ------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A command run in a hostile situation, and pwkit's expected answer.

    ``prepare`` changes the copy of the example (and may put a template pack beside it, in
    ``modello/``); ``args`` may name ``{root}`` (the project) and ``{tmp}`` (the folder around
    it). ``fault`` is a failure the test injects in-process while the command writes:
    ``disk-full``, ``read-only``, ``interrupt`` or ``crash``. ``changes`` are the only paths
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


SKELETON = "sezioni/01-sintesi.md.j2"
FIRST_FILE = "file: sezioni/01-sintesi.md"

RUNS: list[Run] = [
    # Where the Word document goes.
    Run("output", "output folder does not exist", nothing, EXPORT, 0,
        changes=("uscita", "uscita/pw.docx")),
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
    Run("output", "disk full mid-export", nothing, EXPORT, 2, "spazio su disco esaurito",
        fault="disk-full"),
    Run("output", "disk full mid-export over an existing file", beside("uscita/pw.docx"),
        (*EXPORT, "--force"), 2, "spazio su disco esaurito", fault="disk-full"),
    Run("output", "Ctrl-C mid-export", nothing, EXPORT, 130, "Interrotto",
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
    Run("crash", "internal error mid-export", nothing, EXPORT, 3, "Errore interno",
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
    # --- Wrong figures (#15): a draft renders whatever dates the check refused
    Run("dates", "draft of a plan whose phase ends 9999-12-31",
        sub(PLAN, LAST_OF_F3, LAST_OF_F3[:-10] + "9999-12-31"), (*EXPORT, "--bozza"), 0,
        changes=("uscita", "uscita/pw.docx")),
    Run("dates", "draft of a plan starting 0001-01-01",
        sub(PLAN, "    inizio: 2026-02-03", "    inizio: 0001-01-01"), (*EXPORT, "--bozza"), 0,
        changes=("uscita", "uscita/pw.docx")),
    Run("dates", "draft with a milestone in year 9999 and a service in 0001",
        then(sub(PLAN, "    data: 2026-04-30", "    data: 9999-04-30"),
             sub(DATA, "    avvio: 2026-11-02", "    avvio: 0001-11-02")),
        (*EXPORT, "--bozza"), 0, changes=("uscita", "uscita/pw.docx")),
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
