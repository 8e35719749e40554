"""The routing table of ``pwkit apri`` and the application with its safety layers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from pwkit.base.errors import PwkitError
from pwkit.web import security
from pwkit.web.pages import comuni, dashboard, export, nuovo, progetto, section
from pwkit.web.security import BAD_CSRF, CsrfRefused, Secrets
from pwkit.web.site import CrashLog, NoProject, Site
from pwkit.web.views import STATIC, crash, page, problem, site_of

#: A POST handler: the request and its form, whose CSRF token is already checked.
FormHandler = Callable[[Request, FormData], Awaitable[Response]]


def posted(handler: FormHandler) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint of a POST: the form is read and its CSRF token checked first, always."""

    async def endpoint(request: Request) -> Response:
        try:
            form = await security.checked_form(request, site_of(request).keys)
        except CsrfRefused:
            return PlainTextResponse(BAD_CSRF, 403)
        return await handler(request, form)

    return endpoint


async def home(request: Request) -> Response:
    """``/``: the dashboard, or the new-project form while no project is open."""
    if site_of(request).root is None:
        return RedirectResponse("/nuovo", status_code=303)
    return await dashboard.show(request)


def routes() -> list[BaseRoute]:
    """Every address of the server; each POST goes through :func:`posted`."""
    return [
        Route("/", home),
        Route("/nuovo", nuovo.show, methods=["GET"]),
        Route("/nuovo", posted(nuovo.create), methods=["POST"]),
        Route("/sezione/{key}", section.show, methods=["GET"]),
        Route("/sezione/{key}", posted(section.save), methods=["POST"]),
        Route("/sezione/{key}/annulla", posted(section.undo), methods=["POST"]),
        Route("/anteprima", posted(section.preview), methods=["POST"]),
        Route("/progetto", progetto.show, methods=["GET"]),
        Route("/progetto", posted(progetto.save), methods=["POST"]),
        Route("/progetto/annulla", posted(progetto.undo), methods=["POST"]),
        Route("/comuni", comuni.show, methods=["GET"]),
        Route("/comuni", posted(comuni.save), methods=["POST"]),
        Route("/comuni/annulla", posted(comuni.undo), methods=["POST"]),
        Route("/esporta", export.show, methods=["GET"]),
        Route("/esporta", posted(export.run), methods=["POST"]),
        Route("/scarica/{name}", export.download),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


async def _user_problem(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NoProject):
        return RedirectResponse("/nuovo", status_code=303)
    assert isinstance(exc, PwkitError)
    return problem(request, exc)


async def _not_found(request: Request, exc: Exception) -> Response:
    return page(request, "non-trovato.html", 404, name=request.url.path)


async def _internal(request: Request, exc: Exception) -> Response:
    crash_log = site_of(request).crash_log
    return crash(request, crash_log(exc) if crash_log is not None else None)


def create_app(
    start: Path,
    *,
    keys: Secrets | None = None,
    hosts: frozenset[str] = frozenset(),
    crash_log: CrashLog | None = None,
) -> Starlette:
    """The application for the project ``start`` is in (or the new-project form there).

    ``hosts``: host names accepted besides the loopback ones (``"*"``: any, for a server
    bound to every address with ``--remoto``).
    """
    site = Site(start=start, keys=keys or Secrets(), crash_log=crash_log)
    site.root = nuovo.project_in(start)
    app = Starlette(
        routes=routes(),
        middleware=[  # the first is the outermost
            Middleware(security.SecurityHeaders),
            Middleware(security.HostCheck, also=hosts),
            Middleware(security.TokenAuth, keys=site.keys),
            Middleware(security.BodyLimit),
        ],
        exception_handlers={404: _not_found, PwkitError: _user_problem, Exception: _internal},
    )
    app.state.site = site
    return app
