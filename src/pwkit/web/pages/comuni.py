"""``dati/comuni.csv`` as an editable grid (a range pasted from Excel fills it)."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pwkit.api import editing
from pwkit.web.forms import grid_rows, text
from pwkit.web.pages.section import conflict_page
from pwkit.web.views import call, page, workspace


async def show(request: Request) -> Response:
    """GET ``/comuni``: the grid with each finding at its cell or row."""
    ws = await workspace(request)
    grid = await call(request, ws.comuni)
    return page(
        request,
        "comuni.html",
        grid=grid,
        saved="salvato" in request.query_params,
        undone="annullato" in request.query_params,
    )


async def save(request: Request, posted: FormData) -> Response:
    """POST ``/comuni``: write the rows of the grid (unchanged rows keep their bytes)."""
    ws = await workspace(request)
    grid = await call(request, ws.comuni)
    rows = grid_rows(posted, len(grid.header))
    pasted = text(posted, "incolla")
    if pasted and pasted.strip():
        rows += editing.pasted_rows(pasted)
    try:
        await call(request, ws.save_comuni, rows, text(posted, "sha256") or "")
    except editing.ConflictError as conflict:
        return conflict_page(request, conflict, "/comuni")
    return RedirectResponse("/comuni?salvato=1", status_code=303)


async def undo(request: Request, _: FormData) -> Response:
    """POST ``/comuni/annulla``: the file as it was before the last save."""
    ws = await workspace(request)
    try:
        await call(request, ws.undo_comuni)
    except editing.ConflictError as conflict:
        return conflict_page(request, conflict, "/comuni")
    return RedirectResponse("/comuni?annullato=1", status_code=303)
