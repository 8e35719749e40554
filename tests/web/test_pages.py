"""The dashboard, the export page and the labels of every field, through HTTP."""

from __future__ import annotations

import html
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pwkit.web.security import Secrets
from tests.conftest import run_cli

SERVICES = "sezioni/06-servizi.md"


def _break_a_service(example: Path) -> None:
    """S1 without its name: an error of the catalogue (the final document is refused)."""
    path = example / SERVICES
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    nome: Selezione unica", "    nome: ''  # x", 1), "utf-8")


def test_the_dashboard_shows_where_the_project_stands(web: TestClient, example: Path) -> None:
    page = web.get("/").text
    for shown in ("Provincia di Valdoria", "province-comuni-personale@", "Scadenza del programma"):
        assert shown in page
    assert "30/04/2026" in page
    assert page.count('href="/sezione/') == 16
    assert '<a href="/sezione/servizi">Catalogo dei servizi' in page
    status = json.loads(run_cli("status", example, "-f", "json").stdout)
    services = next(s for s in status["sections"] if s["file"] == SERVICES)
    words = f'{services["words"]} <span class="limiti">(400–2500)</span>'
    assert words in page  # the words against the limits, as `pwkit status` counts them


def test_after_the_deadline_the_dashboard_says_the_programmes_phase_as_status_does(
    web: TestClient, example: Path
) -> None:
    page = html.unescape(web.get("/").text)
    said = run_cli("status", example).stdout
    assert "scaduta da" not in page and "giorni" not in page
    line = next(line for line in said.splitlines() if "30/04/2026" in line)
    assert " ".join(line.split()) in " ".join(page.split())


def test_every_finding_of_the_dashboard_links_to_its_field(web: TestClient, example: Path) -> None:
    _break_a_service(example)
    page = web.get("/").text
    assert 'href="/sezione/servizi#campo-servizi[0].nome"' in page
    section = web.get("/sezione/servizi").text
    assert 'id="campo-servizi[0].nome"' in section


def test_the_final_export_is_disabled_with_the_reasons_while_there_are_errors(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    _break_a_service(example)
    page = web.get("/esporta").text
    final = page.split('value="finale"', 1)[1].split(">", 1)[0]
    assert "disabled" in final
    assert "Il documento finale si esporta quando non ci sono errori" in page
    assert "sezioni/06-servizi.md" in page.split('id="perche-no"', 1)[1]
    refused = web.post("/esporta", data={"csrf": keys.csrf, "tipo": "finale"})
    assert "non è stato scritto" in refused.text
    assert not (example / "export").exists()
    draft = web.post("/esporta", data={"csrf": keys.csrf, "tipo": "bozza"})
    assert draft.status_code == 200
    [written] = (example / "export").glob("*.docx")
    assert f'href="/scarica/{written.name}"' in draft.text
    assert web.get(f"/scarica/{written.name}").content == written.read_bytes()


def test_the_final_export_is_written_where_the_cli_writes_it(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    page = web.get("/esporta").text
    assert "disabled" not in page.split('value="finale"', 1)[1].split(">", 1)[0]
    answer = web.post("/esporta", data={"csrf": keys.csrf, "tipo": "finale"})
    assert answer.status_code == 200
    assert (example / "export" / "PW-VD-v1.0.docx").is_file()
    again = web.post("/esporta", data={"csrf": keys.csrf, "tipo": "finale"})
    assert again.status_code == 409 and "Sostituisci il file esistente" in again.text


def test_without_libreoffice_the_pdf_is_not_offered_and_why(
    web: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    page = web.get("/esporta").text
    assert "Il PDF non è disponibile: serve LibreOffice" in page
    assert 'name="pdf"' not in page


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_with_libreoffice_the_pdf_is_offered(web: TestClient) -> None:
    page = web.get("/esporta").text
    assert '<label for="campo-pdf">Scrivi anche il PDF' in page


class _Controls(HTMLParser):
    """The controls of a page a user fills, and the labels there are."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.labelled: set[str] = set()
        self.template = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "template":
            self.template += 1
        if tag == "label" and a.get("for"):
            self.labelled.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.template -= 1


def _unlabelled(page: str) -> list[dict[str, str]]:
    parser = _Controls()
    parser.feed(page)
    assert parser.controls
    return [
        control
        for control in parser.controls
        if control.get("id") not in parser.labelled and not control.get("aria-label")
    ]


def test_every_field_of_every_page_has_a_label(web: TestClient) -> None:
    board = web.get("/").text
    sections = sorted({"/sezione/" + p.split('"')[0] for p in board.split('href="/sezione/')[1:]})
    for path in ["/comuni", "/esporta", "/progetto", *sections]:
        assert _unlabelled(web.get(path).text) == [], path


def test_every_field_of_the_new_project_form_has_a_label(tmp_path: Path) -> None:
    from pwkit.web.app import create_app
    from tests.web.conftest import signed_in

    keys = Secrets()
    with signed_in(create_app(tmp_path, keys=keys), keys) as client:
        assert _unlabelled(client.get("/nuovo").text) == []
