"""PDF from the exported .docx through LibreOffice headless, with its own profile per run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from pwkit.errors import PwkitError
from pwkit.fsutil import atomic_write

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
    for candidate in candidates:
        if not Path(candidate).is_file():
            continue
        probe = subprocess.run(
            [candidate, "-c", "import uno"], capture_output=True, timeout=60, check=False
        )
        if probe.returncode == 0:
            return candidate
    return None


def convert_to_pdf(docx: Path, pdf: Path) -> None:
    """Write ``pdf`` from ``docx`` atomically.

    Through UNO the table of contents gets its page numbers; without UNO (no python3-uno)
    the plain conversion keeps the pre-filled entries without them.
    """
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="pwkit-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profilo"
        produced = work / "documento.pdf"
        python = _uno_python(soffice)
        if python is not None:
            script = Path(__file__).with_name("lo_pdf.py")
            command = [python, str(script), soffice, str(profile), str(docx), str(produced)]
        else:
            source = work / "documento.docx"
            shutil.copyfile(docx, source)
            command = [
                soffice,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ]
        try:
            run = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PwkitError(
                f"LibreOffice non ha finito la conversione in PDF entro {TIMEOUT} secondi.",
                hint="Chiudi eventuali finestre di LibreOffice bloccate e riprova; il .docx è "
                "stato scritto comunque.",
            ) from None
        if run.returncode != 0 or not produced.is_file():
            detail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PwkitError(
                "LibreOffice non è riuscito a convertire il documento in PDF"
                + (f" ({detail[0]})." if detail[0] else "."),
                hint="Il .docx è stato scritto: aprilo in Word o LibreOffice e salvalo in PDF.",
            )
        atomic_write(pdf, lambda tmp_pdf: _copy(produced, tmp_pdf))


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
