"""The safety of a local server that writes files: token, Host, CSRF, body size, headers.

- ``HostCheck``: the ``Host`` header must name this machine (a loopback address or
  ``localhost``), so a page of another site cannot reach the server through a DNS name that
  it re-points to 127.0.0.1 (DNS rebinding).
- ``TokenAuth``: the random token of the address printed at start is asked of every request;
  given once in ``?token=``, it becomes an ``HttpOnly``, ``SameSite=Strict`` cookie and the
  address is reloaded without it.
- ``BodyLimit``: no request body over :data:`MAX_BODY` bytes is read.
- ``SecurityHeaders``: no framing, no referrer to other sites (this one is told, so a
  form's ``Origin`` reaches the CSRF check), scripts and styles from the server only.
- :func:`check_csrf`: every POST carries the per-process CSRF token (a form field or the
  ``X-CSRF-Token`` header) and, when the browser says where it comes from, this origin.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass, field

from starlette.datastructures import FormData, Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The largest request body read (a pasted Comuni list of thousands of rows fits).
MAX_BODY = 4 * 1024 * 1024
#: Form fields a post may carry (a section with long lists of rows).
MAX_FIELDS = 10_000

FORBIDDEN = (
    "Accesso negato: apri pwkit dall'indirizzo completo mostrato da «pwkit apri» nel "
    "terminale (quello con ?token=...)."
)
BAD_HOST = (
    "Accesso negato: questo server risponde solo agli indirizzi locali (127.0.0.1, localhost)."
)
BAD_CSRF = (
    "Richiesta rifiutata: il modulo non viene da questa pagina di pwkit. Ricarica la pagina "
    "e riprova."
)
TOO_LARGE = "Richiesta troppo grande: pwkit accetta al massimo 4 MB per volta."

_HOST = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[^:\[\]]+))(?::\d{1,5})?$")


@dataclass(frozen=True)
class Secrets:
    """The per-process secrets: the access token and the CSRF token."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie(self) -> str:
        """The cookie's name, own to this process: two servers on one machine do not clash."""
        return "pwkit_" + hashlib.sha256(self.token.encode()).hexdigest()[:12]


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison of two secrets (bytes: a non-ASCII string is a mismatch)."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def host_of(header: str | None) -> str | None:
    """The host named by a ``Host`` header, without port and brackets; None if malformed."""
    match = _HOST.match((header or "").strip())
    if match is None:
        return None
    return (match["v6"] or match["name"]).lower()


def is_local_host(host: str) -> bool:
    """``localhost`` or a loopback address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostCheck:
    """Refuse a request whose ``Host`` is not this machine (DNS rebinding)."""

    def __init__(self, app: ASGIApp, *, also: frozenset[str] = frozenset()) -> None:
        """``also``: further host names accepted (the address bound with ``--remoto``)."""
        self.app = app
        self.also = also

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: D102
        if scope["type"] == "http":
            host = host_of(Headers(scope=scope).get("host"))
            if host is None or not (is_local_host(host) or host in self.also or "*" in self.also):
                await PlainTextResponse(BAD_HOST, 403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class TokenAuth:
    """Every request carries the token: once in the address, then as a cookie."""

    def __init__(self, app: ASGIApp, *, keys: Secrets) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: D102
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token")
        if given is not None and same_secret(given, self.keys.token):
            clean = request.url.remove_query_params("token")
            target = clean.path + (f"?{clean.query}" if clean.query else "")
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.keys.cookie, self.keys.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        if not same_secret(request.cookies.get(self.keys.cookie), self.keys.token):
            await PlainTextResponse(FORBIDDEN, 403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    """A request body went past :data:`MAX_BODY` while it was read."""


class BodyLimit:
    """Refuse a body over the limit: by its declared length, or as it streams in."""

    def __init__(self, app: ASGIApp, *, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: D102
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await PlainTextResponse(TOO_LARGE, 413)(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await PlainTextResponse(TOO_LARGE, 413)(scope, receive, send)


#: What the browser may load and where a form may post: this server only.
HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


class SecurityHeaders:
    """The headers of :data:`HEADERS` on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: D102
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.decode("latin-1").lower() not in HEADERS
                ]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class CsrfRefused(Exception):
    """A POST without this page's CSRF token, or from another origin."""


async def checked_form(request: Request, keys: Secrets) -> FormData:
    """The posted form, once its CSRF token and origin are checked (:class:`CsrfRefused`)."""
    origin = request.headers.get("origin")
    if origin is not None and _authority(origin) != request.headers.get("host"):
        raise CsrfRefused  # another site's page (or an opaque «null» origin)
    form = await request.form(max_fields=MAX_FIELDS, max_files=0, max_part_size=MAX_BODY)
    given = request.headers.get("x-csrf-token")
    field_value = form.get("csrf")
    if given is None and isinstance(field_value, str):
        given = field_value
    if not same_secret(given, keys.csrf):
        raise CsrfRefused
    return form


def _authority(origin: str) -> str:
    """``host:port`` of an ``Origin`` header (``http://127.0.0.1:8000`` → ``127.0.0.1:8000``)."""
    return origin.partition("://")[2]
