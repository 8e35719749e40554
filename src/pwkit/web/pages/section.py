"""A section's page: its form made from the schema, its prose, findings at their fields.

Everything here is a call to the workspace of :mod:`pwkit.api` (the form, the save with its
conflict check and undo copy, the preview); the page only turns the posted form into the
values the save takes and the results into HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from pwkit.api import editing
from pwkit.web.forms import field_values, text
from pwkit.web.views import call, page, workspace

if TYPE_CHECKING:
    from pwkit.api.editing import ConflictError, FormRefused, SectionForm
    from pwkit.base.diagnostics import Diagnostic


def prose_findings(findings: list[Diagnostic]) -> list[tuple[int | None, list[Diagnostic]]]:
    """The findings of no field (the prose, the whole file), grouped by line, in order."""
    lines: dict[int | None, list[Diagnostic]] = {}
    for finding in findings:
        lines.setdefault(finding.location.line, []).append(finding)
    return sorted(lines.items(), key=lambda item: item[0] or 0)


async def show(request: Request) -> Response:
    """GET ``/sezione/<key>``: the form, the prose and the findings of the section."""
    key = request.path_params["key"]
    ws = await workspace(request)
    form = await call(request, ws.section_form, key)
    return await _page(
        request,
        form,
        saved="salvato" in request.query_params,
        undone="annullato" in request.query_params,
    )


async def _page(
    request: Request,
    form: SectionForm,
    *,
    code: int = 200,
    posted: dict[str, Any] | None = None,
    prose: str | None = None,
    refused: FormRefused | None = None,
    saved: bool = False,
    undone: bool = False,
) -> HTMLResponse:
    ws = await workspace(request)
    shown = form.prose if prose is None else prose
    preview = await call(request, ws.preview, shown)
    return page(
        request,
        "sezione.html",
        code,
        form=form,
        prose=shown,
        preview=preview,
        prose_findings=prose_findings(form.findings.get("", [])),
        posted=posted or {},
        refused=refused,
        rifiutati=refused.fields if refused is not None else {},
        saved=saved,
        undone=undone,
    )


async def save(request: Request, posted: FormData) -> Response:
    """POST ``/sezione/<key>``: save what the form changed, or say why not."""
    key = request.path_params["key"]
    ws = await workspace(request)
    values = field_values(posted)
    prose = text(posted, "prosa")
    try:
        await call(request, ws.save_section, key, values, prose, text(posted, "sha256") or "")
    except editing.ConflictError as conflict:
        return conflict_page(request, conflict, f"/sezione/{key}", prose)
    except editing.FormRefused as refused:
        form = await call(request, ws.section_form, key)
        return await _page(request, form, code=400, posted=values, prose=prose, refused=refused)
    return RedirectResponse(f"/sezione/{key}?salvato=1", status_code=303)


async def undo(request: Request, _: FormData) -> Response:
    """POST ``/sezione/<key>/annulla``: the file as it was before the last save."""
    key = request.path_params["key"]
    ws = await workspace(request)
    try:
        await call(request, ws.undo, key)
    except editing.ConflictError as conflict:
        return conflict_page(request, conflict, f"/sezione/{key}")
    return RedirectResponse(f"/sezione/{key}?annullato=1", status_code=303)


async def preview(request: Request, posted: FormData) -> Response:
    """POST ``/anteprima``: the prose as the Word document will show it (HTML, no raw HTML)."""
    ws = await workspace(request)
    return HTMLResponse(await call(request, ws.preview, text(posted, "prosa") or ""))


def conflict_page(
    request: Request, conflict: ConflictError, reload: str, prose: str | None = None
) -> HTMLResponse:
    """The save refused: the file changed on disk; what changed and a reload offer."""
    return page(
        request,
        "conflitto.html",
        409,
        conflict=conflict,
        changes=conflict.changes,
        reload=reload,
        prose=prose,
    )
