"""Writing a finished document: whole, and with its table of contents paginated when possible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.base.fsutil import write_output
from pwkit.render.docx.toc import set_toc_pages
from pwkit.render.toc_pages import remembered_toc_pages

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pwkit.render.docx.word import WordDocument

#: What ``export`` says when the TOC's page numbers are left to Word: without LibreOffice…
PAGES_IN_WORD = (
    "L'indice avrà i numeri di pagina quando il documento viene aperto in Word (che chiede "
    "di aggiornarlo). Con LibreOffice installato pwkit li scrive già nel file."
)
#: … and when LibreOffice is there but could not lay the document out.
PAGES_IN_WORD_AFTER_FAILURE = (
    "LibreOffice non è riuscito a impaginare il documento, quindi l'indice avrà i numeri di "
    "pagina quando il documento viene aperto in Word (che chiede di aggiornarlo)."
)


def pages_left_to_word() -> str:
    """Why the TOC's page numbers are left to Word, in the words ``export`` shows."""
    from pwkit.render.pdf import soffice_if_wanted

    return PAGES_IN_WORD if soffice_if_wanted() is None else PAGES_IN_WORD_AFTER_FAILURE


def save_document(
    document: WordDocument,
    output: Path,
    *,
    force: bool = False,
    after_save: Callable[[], None] | None = None,
) -> bool:
    """Write ``document`` to ``output`` whole; True if its TOC has its page numbers.

    LibreOffice, when installed, lays the document out and gives the page of every TOC entry:
    they are written into the file, which is then complete in every viewer (LibreOffice,
    Google Docs, Word for the web, a PDF made without Word). Without it the TOC keeps asking
    Word to update it on opening. The numbers of an earlier export of exactly the same file
    are reused without starting LibreOffice (``pwkit.render.toc_pages``). An existing
    ``output`` is replaced only with ``force``. ``after_save`` runs after each save into the
    temporary file, before it replaces anything: an exception there leaves ``output`` as it was.
    """
    numbered = False

    def write(tmp: Path) -> None:
        nonlocal numbered
        document.save(str(tmp))
        if after_save is not None:
            after_save()
        pages = remembered_toc_pages(tmp)
        if pages is not None and set_toc_pages(document, pages):
            document.save(str(tmp))
            if after_save is not None:
                after_save()
            numbered = True

    write_output(output, write, force=force)
    return numbered
