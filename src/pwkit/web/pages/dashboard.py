"""The dashboard: where the project stands, section by section, and every finding."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse

from pwkit import api
from pwkit.web.views import call, page, site_of


async def show(request: Request) -> HTMLResponse:
    """GET ``/``: the project's status and findings."""
    root = site_of(request).project()
    status = await call(request, api.project_status, root)
    report = await call(request, api.check_project, root, use_cache=False)
    return page(request, "cruscotto.html", status=status, report=report)
