"""The whole journey of an officer in the browser, on a copy of the example (Playwright + chromium).

Dashboard → service catalogue → a service's start moved past the programme's window → the
finding beside that field → fixed → gone → a risk added as a row of the form → a paragraph
of prose edited → saved: the files carry exactly those changes → the draft exported and
downloaded → the file edited on disk meanwhile → the next save is refused with a reload offer.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright

from tests.conftest import run_cli
from tests.web.browser import Live, chromium, live_server, screenshot_path

SERVICES = "sezioni/06-servizi.md"
RISKS = "sezioni/12-rischi.md"
START = "servizi[0].avvio"
OLD_SENTENCE = "aggiornato ogni trimestre dal Comitato tecnico"
NEW_SENTENCE = "aggiornato ogni mese dal Comitato tecnico"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium())
        yield launched
        launched.close()


@pytest.fixture
def live(example: Path) -> Iterator[Live]:
    with live_server(example) as server:
        yield server


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    context = browser.new_context(
        accept_downloads=True, locale="it-IT", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    opened = context.new_page()
    opened.goto(live.entry)
    yield opened
    context.close()


def digests(root: Path) -> dict[str, str]:
    """Every project file (not pwkit's own keeping under .pwkit/) → its sha256."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".pwkit" not in path.relative_to(root).parts
    }


def save(page: Page) -> None:
    page.get_by_role("button", name="Salva", exact=True).click()
    expect(page.locator("#esito")).to_contain_text("Salvato")


def test_the_whole_journey_of_the_must_show(page: Page, live: Live, example: Path) -> None:
    before = {name: (example / name).read_bytes() for name in (SERVICES, RISKS)}
    untouched = {k: v for k, v in digests(example).items() if k not in (SERVICES, RISKS)}

    # the dashboard
    expect(page.get_by_role("heading", level=1)).to_contain_text("Provincia di Valdoria")
    expect(page.get_by_text("province-comuni-personale@")).to_be_visible()
    expect(page.get_by_text("Nessuna segnalazione")).to_be_visible()

    # the service catalogue: a start far after the first one → the finding at that field
    page.get_by_role("link", name=re.compile("Catalogo dei servizi")).first.click()
    expect(page).to_have_url(re.compile(r"/sezione/servizi$"))
    start = page.locator(f'[name="{START}"]')
    expect(start).to_have_value("2026-11-02")
    start.fill("2030-06-01")
    save(page)
    finding = page.locator(f'[data-campo="{START}"] .segnalazione')
    expect(finding).to_contain_text("PW510")
    expect(finding).to_contain_text("1° giugno 2030")
    finding.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path(example.parent, "apri-sezione-segnalazione.png"))

    # on the dashboard too, a link to that very field
    page.get_by_role("link", name="Cruscotto").first.click()
    report = json.loads(run_cli("check", example, "-f", "json").stdout)
    pw510 = next(f for f in report["diagnostics"] if f["code"] == "PW510")
    place = f"{pw510['file']}:{pw510['line']}:{pw510['column']}"
    to_field = page.get_by_role("link", name=place)
    expect(to_field).to_be_visible()
    page.screenshot(path=screenshot_path(example.parent, "apri-cruscotto.png"), full_page=True)
    to_field.click()
    expect(page).to_have_url(re.compile(r"/sezione/servizi#campo-servizi\[0\]\.avvio$"))
    expect(page.locator(f'[name="{START}"]')).to_be_in_viewport()

    # fixed → gone
    page.locator(f'[name="{START}"]').fill("2026-11-02")
    save(page)
    expect(page.locator(f'[data-campo="{START}"] .segnalazione')).to_have_count(0)
    assert (example / SERVICES).read_bytes() == before[SERVICES]

    # a risk added through the form, a paragraph of prose edited
    page.goto(live.base + "/sezione/rischi")
    rows = page.locator('[data-lista="rischi"] > .righe > .riga')
    count = rows.count()
    page.get_by_role("button", name="Aggiungi una riga: Registro dei rischi").click()
    expect(rows).to_have_count(count + 1)
    new = f"rischi[{count}]"
    page.locator(f'[name="{new}.id"]').fill("R9")
    page.locator(f'[name="{new}.descrizione"]').fill("Sciopero del personale del Centro")
    page.locator(f'[name="{new}.categoria"]').select_option("organizzativa")
    page.locator(f'[name="{new}.probabilita"]').fill("2")
    page.locator(f'[name="{new}.impatto"]').fill("3")
    page.locator(f'[name="{new}.strategia"]').select_option("accettare")
    page.get_by_role("button", name="Aggiungi una riga: Azioni di mitigazione").last.click()
    page.locator(f'[name="{new}.mitigazione[0]"]').fill("Accordo sui servizi minimi")
    page.locator(f'[name="{new}.responsabile"]').select_option("RU1")
    prose = page.get_by_label("Testo della sezione")
    prose.fill(prose.input_value().replace(OLD_SENTENCE, NEW_SENTENCE))
    save(page)
    page.screenshot(path=screenshot_path(example.parent, "apri-sezione-testo.png"))

    # exactly those changes on disk, every other byte unchanged
    after = (example / RISKS).read_text(encoding="utf-8")
    old = before[RISKS].decode("utf-8")
    changes = [
        line
        for line in difflib.ndiff(old.splitlines(), after.splitlines())
        if line.startswith(("- ", "+ "))
    ]
    removed = [line[2:] for line in changes if line.startswith("- ")]
    added = [line[2:] for line in changes if line.startswith("+ ")]
    assert removed == [line for line in old.splitlines() if OLD_SENTENCE in line]
    assert [line for line in added if NEW_SENTENCE in line] == [
        line.replace(OLD_SENTENCE, NEW_SENTENCE) for line in removed
    ]
    row = "\n".join(line for line in added if NEW_SENTENCE not in line)
    for value in ("id: R9", "Sciopero del personale del Centro", "organizzativa", "accettare"):
        assert value in row
    assert "Accordo sui servizi minimi" in row and "responsabile: RU1" in row
    assert len(added) - 1 == len(row.splitlines()) <= 12
    assert after.index("id: R9") < after.index("\n---\n")  # in the front matter, after R8
    assert after.index("id: R8") < after.index("id: R9")
    assert (example / SERVICES).read_bytes() == before[SERVICES]
    assert {k: v for k, v in digests(example).items() if k in untouched} == untouched

    # the draft exported and downloaded
    page.get_by_role("link", name="Esporta").click()
    page.get_by_role("button", name="Esporta la bozza").click()
    link = page.get_by_role("link", name=re.compile(r"^Scarica .*\.docx$"))
    with page.expect_download() as download_info:
        link.click()
    downloaded = download_info.value.path()
    written = next((example / "export").glob("*.docx"))
    assert downloaded.read_bytes() == written.read_bytes()
    with zipfile.ZipFile(downloaded) as docx:
        assert "Sciopero del personale del Centro" in docx.read("word/document.xml").decode()

    # the same file edited on disk meanwhile → the next save is refused, with a reload offer
    page.goto(live.base + "/sezione/rischi")
    meanwhile = (example / RISKS).read_text(encoding="utf-8") + "\nAggiunto da un editor.\n"
    (example / RISKS).write_text(meanwhile, encoding="utf-8")
    page.locator('[name="rischi[0].impatto"]').fill("5")
    page.get_by_role("button", name="Salva", exact=True).click()
    refusal = page.get_by_role("alert").filter(has_text="modificato")
    expect(refusal).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Ricarica"))).to_be_visible()
    assert (example / RISKS).read_text(encoding="utf-8") == meanwhile


PASTED = "990901\tPrato Alto\t1200\t7\tno\t0.5\t\n990902\tRiva Bassa\t850\t5\tno\t0.3\t\n"


def test_a_range_copied_from_excel_is_pasted_into_the_comuni_grid(
    page: Page, live: Live, example: Path
) -> None:
    csv = example / "dati" / "comuni.csv"
    before = csv.read_text(encoding="utf-8")
    page.get_by_role("link", name="Comuni").first.click()
    page.get_by_role("button", name="+ Aggiungi una riga").click()
    cell = page.locator("[data-griglia] tbody tr:last-child input").first
    expect(cell).to_be_focused()
    cell.evaluate(
        """(el, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }""",
        PASTED,
    )
    save(page)
    assert csv.read_text(encoding="utf-8") == (
        before + "990901,Prato Alto,1200,7,no,0.5,\n990902,Riva Bassa,850,5,no,0.3,\n"
    )


def test_rows_move_and_the_toolbar_marks_the_prose_with_its_preview(
    page: Page, live: Live, example: Path
) -> None:
    page.goto(live.base + "/sezione/rischi")
    page.get_by_role("button", name="Sposta giù: Registro dei rischi, Riga 1").click()
    expect(page.locator('[name="rischi[0].id"]')).to_have_value("R2")
    expect(page.locator('[name="rischi[1].id"]')).to_have_value("R1")
    prose = page.get_by_label("Testo della sezione")
    prose.focus()
    prose.press("Control+End")
    page.get_by_role("button", name="Grassetto").click()
    expect(prose).to_have_value(re.compile(r"\*\*testo in grassetto\*\*$"))
    expect(page.locator("#anteprima strong").last).to_have_text("testo in grassetto")
    page.get_by_role("button", name="Tabella").click()
    expect(page.locator("#anteprima table")).to_have_count(1)
    save(page)
    text = (example / RISKS).read_text(encoding="utf-8")
    assert text.index("id: R2") < text.index("id: R1")
    assert text.rstrip().endswith("| valore | valore |")


def test_ctrl_s_saves_and_leaving_with_unsaved_changes_asks_first(
    page: Page, live: Live, example: Path
) -> None:
    page.goto(live.base + "/sezione/servizi")
    page.locator('[name="servizi[0].priorita"]').fill("2")
    asked: list[str] = []

    def stay(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Cruscotto").first.click()
    expect(page).to_have_url(re.compile(r"/sezione/servizi$"))
    assert asked == ["beforeunload"]
    page.locator('[name="servizi[0].priorita"]').press("Control+s")
    expect(page.locator("#esito")).to_contain_text("Salvato")
    assert "    priorita: 2\n" in (example / SERVICES).read_text(encoding="utf-8")
    page.get_by_role("link", name="Cruscotto").first.click()
    expect(page).to_have_url(re.compile(r"/$"))
    assert asked == ["beforeunload"]


def test_the_project_data_page_changes_only_the_value_typed(page: Page, example: Path) -> None:
    before = (example / "progetto.yaml").read_text(encoding="utf-8")
    page.get_by_role("navigation").get_by_role("link", name="Dati del progetto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dati del progetto")
    expect(page.get_by_text("pwkit upgrade")).to_be_visible()
    number = page.get_by_label("Numero dell'atto")
    expect(number).to_have_value("41")
    number.fill("57")
    save(page)
    after = (example / "progetto.yaml").read_text(encoding="utf-8")
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    assert [line for line in diff if line.startswith(("- ", "+ "))] == [
        '-   numero: "41"',
        '+   numero: "57"',
    ]
