"""Whether two pwkit sources write the same documents, part by part: ``--before DIR``.

A change meant to make the export faster must not change what it writes. This script exports
the same projects with the pwkit whose source is ``--before`` (e.g. a ``git archive`` of the
commit before the change, ``src`` folder) and with this checkout, then compares every part of
every ``.docx`` byte for byte. The projects: the three examples (final and ``--bozza``), the
bench project, the example at 3× content, the example with every kind of Markdown the prose
renderer writes, the example with logos and a reference document written by "Italian Word"
(final and ``--bozza``), the test projects ``misto`` and ``solo-frontespizio``, the example
with a reference document (``documento.modello_word``) of its own page size, margins,
headers and Header style tab stops, and with a bare one (no page size, a Header style
without paragraph properties), and the report of the examples. Exit code 1 if any part
differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from projects import EXAMPLE, REPO, bench_sample_project, scaled_project

SAMPLES = [parent / "shared" / "bench" / "bench-sample.md" for parent in REPO.parents]
#: Every kind of block and inline the prose renderer writes (added to a section's prose).
RICH_PROSE = """
## Tutte le forme

Testo con **grassetto**, *corsivo*, ~~barrato~~, `codice 'letterale'`, ***entrambi***, un
[collegamento](https://www.example.org/a?b=1&c=2), uno [**in grassetto**](https://example.com),
uno interno [qui](#sopra), un'immagine ![logo](logo.png) e ![](vuota.png). A capo forzato
seconda riga<br>terza <span>html</span> <!-- commento --> fine. Un segnaposto [[DA COMPILARE:
il **numero** dei Comuni]] a cavallo di righe. Tab\there.

> Una citazione con *enfasi*.
>
> > Citazione annidata con `codice`.

1. primo
   - annidato

     continuazione

     ```
     codice nell'elenco
     ```
2. secondo

5. da cinque

---

<div>blocco html</div>

| Sinistra | Centro | Destra |
|:---|:---:|---:|
| a **b** | c | 1.234,5 |
| [link](https://example.net) | ~~x~~ |

    codice indentato

Entità &amp; &lt; "virgolette" -- trattino...
"""


#: Italian Word's styleIds of some built-in styles (their names stay English).
ITALIAN_IDS = {
    "Normal": "Normale",
    "Heading1": "Titolo1",
    "Title": "Titolo",
    "Caption": "Didascalia",
}


def _png() -> bytes:
    """A valid 2×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _italian_reference(target: Path) -> None:
    """A reference document whose styleIds are Italian Word's (python-docx's template)."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        style.set(qn("w:styleId"), ITALIAN_IDS.get(style_id, style_id))
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in ITALIAN_IDS:
                ref.set(qn("w:val"), ITALIAN_IDS[ref.get(qn("w:val"))])
    for style_id, kind, name in (
        ("Testocommento", "paragraph", "annotation text"),
        ("Rimandocommento", "character", "annotation reference"),
    ):  # the styles of comments, under Italian ids: a draft's comments are restyled
        style = document.styles.element.makeelement(qn("w:style"), {qn("w:type"): kind})
        style.set(qn("w:styleId"), style_id)
        style.append(style.makeelement(qn("w:name"), {qn("w:val"): name}))
        document.styles.element.append(style)
    document.add_paragraph("Testo del modello")
    document.save(str(target))


def _logos_and_reference(target: Path) -> Path:
    """The example with two logos, a file that is no picture, an Italian reference, a warning."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("export"))
    folder = target / "allegati"
    folder.mkdir(exist_ok=True)
    for name in ("stemma.png", "upi.png"):
        (folder / name).write_bytes(_png())
    (folder / "rotto.png").write_bytes(b"not a picture")
    _italian_reference(folder / "modello.docx")
    risks = target / "sezioni" / "12-rischi.md"  # a warning (no contingency plan): a comment
    lines = risks.read_text(encoding="utf-8").splitlines(keepends=True)
    contingency = next(n for n, line in enumerate(lines) if line.startswith("    contingenza:"))
    risks.write_text("".join(lines[:contingency] + lines[contingency + 1 :]), encoding="utf-8")
    with (target / "progetto.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "documento:\n  modello_word: allegati/modello.docx\n  loghi:\n"
            "    - allegati/stemma.png\n    - allegati/rotto.png\n    - allegati/upi.png\n"
        )
    return target


def _reference(document: Any) -> None:
    """A reference of its own: page, margins, a first-page header and the Header style's stops."""
    from docx.enum.section import WD_SECTION
    from docx.shared import Twips

    section = document.sections[0]
    section.start_type = WD_SECTION.CONTINUOUS
    section.page_width, section.left_margin, section.right_margin = (
        Twips(11000),
        Twips(1000),
        Twips(1300),
    )
    section.top_margin, section.header_distance = Twips(800), Twips(500)
    section._sectPr.pgSz.set(qn("w:h"), "26.5cm")
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Intestazione del modello"
    section.first_page_footer.paragraphs[0].text = "Piede della prima pagina"
    tabs = document.styles["Header"].element.find(f"{qn('w:pPr')}/{qn('w:tabs')}")
    for tab, position in zip(tabs, ("4350", "8700"), strict=True):
        tab.set(qn("w:pos"), position)


def _bare_reference(document: Any) -> None:
    """A reference without page size or margins, its Header style without paragraph properties."""
    sect_pr = document.sections[0]._sectPr
    for tag in ("w:pgSz", "w:pgMar"):
        sect_pr.remove(sect_pr.find(qn(tag)))
    header = document.styles["Header"].element
    header.remove(header.find(qn("w:pPr")))


def _with_reference(root: Path, change: Callable[[Any], None]) -> Path:
    """A copy of the example whose ``documento.modello_word`` is python-docx's, ``change``d."""
    import docx

    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    document = docx.Document()
    document.add_paragraph("Testo del modello")
    change(document)
    (root / "allegati").mkdir(exist_ok=True)
    document.save(str(root / "allegati" / "modello.docx"))
    with (root / "progetto.yaml").open("a", encoding="utf-8") as f:
        f.write("documento:\n  modello_word: allegati/modello.docx\n")
    return root


def _projects(folder: Path, sample: Path) -> dict[str, tuple[Path, list[str]]]:
    """Each document to write: its project and the options of ``pwkit export``."""
    bench = bench_sample_project(folder / "bench", sample)
    triple = scaled_project(folder / "x3", 3)
    rich = folder / "rich"
    shutil.copytree(EXAMPLE, rich, ignore=shutil.ignore_patterns("export"))
    section = sorted((rich / "sezioni").glob("*.md"))[2]
    section.write_text(section.read_text(encoding="utf-8") + RICH_PROSE, encoding="utf-8")
    documents: dict[str, tuple[Path, list[str]]] = {}
    for example in sorted((REPO / "examples").iterdir()):
        documents[example.name] = (example, [])
        documents[f"{example.name}-bozza"] = (example, ["--bozza"])
    for name, root in (("bench", bench), ("x3", triple), ("rich", rich)):
        documents[name] = (root, ["--bozza"])
    logos = _logos_and_reference(folder / "loghi")
    documents["loghi"] = (logos, [])
    documents["loghi-bozza"] = (logos, ["--bozza"])
    for name in ("misto", "solo-frontespizio"):
        documents[name] = (REPO / "tests" / "data" / "projects" / name, ["--bozza"])
    for name, change in (("modello", _reference), ("modello-nudo", _bare_reference)):
        root = _with_reference(folder / name, change)
        documents[name], documents[f"{name}-bozza"] = (root, []), (root, ["--bozza"])
    return documents


def _write(src: Path, documents: dict[str, tuple[Path, list[str]]], out: Path) -> None:
    """Export every document (and the report of the examples) with the pwkit of ``src``."""
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(src), "PWKIT_NO_LIBREOFFICE": "1"}
    env["PWKIT_NO_CACHE"] = "1"
    pwkit = [sys.executable, "-m", "pwkit"]
    for name, (root, options) in documents.items():
        target = str(out / f"{name}.docx")
        command = [*pwkit, "export", str(root), *options, "-o", target, "--force"]
        subprocess.run(command, env=env, check=True, capture_output=True)
    report = [*pwkit, "report", str(REPO / "examples"), "-o", str(out / "report.docx")]
    subprocess.run(report, env=env, check=True, capture_output=True)


def _differences(before: Path, after: Path) -> list[str]:
    """The documents (and their parts) that differ between the two folders."""
    found = []
    for old in sorted(before.glob("*.docx")):
        with zipfile.ZipFile(old) as a, zipfile.ZipFile(after / old.name) as b:
            if a.namelist() != b.namelist():
                found.append(f"{old.name}: other parts")
                continue
            parts = [name for name in a.namelist() if a.read(name) != b.read(name)]
        print(f"{old.name}: {'identical' if not parts else ', '.join(parts) + ' differ'}")
        found += [f"{old.name}: {part}" for part in parts]
    return found


def main() -> int:
    """Export with both sources and compare: 0 if every part is the same."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the other pwkit's src")
    parser.add_argument("--sample", type=Path, help="bench-sample.md (found beside the checkout)")
    args = parser.parse_args()
    sample = args.sample or next((path for path in SAMPLES if path.is_file()), None)
    if sample is None:
        parser.error("bench-sample.md not found: give --sample")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        documents = _projects(folder / "progetti", sample)
        _write(args.before.resolve(), documents, folder / "before")
        _write(REPO / "src", documents, folder / "after")
        found = _differences(folder / "before", folder / "after")
    print("every part identical" if not found else f"{len(found)} parts differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
