"""PDF from the exported .docx through LibreOffice headless, with its own profile per run."""

from __future__ import annotations

import os
import shutil
import sys
from functools import cache
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.base.fsutil import write_output

#: How long one conversion may take before it is given up.
TIMEOUT = 300


def require_soffice() -> str:
    """The LibreOffice executable; a usage error (exit 2) if it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise PwkitError(
        "Per il PDF serve LibreOffice, che non risulta installato (comando «soffice»).",
        hint="Installa LibreOffice (https://www.libreoffice.org; su Debian/Ubuntu: "
        "apt install libreoffice-writer-nogui) oppure esporta solo il .docx e salvalo in PDF "
        "da Word.",
    )


@cache
def _uno_python(soffice: str) -> str | None:
    """A Python that can drive LibreOffice through UNO, if there is one."""
    program = Path(soffice).resolve().parent
    candidates = [
        sys.executable,
        "/usr/bin/python3",
        str(program / "python"),
        str(program / "python.exe"),
    ]
    import subprocess

    for candidate in candidates:
        if not Path(candidate).is_file():
            continue
        probe = subprocess.run(
            [candidate, "-c", "import uno"], capture_output=True, timeout=60, check=False
        )
        if probe.returncode == 0:
            return candidate
    return None


def convert_to_pdf(docx: Path, pdf: Path, *, force: bool = False) -> bool:
    """Write ``pdf`` from ``docx`` whole; True if the TOC got its page numbers.

    Through UNO LibreOffice updates the table of contents before exporting. Without a UNO
    Python, or when LibreOffice fails that way, the plain conversion is used: the pre-filled
    TOC entries then have no page numbers. LibreOffice works on a copy in a private folder,
    so no lock file appears beside the user's document. An existing ``pdf`` is replaced only
    with ``force``.
    """
    soffice = require_soffice()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pwkit-pdf-") as tmp:
        work = Path(tmp)
        source = work / "documento.docx"
        produced = work / "documento.pdf"
        _layout_copy(docx, source)
        python = _uno_python(soffice)
        updated = (
            python is not None
            and _run(
                [
                    python,
                    str(Path(__file__).with_name("lo_pdf.py")),
                    soffice,
                    str(work / "profilo-uno"),
                    str(source),
                    str(produced),
                ],
                produced,
            )
            is None
        )
        if not updated:
            failure = _run(
                [
                    soffice,
                    f"-env:UserInstallation={(work / 'profilo').resolve().as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                produced,
            )
            if failure is not None:
                raise PwkitError(
                    f"LibreOffice non è riuscito a convertire il documento in PDF{failure}",
                    hint="Il .docx è stato scritto: aprilo in Word o LibreOffice e salvalo in PDF.",
                )
        write_output(pdf, lambda tmp_pdf: _copy(produced, tmp_pdf), force=force)
    return updated


def soffice_if_wanted() -> str | None:
    """LibreOffice, unless absent or turned off (``PWKIT_NO_LIBREOFFICE=1``)."""
    if os.environ.get("PWKIT_NO_LIBREOFFICE"):
        return None
    return next(filter(None, map(shutil.which, ("soffice", "libreoffice"))), None)


def toc_page_numbers(docx: Path) -> list[int] | None:
    """The page of each entry of the table of contents of ``docx``, as LibreOffice lays it out.

    ``None`` when LibreOffice or a Python able to drive it is missing, or when it fails: the
    document then keeps asking Word to fill the numbers.
    """
    soffice = soffice_if_wanted()
    python = _uno_python(soffice) if soffice is not None else None
    if soffice is None or python is None:
        return None
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pwkit-indice-") as tmp:
        work = Path(tmp)
        source, pages = work / "documento.docx", work / "pagine.txt"
        _layout_copy(docx, source)
        script = str(Path(__file__).with_name("lo_pdf.py"))
        command = [python, script, soffice, str(work / "profilo"), str(source), str(pages)]
        if _run(command, pages) is not None:
            return None
        return [int(line) for line in pages.read_text(encoding="utf-8").split()]


def _run(command: list[str], produced: Path) -> str | None:
    """Run one conversion; ``None`` if it produced its file, else what went wrong."""
    import subprocess

    produced.unlink(missing_ok=True)
    try:
        run = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return f" entro {TIMEOUT} secondi."
    if run.returncode == 0 and produced.is_file():
        return None
    lines = run.stderr.decode("utf-8", "replace").strip().splitlines()
    return f" ({lines[-1]})." if lines else "."


#: The anchors of Word comments in the body. LibreOffice 7.4 driven through UNO stops while
#: loading any document with a comment (a draft's open points); comments take no room on the
#: page and are not printed, so LibreOffice lays out a copy without them.
_COMMENT_ANCHORS = ("commentRangeStart", "commentRangeEnd", "commentReference")


def _layout_copy(docx: Path, target: Path) -> None:
    """Copy ``docx`` to ``target`` without the body's comment anchors (same layout)."""
    import zipfile

    from lxml import etree

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

    main = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx) as package, zipfile.ZipFile(target, "w") as copy:
        for item in package.infolist():
            data = package.read(item)
            if item.filename == "word/document.xml" and b"<w:comment" in data:
                root = etree.fromstring(data, parser)
                for name in _COMMENT_ANCHORS:
                    for anchor in list(root.iter(main + name)):
                        parent = anchor.getparent()
                        parent.remove(anchor)
                        if parent.tag == main + "r" and not [
                            child for child in parent if child.tag != main + "rPr"
                        ]:
                            parent.getparent().remove(parent)
                data = etree.tostring(root, encoding="UTF-8", standalone=True)
            copy.writestr(item, data)


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
