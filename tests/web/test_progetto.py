"""The «Dati del progetto» page: progetto.yaml as a form, saved, refused, undone through HTTP."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pwkit.web.app import create_app
from pwkit.web.security import Secrets
from tests.conftest import REPO, edit
from tests.web.conftest import signed_in
from tests.web.formpost import form_fields

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "progetto.yaml").is_file())
PROJECT = "progetto.yaml"


def _changed(old: bytes, new: bytes) -> list[str]:
    diff = difflib.unified_diff(
        old.decode().splitlines(), new.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _save_as_shown(web: TestClient, **changes: str) -> tuple[int, str]:
    fields = form_fields(web.get("/progetto").text, "modulo")
    for name, value in changes.items():
        fields[name] = [value]
    answer = web.post("/progetto", data=fields, follow_redirects=False)
    return answer.status_code, answer.text


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_progetto_saved_as_shown_keeps_every_byte(source: Path, tmp_path: Path) -> None:
    root = tmp_path / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("export"))
    before = (root / PROJECT).read_bytes()
    keys = Secrets()
    with signed_in(create_app(root, keys=keys), keys) as web:
        code, text = _save_as_shown(web)
        assert code == 303, text[:2000]
    assert (root / PROJECT).read_bytes() == before


def test_the_page_is_linked_from_the_dashboard_and_the_navigation(web: TestClient) -> None:
    board = web.get("/").text
    assert board.count('href="/progetto"') >= 2  # the navigation and the dashboard
    page = web.get("/progetto").text
    assert "<h1>Dati del progetto</h1>" in page
    assert 'name="atto_approvazione.numero" value="41"' in page
    assert "Numero dell&#39;atto" in page or "Numero dell'atto" in page


def test_the_template_pin_is_read_only_with_the_reason(web: TestClient, example: Path) -> None:
    page = web.get("/progetto").text
    assert "province-comuni-personale@1.1.0" in page and "pwkit upgrade" in page
    assert 'name="modello"' not in page
    before = (example / PROJECT).read_bytes()
    assert _save_as_shown(web, modello="altro@9.9.9")[0] == 303
    assert (example / PROJECT).read_bytes() == before


def test_a_changed_value_reaches_only_its_bytes(web: TestClient, example: Path) -> None:
    before = (example / PROJECT).read_bytes()
    assert _save_as_shown(web, **{"atto_approvazione.numero": "57"})[0] == 303
    after = (example / PROJECT).read_bytes()
    assert _changed(before, after) == ['-  numero: "41"', '+  numero: "57"']
    assert "Salvato" in web.get("/progetto?salvato=1").text


def test_a_finding_of_progetto_is_linked_and_shown_at_its_field(
    web: TestClient, example: Path
) -> None:
    edit(example / PROJECT, "data_redazione: 2026-04-20", "data_redazione: ieri")
    board = web.get("/").text
    assert 'href="/progetto#campo-data_redazione"' in board
    page = web.get("/progetto").text
    assert 'id="campo-data_redazione"' in page
    block = page.split('data-campo="data_redazione"', 1)[1].split("</div>", 1)[0]
    assert "PW0" in block and 'value="ieri"' in block


def test_progetto_changed_on_disk_meanwhile_is_not_overwritten(
    web: TestClient, example: Path
) -> None:
    fields = form_fields(web.get("/progetto").text, "modulo")
    edit(example / PROJECT, 'numero: "41"', 'numero: "42"')
    changed = (example / PROJECT).read_bytes()
    fields["titolo"] = ["Un altro titolo"]
    answer = web.post("/progetto", data=fields)
    assert answer.status_code == 409
    assert '+  numero: "42"' in answer.text.replace("&#34;", '"').replace("&quot;", '"')
    assert 'href="/progetto"' in answer.text and "Ricarica" in answer.text
    assert (example / PROJECT).read_bytes() == changed


def test_undo_brings_back_progetto_before_the_last_save(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    before = (example / PROJECT).read_bytes()
    assert _save_as_shown(web, **{"atto_approvazione.numero": "57"})[0] == 303
    answer = web.post("/progetto/annulla", data={"csrf": keys.csrf})
    assert answer.status_code == 200 and "Annullato" in answer.text
    assert (example / PROJECT).read_bytes() == before


def test_a_finding_of_no_field_is_shown_on_the_page(web: TestClient, example: Path) -> None:
    edit(example / PROJECT, "edizione:", "modello_x: 1\nedizione:")
    page = web.get("/progetto").text
    assert "PW005" in page and "modello_x" in page


def test_a_finding_of_the_template_pin_is_shown_beside_it(web: TestClient, example: Path) -> None:
    edit(example / PROJECT, "personale@1.1.0", "personale@1.0.0")
    assert 'href="/progetto#campo-modello"' in web.get("/").text
    page = web.get("/progetto").text
    block = page.split('id="campo-modello"', 1)[1].split("</div>", 1)[0]
    assert "PW011" in block and "pwkit upgrade" in block
