"""A live ``pwkit apri`` server in a thread and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from pwkit.web.app import create_app
from pwkit.web.security import Secrets

#: Where the screenshots of the README are written, when asked (``PWKIT_SCREENSHOTS=docs``).
SCREENSHOTS = os.environ.get("PWKIT_SCREENSHOTS")


@dataclass
class Live:
    """A server running on a free loopback port: its address and its secrets."""

    base: str
    keys: Secrets

    @property
    def entry(self) -> str:
        """The address ``apri`` prints: with the token."""
        return f"{self.base}/?token={self.keys.token}"


@contextmanager
def live_server(folder: Path) -> Iterator[Live]:
    """Serve ``folder`` as ``pwkit apri`` does, until the block ends."""
    keys = Secrets()
    app = create_app(folder, keys=keys)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10  # ok-timing: a time-out for the start, not a speed goal
    while not server.started:
        late = time.monotonic() > deadline  # ok-timing
        assert thread.is_alive() and not late, "server did not start"
        time.sleep(0.01)
    try:
        yield Live(f"http://127.0.0.1:{port}", keys)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def chromium() -> str:
    """Debian's chromium (Playwright cannot download its own browsers here)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium non installato: apt-get install chromium (.ci/run lo installa)")
    return found


def screenshot_path(tmp: Path, name: str) -> Path:
    """Where to write a screenshot: the README's folder when asked, else the test's own."""
    if SCREENSHOTS:
        folder = Path(SCREENSHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name
    return tmp / name
