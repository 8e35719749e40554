"""``pwkit apri``: bind a local address, tell it, open the browser, serve until Ctrl-C."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.web.site import CrashLog

LOOPBACK = "127.0.0.1"


def _addresses(host: str, port: int) -> list[tuple[int, str]]:
    """(family, address) of every address ``host`` names; a :class:`PwkitError` if none."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise PwkitError(
            f"L'indirizzo «{host}» non esiste su questo computer.",
            hint=f"Ometti --indirizzo: pwkit usa {LOOPBACK}, visibile solo da questo computer.",
        ) from None
    return [(family, str(info[0])) for family, _, _, _, info in found]


def is_loopback(address: str) -> bool:
    """An address only this computer can reach (``127.0.0.0/8``, ``::1``)."""
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def check_address(host: str, *, remote: bool) -> list[tuple[int, str]]:
    """The addresses to bind for ``host``: only loopback ones unless ``remote`` was asked."""
    addresses = _addresses(host, 0)
    if not remote and not all(is_loopback(address) for _, address in addresses):
        raise PwkitError(
            f"L'indirizzo «{host}» è raggiungibile da altri computer della rete: pwkit apri "
            "scrive i file del progetto e per sicurezza ascolta solo su questo computer.",
            hint=f"Ometti --indirizzo (pwkit usa {LOOPBACK}). Solo se sai cosa fai, aggiungi "
            "--remoto: chiunque abbia l'indirizzo con il token potrà modificare il progetto.",
        )
    return addresses


def bind(host: str, port: int | None, *, remote: bool = False) -> socket.socket:
    """A listening socket on ``host`` (a free port when ``port`` is None)."""
    family, address = check_address(host, remote=remote)[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port or 0))
        sock.listen(128)
    except OSError:
        sock.close()
        raise PwkitError(
            f"La porta {port} di {host} è già in uso, forse da un altro «pwkit apri».",
            hint="Chiudi l'altro programma, scegli un'altra porta con --porta, oppure ometti "
            "--porta: pwkit ne sceglie una libera.",
        ) from None
    return sock


def address_of(sock: socket.socket) -> str:
    """``http://127.0.0.1:PORT`` (brackets around an IPv6 address)."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def accepted_hosts(host: str, sock: socket.socket) -> frozenset[str]:
    """Host headers accepted besides the loopback ones: the bound address, or any for all."""
    bound = str(sock.getsockname()[0])
    if ipaddress.ip_address(bound.split("%")[0]).is_unspecified:
        return frozenset({"*"})
    return frozenset({host.lower(), bound.lower()})


def _refuse_a_file(folder: Path) -> None:
    """A file outside any project is no place for one: said before anything starts."""
    from pwkit.web.pages.nuovo import project_in

    if folder.exists() and not folder.is_dir() and project_in(folder) is None:
        raise PwkitError(
            f"«{folder}» è un file, non una cartella: pwkit apri apre la cartella di un "
            "Project Work.",
            hint="Indica la cartella del progetto, oppure una cartella vuota in cui crearne uno.",
        )


def serve(
    folder: Path,
    *,
    port: int | None = None,
    host: str = LOOPBACK,
    remote: bool = False,
    open_browser: bool = True,
    announce: Callable[[str, Path | None], None],
    crash_log: CrashLog | None = None,
) -> None:
    """Serve the project ``folder`` is in (or the new-project form) until Ctrl-C.

    ``announce`` is told the address to open (with its token) and the project, once the
    server is ready for it; the default browser is then opened on it unless ``open_browser``
    is false. Ctrl-C stops the server and returns normally.
    """
    import webbrowser

    import uvicorn

    from pwkit.web.app import create_app

    _refuse_a_file(folder)
    sock = bind(host, port, remote=remote)
    app = create_app(folder, hosts=accepted_hosts(host, sock), crash_log=crash_log)
    site = app.state.site
    url = f"{address_of(sock)}/?token={site.keys.token}"
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    )
    announce(url, site.root)
    if open_browser:
        webbrowser.open(url)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
