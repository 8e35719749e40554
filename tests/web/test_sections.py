"""A section's page and the Comuni grid through HTTP: round trip, save, refusal, conflict, undo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pwkit.web.app import create_app
from pwkit.web.security import Secrets
from tests.conftest import REPO
from tests.web.conftest import signed_in
from tests.web.formpost import form_fields

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "progetto.yaml").is_file())
SERVICES = "sezioni/06-servizi.md"
ECONOMY = "sezioni/10-economia.md"


def _client(root: Path) -> tuple[TestClient, Secrets]:
    keys = Secrets()
    return signed_in(create_app(root, keys=keys), keys), keys


def _section_keys(web: TestClient) -> list[str]:
    page = web.get("/").text
    return sorted({part.split('"')[0] for part in page.split('href="/sezione/')[1:]})


def _save_as_shown(web: TestClient, key: str, **changes: str) -> tuple[int, str]:
    fields = form_fields(web.get(f"/sezione/{key}").text, "modulo")
    for name, value in changes.items():
        fields[name] = [value]
    answer = web.post(f"/sezione/{key}", data=fields, follow_redirects=False)
    return answer.status_code, answer.text


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_every_section_saved_as_shown_keeps_every_byte(source: Path, tmp_path: Path) -> None:
    root = tmp_path / source.name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("export"))
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".pwkit" not in p.parts}
    web, _ = _client(root)
    with web:
        sections = [k.split("#")[0] for k in _section_keys(web)]
        assert len(set(sections)) >= 16
        for key in set(sections):
            code, text = _save_as_shown(web, key)
            assert code == 303, (key, text[:2000])
        grid = form_fields(web.get("/comuni").text, "modulo-comuni")
        assert web.post("/comuni", data=grid, follow_redirects=False).status_code == 303
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".pwkit" not in p.parts}
    assert after == before


def test_a_saved_value_reaches_the_file_and_its_finding_the_field(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    code, _ = _save_as_shown(web, "servizi", **{"servizi[0].avvio": "2030-06-01"})
    assert code == 303
    assert "avvio: 2030-06-01" in (example / SERVICES).read_text(encoding="utf-8")
    page = web.get("/sezione/servizi?salvato=1").text
    assert "Salvato" in page
    block = page.split('data-campo="servizi[0].avvio"', 1)[1].split("</div>", 1)[0]
    assert "PW510" in block and "1° giugno 2030" in block


def test_an_italian_number_is_understood(web: TestClient, example: Path) -> None:
    code, _ = _save_as_shown(web, "economia", **{"costi[1].importo": "12.000,50"})
    assert code == 303
    assert "importo: 12000.5\n" in (example / ECONOMY).read_text(encoding="utf-8")


def test_a_number_that_reads_two_ways_is_refused_at_its_field_as_check_says(
    web: TestClient, example: Path
) -> None:
    before = (example / SERVICES).read_bytes()
    code, page = _save_as_shown(
        web, "servizi", **{"servizi[0].volume_annuo.valore": "1.500", "prosa": "Nuovo."}
    )
    assert code == 400
    assert "Non salvato" in page
    block = page.split('data-campo="servizi[0].volume_annuo.valore"', 1)[1].split("</div>", 1)[0]
    assert "PW006" in block and 'value="1.500"' in block
    assert "Nuovo." in page  # the words typed are shown again, not lost
    assert (example / SERVICES).read_bytes() == before


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    fields = form_fields(web.get("/sezione/servizi").text, "modulo")
    changed = (example / SERVICES).read_text(encoding="utf-8") + "\nScritto con un editor.\n"
    (example / SERVICES).write_text(changed, encoding="utf-8")
    fields["servizi[0].priorita"] = ["2"]
    fields["prosa"] = [fields["prosa"][0] + "\nLe mie parole."]
    answer = web.post("/sezione/servizi", data=fields)
    assert answer.status_code == 409
    assert "modificato da un altro programma" in answer.text
    assert "+Scritto con un editor." in answer.text  # what changed
    assert 'href="/sezione/servizi"' in answer.text and "Ricarica" in answer.text
    assert "Le mie parole." in answer.text  # the words typed, to copy
    assert (example / SERVICES).read_text(encoding="utf-8") == changed


def test_undo_brings_back_the_file_before_the_last_save(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    before = (example / SERVICES).read_bytes()
    assert _save_as_shown(web, "servizi", **{"servizi[0].priorita": "2"})[0] == 303
    assert (example / SERVICES).read_bytes() != before
    answer = web.post("/sezione/servizi/annulla", data={"csrf": keys.csrf})
    assert answer.status_code == 200 and "Annullato" in answer.text
    assert (example / SERVICES).read_bytes() == before


def test_the_preview_is_the_prose_as_the_document_shows_it_without_raw_html(
    web: TestClient, keys: Secrets
) -> None:
    answer = web.post(
        "/anteprima",
        data={"prosa": "Un **punto** e <script>alert(1)</script>\n\n- voce"},
        headers={"x-csrf-token": keys.csrf},
    )
    assert answer.status_code == 200
    assert "<strong>punto</strong>" in answer.text and "<li>voce</li>" in answer.text
    assert "<script" not in answer.text


@pytest.mark.parametrize("key", ["06-servizi.md", "nessuna", "...", "servizi.."])
def test_a_section_that_does_not_exist_is_told(web: TestClient, keys: Secrets, key: str) -> None:
    answer = web.get(f"/sezione/{key}")
    assert answer.status_code == 400
    assert "non esiste in questo progetto" in answer.text
    posted = web.post(f"/sezione/{key}", data={"csrf": keys.csrf, "prosa": "x"})
    assert posted.status_code == 400 and "non esiste in questo progetto" in posted.text


@pytest.mark.parametrize("key", ["..%2Fprogetto.yaml", "%2Fetc%2Fpasswd", "..%2F..%2F", "%2E%2E"])
def test_a_path_for_a_section_never_reads_outside_it(
    web: TestClient, keys: Secrets, key: str
) -> None:
    answer = web.get(f"/sezione/{key}")
    assert answer.status_code in (400, 404)
    assert "non " in answer.text and "root:" not in answer.text
    assert "provincia:" not in answer.text
    posted = web.post(f"/sezione/{key}", data={"csrf": keys.csrf, "prosa": "x"})
    assert posted.status_code in (400, 404)


def test_rows_pasted_into_the_comuni_grid_are_written(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    csv = example / "dati" / "comuni.csv"
    before = csv.read_text(encoding="utf-8")
    fields = form_fields(web.get("/comuni").text, "modulo-comuni")
    columns = 1 + max(int(name.split("c")[1]) for name in fields if name.startswith("r"))
    rows = 1 + max(int(name[1:].split("c")[0]) for name in fields if name.startswith("r"))
    header = before.splitlines()[0]
    delimiter = ";" if ";" in header else ","
    first = before.splitlines()[1].split(delimiter)
    new = ["999999", "Nuovo Comune", *first[2:]]
    for c in range(columns):
        fields[f"r{rows}c{c}"] = [new[c] if c < len(new) else ""]
    assert web.post("/comuni", data=fields, follow_redirects=False).status_code == 303
    after = csv.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")) and "Nuovo Comune" in after.splitlines()[-1]


def test_undo_of_the_comuni_grid(web: TestClient, keys: Secrets, example: Path) -> None:
    csv = example / "dati" / "comuni.csv"
    before = csv.read_bytes()
    fields = form_fields(web.get("/comuni").text, "modulo-comuni")
    fields["r0c1"] = ["Rinominato"]
    assert web.post("/comuni", data=fields, follow_redirects=False).status_code == 303
    assert b"Rinominato" in csv.read_bytes()
    answer = web.post("/comuni/annulla", data={"csrf": keys.csrf})
    assert answer.status_code == 200 and "Annullato" in answer.text
    assert csv.read_bytes() == before


def test_a_section_whose_data_cannot_be_read_shows_them_and_saves_its_prose(
    web: TestClient, example: Path
) -> None:
    path = example / SERVICES
    broken = path.read_text(encoding="utf-8").replace("servizi:\n", "servizi:\n  - id: [S1\n", 1)
    path.write_text(broken, encoding="utf-8")
    page = web.get("/sezione/servizi").text
    assert "I dati all'inizio del file non si possono leggere" in page
    assert "id: [S1" in page
    fields = form_fields(page, "modulo")
    assert not [name for name in fields if name.startswith("servizi")]
    fields["prosa"] = [fields["prosa"][0] + "\nUna riga in più.\n"]
    assert web.post("/sezione/servizi", data=fields, follow_redirects=False).status_code == 303
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(broken.split("\n---\n")[0]) and "Una riga in più." in saved


def test_the_comuni_grid_changed_on_disk_meanwhile_is_not_overwritten(
    web: TestClient, example: Path
) -> None:
    csv = example / "dati" / "comuni.csv"
    fields = form_fields(web.get("/comuni").text, "modulo-comuni")
    changed = csv.read_text(encoding="utf-8") + "990999,Aggiunto con Excel,100,1,no,0.1,\n"
    csv.write_text(changed, encoding="utf-8")
    fields["r0c1"] = ["Rinominato"]
    answer = web.post("/comuni", data=fields)
    assert answer.status_code == 409
    assert "+990999,Aggiunto con Excel" in answer.text
    assert 'href="/comuni"' in answer.text
    assert csv.read_text(encoding="utf-8") == changed


def test_every_section_of_a_new_project_shows_and_saves_as_shown(fresh: Path) -> None:
    before = {
        p: p.read_bytes() for p in fresh.rglob("*") if p.is_file() and ".pwkit" not in p.parts
    }
    web, _ = _client(fresh)
    with web:
        assert "Monza e della Brianza" in web.get("/").text
        for key in {k.split("#")[0] for k in _section_keys(web)}:
            code, text = _save_as_shown(web, key)
            assert code == 303, (key, text[:2000])
    after = {p: p.read_bytes() for p in fresh.rglob("*") if p.is_file() and ".pwkit" not in p.parts}
    assert after == before


def test_rows_pasted_from_excel_in_the_paste_box_are_added(web: TestClient, example: Path) -> None:
    csv = example / "dati" / "comuni.csv"
    before = csv.read_text(encoding="utf-8")
    fields = form_fields(web.get("/comuni").text, "modulo-comuni")
    fields["incolla"] = ['990901\tPrato Alto\t1200\t7\tno\t0.5\t"Unione ""Colli"""\r\n']
    assert web.post("/comuni", data=fields, follow_redirects=False).status_code == 303
    assert csv.read_text(encoding="utf-8") == (
        before + '990901,Prato Alto,1200,7,no,0.5,"Unione ""Colli"""\n'
    )


def test_undo_after_a_change_on_disk_is_refused_and_keeps_that_change(
    web: TestClient, keys: Secrets, example: Path
) -> None:
    assert _save_as_shown(web, "servizi", **{"servizi[0].priorita": "2"})[0] == 303
    edited = (example / SERVICES).read_text(encoding="utf-8") + "\nDa un editor.\n"
    (example / SERVICES).write_text(edited, encoding="utf-8")
    answer = web.post("/sezione/servizi/annulla", data={"csrf": keys.csrf})
    assert answer.status_code == 409
    assert "Ricarica" in answer.text
    assert (example / SERVICES).read_text(encoding="utf-8") == edited
