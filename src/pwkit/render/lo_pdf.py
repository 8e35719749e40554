"""Convert a .docx to PDF in LibreOffice through UNO, updating the table of contents first.

Run by a Python that can ``import uno`` (LibreOffice's own, or Debian's python3-uno), not by
pwkit's interpreter, so it imports nothing of pwkit:

    python lo_pdf.py SOFFICE PROFILE_DIR INPUT.docx OUTPUT.pdf
    python lo_pdf.py SOFFICE PROFILE_DIR INPUT.docx PAGES.txt

A plain ``soffice --convert-to pdf`` leaves the pre-filled TOC without page numbers;
updating the document indexes through UNO fills them. With a ``.txt`` target nothing is
converted: the page number of each TOC entry is written, one a line, in the TOC's order.
"""

import contextlib
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

#: A TOC entry's line ends with a tab and its page number.
_PAGE_AT_END = re.compile(r"\t(\d+)$")


def _prop(name: str, value: object) -> object:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def main(soffice: str, profile: str, source: str, target: str) -> int:
    """Start a private LibreOffice, convert ``source`` to ``target``, stop it."""
    import uno  # type: ignore[import-not-found]

    pipe = f"pwkit-{uuid.uuid4().hex}"
    process = subprocess.Popen(
        [
            soffice,
            "-env:UserInstallation=" + uno.systemPathToFileUrl(str(Path(profile).resolve())),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        context = None
        deadline = time.monotonic() + 120
        while context is None:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except Exception:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(Path(source).resolve())),
            "_blank",
            0,
            (_prop("Hidden", True),),
        )
        indexes = document.getDocumentIndexes()
        for index in range(indexes.getCount()):
            indexes.getByIndex(index).update()
        document.getTextFields().refresh()
        if target.endswith(".txt"):
            lines = []
            for index in range(indexes.getCount()):
                lines += indexes.getByIndex(index).getAnchor().getString().splitlines()
            pages = [m.group(1) for m in map(_PAGE_AT_END.search, lines) if m is not None]
            Path(target).write_text("\n".join(pages) + "\n", encoding="utf-8")
        else:
            document.storeToURL(
                uno.systemPathToFileUrl(str(Path(target).resolve())),
                (_prop("FilterName", "writer_pdf_Export"),),
            )
        document.close(True)
        with contextlib.suppress(Exception):  # the bridge may close before it answers
            desktop.terminate()
        process.wait(timeout=60)
        return 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
