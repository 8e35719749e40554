"""The dashboard: where the project stands, section by section, and every finding."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from pwkit.web.views import call, page, workspace


async def show(request: Request) -> HTMLResponse:
    """GET ``/``: the Provincia, the template, the deadline, the sections and the findings."""
    ws = await workspace(request)
    board = await call(request, ws.dashboard)
    return page(request, "cruscotto.html", board=board)
