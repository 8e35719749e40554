"""``pwkit apri`` as a user starts it: the address with its token, the pages, Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from pwkit.web.security import Secrets
from tests.web.conftest import signed_in

ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{20,})")


class Running:
    """A ``pwkit apri`` process and the address it printed."""

    def __init__(self, process: subprocess.Popen[str], url: str, printed: str) -> None:
        self.process = process
        self.url = url
        self.printed = printed
        self.base = url.split("/?")[0]

    def stop(self) -> tuple[int, str, str]:
        """Ctrl-C, as the user types it; the exit code and what was printed."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=10)
        return self.process.returncode, out, err


def start_apri(*args: str | Path) -> Running:
    """Start ``pwkit apri`` and wait for the line with its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pwkit", "apri", *map(str, args), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 20  # ok-timing: how long to wait for the server, not a speed goal
    seen = ""
    while time.monotonic() < deadline:  # ok-timing
        line = process.stdout.readline()
        if not line:
            break
        seen += line
        found = ADDRESS.search(line)
        if found:
            return Running(process, found[0], seen)
    process.kill()
    raise AssertionError(f"no address printed: {seen!r} {process.stderr and process.stderr.read()}")


@pytest.fixture
def running(example: Path) -> Iterator[Running]:
    server = start_apri(example)
    yield server
    if server.process.poll() is None:
        server.process.kill()
    server.process.communicate(timeout=10)


def test_apri_prints_a_loopback_address_with_a_token_and_serves_the_dashboard(
    running: Running, example: Path
) -> None:
    assert running.base.startswith("http://127.0.0.1:")
    with httpx.Client(base_url=running.base) as client:
        assert client.get("/").status_code == 403
        opened = client.get(running.url, follow_redirects=True)
        assert opened.status_code == 200
        assert "Cruscotto" in opened.text and "Provincia di Valdoria" in opened.text
    code, out, err = running.stop()
    assert code == 0, err
    assert "Traceback" not in err
    assert "pwkit apri chiuso" in out
    assert str(example) in running.printed


def test_two_servers_get_free_ports_and_tokens_of_their_own(example: Path) -> None:
    first, second = start_apri(example), start_apri(example)
    try:
        assert first.base != second.base and first.url != second.url
        with httpx.Client() as client:
            wrong = second.base + "/?token=" + first.url.rsplit("=", 1)[1]
            assert client.get(wrong).status_code == 403
    finally:
        for server in (first, second):
            assert server.stop()[0] == 0


def test_a_busy_port_is_told_in_italian(running: Running, example: Path) -> None:
    port = running.base.rsplit(":", 1)[1]
    other = subprocess.run(
        [sys.executable, "-m", "pwkit", "apri", str(example), "--porta", port, "--no-browser"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert other.returncode == 2
    assert f"La porta {port}" in other.stderr and "già in uso" in other.stderr
    assert "Traceback" not in other.stderr


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_port_out_of_range_is_told_in_italian(example: Path, port: str) -> None:
    other = subprocess.run(
        [sys.executable, "-m", "pwkit", "apri", str(example), "--porta", port, "--no-browser"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert other.returncode == 2
    assert "Valore non valido per --porta: serve un numero intero da 1 a 65535." in other.stderr


def test_without_a_project_the_new_project_form_is_shown(tmp_path: Path) -> None:
    from pwkit.web.app import create_app

    keys = Secrets()
    with signed_in(create_app(tmp_path, keys=keys), keys) as client:
        form = client.get("/")
        assert form.url.path == "/nuovo"
        assert "Nuovo Project Work" in form.text
        assert '<option value="Lecco"' in form.text  # the ISTAT list
        for label in ("Titolo del Project Work", "Referente", "E-mail del referente"):
            assert label in form.text
        created = client.post(
            "/nuovo",
            data={"csrf": keys.csrf, "provincia": "Lecco", "titolo": "Concorsi unici"},
        )
        assert created.status_code == 200 and created.url.path == "/"
        assert "Cruscotto" in created.text
    assert (tmp_path / "progetto.yaml").is_file()
    assert "Lecco" in (tmp_path / "progetto.yaml").read_text(encoding="utf-8")
    assert len((tmp_path / "dati" / "comuni.csv").read_text(encoding="utf-8").splitlines()) > 10


def test_the_browser_is_opened_on_the_address_told_unless_asked_not_to(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    import uvicorn

    from pwkit.web import serve

    def interrupted(self: uvicorn.Server, sockets: object = None) -> None:
        raise KeyboardInterrupt  # Ctrl-C as soon as it serves

    opened: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(uvicorn.Server, "run", interrupted)
    monkeypatch.setattr(webbrowser, "open", opened.append)
    serve.serve(example, announce=lambda url, root: told.append(url))
    serve.serve(example, open_browser=False, announce=lambda url, root: told.append(url))
    assert len(told) == 2 and opened == told[:1]
    assert ADDRESS.fullmatch(told[0]) and told[0] != told[1]  # a token of its own each time
