"""The safety of ``pwkit apri``: token, Host, CSRF, body size, paths, headers, binding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from pwkit.web import serve
from pwkit.web.security import MAX_BODY, Secrets
from tests.conftest import run_cli
from tests.web.conftest import BASE, signed_in


def _post_paths(app: Starlette) -> list[str]:
    """Every address that takes a POST, with a sample value for its parameters."""
    paths = []
    for route in app.routes:
        if isinstance(route, Route) and "POST" in (route.methods or ()):
            paths.append(route.path.replace("{key}", "servizi").replace("{name}", "x"))
    return paths


# --- the token ------------------------------------------------------------------------------


def test_a_request_without_the_token_is_forbidden(stranger: TestClient) -> None:
    for path in ("/", "/esporta", "/static/pwkit.css", "/scarica/x.docx", "/nuovo"):
        answer = stranger.get(path)
        assert answer.status_code == 403, path
        assert "pwkit apri" in answer.text and "token" in answer.text


def test_a_wrong_token_is_forbidden(stranger: TestClient, keys: Secrets) -> None:
    for wrong in ("sbagliato", keys.token[:-1], keys.token + "x", "tökèn", ""):
        assert stranger.get(f"/?token={wrong}").status_code == 403


def test_the_token_becomes_a_strict_httponly_cookie_and_leaves_the_address(
    stranger: TestClient, keys: Secrets
) -> None:
    answer = stranger.get(f"/esporta?token={keys.token}&x=1", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/esporta?x=1"
    cookie = answer.headers["set-cookie"].lower()
    assert keys.token.lower() in cookie
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert stranger.get("/esporta").status_code == 200


def test_a_cookie_with_another_servers_token_is_forbidden(app: Starlette, keys: Secrets) -> None:
    other = Secrets()
    with TestClient(app, base_url=BASE, cookies={keys.cookie: other.token}) as client:
        assert client.get("/").status_code == 403


# --- the Host header (DNS rebinding) --------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_foreign_host_header_is_rejected_even_with_the_cookie(web: TestClient, host: str) -> None:
    answer = web.get("/", headers={"host": host})
    assert answer.status_code == 403
    assert "solo agli indirizzi locali" in answer.text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8765", "localhost:1234", "[::1]:80"])
def test_a_local_host_header_is_accepted(web: TestClient, host: str) -> None:
    assert web.get("/", headers={"host": host}).status_code == 200


# --- CSRF ---------------------------------------------------------------------------------


def test_every_post_without_the_csrf_token_is_rejected(web: TestClient, app: Starlette) -> None:
    paths = _post_paths(app)
    assert "/esporta" in paths and "/nuovo" in paths and "/progetto" in paths
    for path in paths:
        for form in ({}, {"csrf": "sbagliato"}, {"csrf": ""}):
            answer = web.post(path, data={**form, "tipo": "bozza"})
            assert answer.status_code == 403, (path, form)
            assert "Richiesta rifiutata" in answer.text
    assert not (app.state.site.root / "export").exists()


def test_a_post_from_another_origin_is_rejected_even_with_the_csrf_token(
    web: TestClient, app: Starlette, keys: Secrets
) -> None:
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9"):
        answer = web.post(
            "/esporta", data={"csrf": keys.csrf, "tipo": "bozza"}, headers={"origin": origin}
        )
        assert answer.status_code == 403, origin
    assert not (app.state.site.root / "export").exists()


@pytest.mark.parametrize(
    "path", ["/esporta", "/sezione/servizi", "/sezione/rischi", "/comuni", "/progetto"]
)
def test_the_csrf_token_is_in_every_form_of_the_pages(
    web: TestClient, keys: Secrets, path: str
) -> None:
    page = web.get(path).text
    assert page.count("<form") == page.count(f'name="csrf" value="{keys.csrf}"') > 0


# --- request bodies -------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_by_its_length(web: TestClient, keys: Secrets) -> None:
    answer = web.post(
        "/esporta", content=b"x" * (MAX_BODY + 1), headers={"x-csrf-token": keys.csrf}
    )
    assert answer.status_code == 413
    assert "troppo grande" in answer.text


def test_a_streamed_body_over_the_limit_is_refused_as_it_comes(
    web: TestClient, keys: Secrets
) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"a=" + b"x" * 65534

    answer = web.post(
        "/esporta",
        content=chunks(),
        headers={"x-csrf-token": keys.csrf, "content-type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 413


# --- paths ------------------------------------------------------------------------------------


OUTSIDE = [
    "../progetto.yaml",
    "..%2Fprogetto.yaml",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2Fetc%2Fpasswd",
    "%2E%2E%2Fprogetto.yaml",
    "....%2F%2Fprogetto.yaml",
]


@pytest.mark.parametrize("name", OUTSIDE)
def test_a_download_never_leaves_the_export_folder(
    web: TestClient, app: Starlette, name: str
) -> None:
    root: Path = app.state.site.root
    (root / "export").mkdir()
    (root / "export" / "PW-VD-v1.0.docx").write_bytes(b"documento")
    answer = web.get(f"/scarica/{name}")
    assert answer.status_code == 404
    assert "modello:" not in answer.text and "root:" not in answer.text
    assert web.get("/scarica/PW-VD-v1.0.docx").content == b"documento"


def test_a_download_follows_no_link_out_of_the_export_folder(
    web: TestClient, app: Starlette, tmp_path: Path
) -> None:
    secret = tmp_path / "segreto.docx"
    secret.write_bytes(b"segreto")
    export = app.state.site.root / "export"
    export.mkdir()
    (export / "link.docx").symlink_to(secret)
    answer = web.get("/scarica/link.docx")
    assert answer.status_code == 404 and b"segreto" not in answer.content


def test_a_static_path_never_leaves_the_static_folder(web: TestClient) -> None:
    for name in ("..%2F..%2Fcli.py", "%2Fetc%2Fpasswd", "../app.py"):
        answer = web.get(f"/static/{name}")
        assert answer.status_code == 404, name
        assert "import" not in answer.text


def test_the_new_project_folder_is_never_outside_the_folder_apri_was_given(
    tmp_path: Path, keys: Secrets
) -> None:
    start = tmp_path / "lavoro"
    start.mkdir()
    (start / "altro.txt").write_text("qualcosa", encoding="utf-8")
    with signed_in(create_app_in(start, keys), keys) as client:
        for name in ("../fuori", "/tmp/fuori", "a/b", "..", ".nascosta", "C:\\fuori"):
            answer = client.post(
                "/nuovo", data={"csrf": keys.csrf, "cartella": name, "provincia": "Lecco"}
            )
            assert answer.status_code == 400, name
            assert "non è un nome di cartella valido" in answer.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lavoro"]
    assert sorted(p.name for p in start.iterdir()) == ["altro.txt"]


def create_app_in(start: Path, keys: Secrets) -> Starlette:
    from pwkit.web.app import create_app

    return create_app(start, keys=keys)


# --- headers ----------------------------------------------------------------------------------


def test_pages_forbid_framing_foreign_scripts_and_referrers(web: TestClient) -> None:
    for answer in (web.get("/"), web.get("/?token=no"), web.get("/static/pwkit.css")):
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert answer.headers["referrer-policy"] == "same-origin"
        assert answer.headers["x-frame-options"] == "DENY"


# --- binding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.1"])
def test_apri_refuses_an_address_other_computers_reach(example: Path, host: str) -> None:
    out = run_cli("apri", example, "--indirizzo", host, "--no-browser", code=2)
    assert f"L'indirizzo «{host}» è raggiungibile da altri computer" in out.stderr
    assert "--remoto" in out.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_are_accepted(host: str) -> None:
    assert serve.check_address(host, remote=False)


def test_a_reachable_address_is_accepted_only_when_asked() -> None:
    with pytest.raises(serve.PwkitError):
        serve.check_address("0.0.0.0", remote=False)
    assert serve.check_address("0.0.0.0", remote=True)
