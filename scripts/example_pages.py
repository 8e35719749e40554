"""Four pages of the bundled example as one PNG for the README: ``python scripts/example_pages.py``.

The example is exported with pwkit (LibreOffice fills the table of contents' page numbers),
converted to PDF by LibreOffice headless, and its cover, table of contents, first service
card and first Gantt page are rendered by ``pdftoppm`` and laid side by side in
``docs/pagine-esempio.png``. Needs LibreOffice and poppler-utils; uses no imaging library.
"""

from __future__ import annotations

import argparse
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "provincia-di-valdoria"
TARGET = REPO / "docs" / "pagine-esempio.png"
#: What identifies each page shown, in order (the cover is page 1).
MARKERS = ("Indice", "Scheda del servizio", "Cronoprogramma (diagramma di Gantt)")
GAP = 16
BORDER = (160, 160, 160)


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def _render(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    """One page as RGB pixels: width, height, rows top to bottom."""
    ppm = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    fields = ppm.split(maxsplit=4)  # P6, width, height, maxval, pixels
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][: width * height * 3]


def _compose(images: list[tuple[int, int, bytes]]) -> tuple[int, int, bytearray]:
    """The pages side by side, top-aligned, framed, on white."""
    width = sum(w + 2 for w, _, _ in images) + GAP * (len(images) + 1)
    height = max(h + 2 for _, h, _ in images) + 2 * GAP
    canvas = bytearray(b"\xff" * (width * height * 3))
    left = GAP
    for w, h, pixels in images:
        for y in range(h + 2):
            start = ((GAP + y) * width + left) * 3
            if y in (0, h + 1):
                canvas[start : start + (w + 2) * 3] = bytes(BORDER) * (w + 2)
                continue
            canvas[start : start + 3] = bytes(BORDER)
            canvas[start + 3 : start + 3 + w * 3] = pixels[(y - 1) * w * 3 : y * w * 3]
            canvas[start + (w + 1) * 3 : start + (w + 2) * 3] = bytes(BORDER)
        left += w + 2 + GAP
    return width, height, canvas


def _png(width: int, height: int, rgb: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + rgb[y * width * 3 : (y + 1) * width * 3] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def main() -> int:
    """Export, convert, pick the four pages and write the PNG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=45)
    parser.add_argument("-o", "--output", type=Path, default=TARGET)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pwkit-pagine-") as tmp:
        work = Path(tmp)
        docx = work / "esempio.docx"
        subprocess.run(
            [sys.executable, "-m", "pwkit", "export", str(EXAMPLE), "-o", str(docx)], check=True
        )
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(work / 'profilo').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
        pdf = work / "esempio.pdf"
        texts = _pages_text(pdf)
        pages = [1] + [
            next(n for n, text in enumerate(texts, start=1) if marker in text) for marker in MARKERS
        ]
        images = [_render(pdf, page, args.dpi) for page in pages]
    width, height, canvas = _compose(images)
    args.output.write_bytes(_png(width, height, bytes(canvas)))
    print(f"{args.output}: pagine {', '.join(map(str, pages))} ({width}×{height} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
