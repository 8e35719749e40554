"""Export: the final document (only without errors), the draft, the PDF; and their download.

The files are written where ``pwkit export`` writes them (``export/`` in the project) by the
same library call; an existing file is replaced only when the user confirms it, as with
``--force``. Downloads are served from ``export/`` only.
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from pwkit import api
from pwkit.web.views import call, page, site_of

#: The media type of each kind of document offered for download.
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}


def _exported(root: Path) -> list[str]:
    """The names of the documents already in ``export/``, newest first."""
    return [path.name for path in api.exported_documents(root)]


async def show(request: Request) -> Response:
    """GET ``/esporta``: the export buttons (the final one disabled, with why, on errors)."""
    root = site_of(request).project()
    report = await call(request, api.check_project, root)
    return page(
        request,
        "esporta.html",
        report=report,
        pdf=api.pdf_available(),
        files=_exported(root),
        result=None,
        exists=None,
    )


async def run(request: Request, form: FormData) -> Response:
    """POST ``/esporta``: write the document asked for and offer it for download."""
    root = site_of(request).project()
    draft = form.get("tipo") == "bozza"
    pdf = form.get("pdf") == "1" and api.pdf_available()
    force = form.get("sostituisci") == "1"
    exists = None
    result = None
    try:
        result = await call(request, api.export_document, root, draft=draft, pdf=pdf, force=force)
    except api.OutputExistsError as exc:
        exists = exc
    report = result.report if result is not None else await call(request, api.check_project, root)
    return page(
        request,
        "esporta.html",
        200 if result is not None else 409,
        report=report,
        pdf=api.pdf_available(),
        files=_exported(root),
        result=result,
        exists=exists,
        asked={"tipo": "bozza" if draft else "finale", "pdf": "1" if pdf else ""},
    )


async def download(request: Request) -> Response:
    """GET ``/scarica/<nome>``: a document of ``export/``; nothing else, never outside it."""
    root = site_of(request).project()
    name = request.path_params["name"]
    path = await call(request, api.exported_document, root, name)
    if path is None:
        return page(request, "non-trovato.html", 404, name=name)
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix.lower()], filename=path.name)
