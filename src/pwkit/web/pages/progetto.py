"""The «Dati del progetto» page: ``progetto.yaml`` as a form made from its schema.

Like a section's page, everything is a call to the workspace of :mod:`pwkit.api` (the form,
the save with its conflict check and undo copy); the template pin is shown, never posted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from pwkit.api import editing
from pwkit.web.forms import field_values, text
from pwkit.web.pages.section import conflict_page, prose_findings
from pwkit.web.views import call, page, workspace

if TYPE_CHECKING:
    from pwkit.api.editing import FormRefused, ProjectForm

#: The address of the page.
PAGE = "/progetto"


async def show(request: Request) -> Response:
    """GET ``/progetto``: the form of ``progetto.yaml`` with its findings at their fields."""
    ws = await workspace(request)
    form = await call(request, ws.project_form)
    return _page(
        request,
        form,
        saved="salvato" in request.query_params,
        undone="annullato" in request.query_params,
    )


def _page(
    request: Request,
    form: ProjectForm,
    *,
    code: int = 200,
    posted: dict[str, Any] | None = None,
    refused: FormRefused | None = None,
    saved: bool = False,
    undone: bool = False,
) -> HTMLResponse:
    return page(
        request,
        "progetto.html",
        code,
        form=form,
        file_findings=prose_findings(form.findings.get("", [])),
        posted=posted or {},
        refused=refused,
        rifiutati=refused.fields if refused is not None else {},
        saved=saved,
        undone=undone,
    )


async def save(request: Request, posted: FormData) -> Response:
    """POST ``/progetto``: save what the form changed, or say why not."""
    ws = await workspace(request)
    values = field_values(posted)
    try:
        await call(request, ws.save_project, values, text(posted, "sha256") or "")
    except editing.ConflictError as conflict:
        return conflict_page(request, conflict, PAGE)
    except editing.FormRefused as refused:
        form = await call(request, ws.project_form)
        return _page(request, form, code=400, posted=values, refused=refused)
    return RedirectResponse(f"{PAGE}?salvato=1", status_code=303)


async def undo(request: Request, _: FormData) -> Response:
    """POST ``/progetto/annulla``: ``progetto.yaml`` as it was before the last save."""
    ws = await workspace(request)
    try:
        await call(request, ws.undo_project)
    except editing.ConflictError as conflict:
        return conflict_page(request, conflict, PAGE)
    return RedirectResponse(f"{PAGE}?annullato=1", status_code=303)
