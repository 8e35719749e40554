"""Pages from the Jinja2 templates of this package, and the pages of what went wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from pwkit import __version__, api
from pwkit.api import editing
from pwkit.base.errors import PwkitError
from pwkit.web.site import Site

if TYPE_CHECKING:
    from pwkit.api.editing import FieldTarget, Workspace

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

T = TypeVar("T")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@cache
def environment() -> Environment:
    """The templates' environment: HTML escaped everywhere, unknown names an error."""
    from jinja2 import StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["link"] = finding_link
    env.tests["iso_date"] = lambda value: bool(_ISO_DATE.fullmatch(str(value)))
    return env


def finding_link(target: FieldTarget) -> str | None:
    """Where a finding is shown: its field on its page (a section's, the project's), the grid."""
    if target.section is not None:
        anchor = f"#campo-{target.field}" if target.field else f"#riga-{target.line or 0}"
        return f"/sezione/{target.section}{anchor}"
    if target.file == editing.PROJECT_FILE:
        return f"/progetto#campo-{target.field}" if target.field else "/progetto"
    if target.file.endswith(".csv"):
        return "/comuni"
    return None


def site_of(request: Request) -> Site:
    """The server's state, kept on the application."""
    site: Site = request.app.state.site
    return site


def page(request: Request, template: str, code: int = 200, **context: Any) -> HTMLResponse:
    """``template`` rendered with ``context``, the CSRF token and the open project's name."""
    site = site_of(request)
    html = (
        environment()
        .get_template(template)
        .render(
            csrf=site.keys.csrf,
            project=site.root.name if site.root is not None else None,
            path=request.url.path,
            **context,
        )
    )
    return HTMLResponse(html, status_code=code)


def problem(request: Request, error: PwkitError, code: int = 400) -> HTMLResponse:
    """A problem the user can fix: what, where, how (the same words as the command line)."""
    where = None
    if error.path is not None:
        where = f"{error.path}{f':{error.line}' if error.line else ''}"
    return page(request, "problema.html", code, message=error.message, hint=error.hint, where=where)


def crash(request: Request, log: str | None) -> HTMLResponse:
    """An internal error: not the user's document; where the details are."""
    return page(request, "guasto.html", 500, log=log)


async def call(request: Request, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` off the event loop, one library call at a time."""
    from starlette.concurrency import run_in_threadpool

    site = site_of(request)

    def locked() -> T:
        with site.lock:
            return function(*args, **kwargs)

    return await run_in_threadpool(locked)


async def workspace(request: Request) -> Workspace:
    """The open project as the editing API keeps it between requests (opened once)."""
    site = site_of(request)
    if site.workspace is None:
        site.workspace = await call(request, api.open_workspace, site.project())
    found: Workspace = site.workspace
    return found
