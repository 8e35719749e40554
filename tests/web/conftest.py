"""Fixtures of the browser face: the application on a copy of the example, a signed-in client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from pwkit.web.app import create_app
from pwkit.web.security import Secrets

BASE = "http://127.0.0.1"


@pytest.fixture
def keys() -> Secrets:
    return Secrets()


@pytest.fixture
def app(example: Path, keys: Secrets) -> Starlette:
    return create_app(example, keys=keys)


def signed_in(app: Starlette, keys: Secrets) -> TestClient:
    """A client that opened the address with the token (so it holds the cookie)."""
    client = TestClient(app, base_url=BASE)
    opened = client.get(f"/?token={keys.token}", follow_redirects=False)
    assert opened.status_code == 303
    return client


@pytest.fixture
def web(app: Starlette, keys: Secrets) -> Iterator[TestClient]:
    with signed_in(app, keys) as client:
        yield client


@pytest.fixture
def stranger(app: Starlette) -> Iterator[TestClient]:
    """A client without the token."""
    with TestClient(app, base_url=BASE) as client:
        yield client
