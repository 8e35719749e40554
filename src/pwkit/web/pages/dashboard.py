"""The dashboard: where the project stands, section by section, and every finding."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from pwkit import api
from pwkit.web.views import call, page, site_of


async def show(request: Request) -> HTMLResponse:
    """GET ``/``: the Provincia, the template, the deadline, the sections and the findings."""
    root = site_of(request).project()
    overview = await call(request, api.project_overview, root)
    return page(request, "cruscotto.html", overview=overview, status=overview.status)
