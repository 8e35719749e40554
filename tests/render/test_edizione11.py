"""The data template 1.1.0 adds, in the exported document (#19).

Service cards with anticorruption measures and data protection, the hiring capacity of
section 7, the source of each good practice, and the Italian labels of the new vocabularies
(in a project still on template 1.0.0 too). Each document is read back with python-docx.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pwkit.load.markdown import Body
from pwkit.model.progetto import Progetto
from pwkit.model.project import Project, Section
from pwkit.model.sections import SECTION_MODELS
from pwkit.pack.manifest import TemplateManifest
from pwkit.pack.registry import bundled_pack
from pwkit.render.docx import export_docx
from pwkit.render.docx.formatting import money
from pwkit.validate.manifest import load_manifest
from tests.render.test_docx import DATA, PROGETTO, _comuni, all_text, captioned_tables

NEW = load_manifest(bundled_pack(version="1.1.0"))
OLD = load_manifest(bundled_pack(version="1.0.0"))
W_HYPERLINK = qn("w:hyperlink")


def _prose(title: str, subheadings: list[str], extra: dict[str, str]) -> str:
    return (
        "".join(f"## {h}\n\n{extra.get(h, f'Testo di {h}.')}\n\n" for h in subheadings)
        + f"Testo della sezione «{title}».\n"
    )


def build(
    root: Path,
    manifest: TemplateManifest,
    data: dict[str, Any] | None = None,
    prose: dict[str, str] | None = None,
) -> Project:
    """A project of ``manifest`` with the test data of test_docx, some models replaced."""
    sections = []
    for spec in manifest.sections:
        values = (data or {}).get(spec.model, DATA[spec.model])
        model = SECTION_MODELS[spec.model].model_validate(values)
        text = _prose(spec.title, list(spec.subheadings), prose or {})
        sections.append(Section(spec=spec, data=model, body=Body(text=text, first_line=1)))
    return Project(
        root=root,
        manifest=manifest,
        progetto=Progetto.model_validate(PROGETTO),
        sections=tuple(sections),
        comuni=_comuni(),
    )


def export(project: Project, tmp_path: Path) -> Any:
    path = tmp_path / "documento.docx"
    export_docx(project, path)
    return open_docx(str(path))


def card(document: Any, service: str) -> dict[str, list[str]]:
    """The rows of a service card: label → the paragraphs of its value."""
    tables = captioned_tables(document)
    table = next(t for c, t in tables.items() if c.startswith(f"Scheda del servizio {service} "))
    return {row.cells[0].text: [p.text for p in row.cells[1].paragraphs] for row in table.rows}


def blocks(document: Any) -> list[str]:
    """Headings and captions of the body, in order: «H2 Risorse umane», «Tabella 3 – …»."""
    found = []
    for p in document.element.body.iter(qn("w:p")):
        paragraph = Paragraph(p, document)
        style = paragraph.style.name
        if style.startswith("Heading") or style == "Caption":
            found.append(f"{style}: {paragraph.text}")
    return found


# -- 1. service cards ------------------------------------------------------------------

SAFEGUARDS = [
    {
        "misure_anticorruzione": [
            "Dichiarazioni dei commissari (art. 35-bis D.Lgs. 165/2001)",
            "Pubblicazione di bando e graduatoria (art. 19 D.Lgs. 33/2013)",
        ],
        "trattamento_dati": {
            "ruolo_provincia": ["titolare", "contitolare"],
            "dpia": "svolta",
            "comunicazione_dati": "Art. 3-bis DL 80/2021 e accordo tra gli enti",
        },
    },
    {"trattamento_dati": {"ruolo_provincia": ["responsabile"], "dpia": "non_necessaria"}},
]


def _catalogue() -> dict[str, Any]:
    services = copy.deepcopy(DATA["CatalogoServizi"]["servizi"])
    return {"servizi": [{**s, **extra} for s, extra in zip(services, SAFEGUARDS, strict=True)]}


def test_service_cards_show_anticorruption_measures_and_data_protection(
    tmp_path: Path,
) -> None:
    document = export(build(tmp_path, NEW, {"CatalogoServiziTutele": _catalogue()}), tmp_path)
    first, second = card(document, "S1"), card(document, "S2")
    assert first["Prevenzione della corruzione"] == SAFEGUARDS[0]["misure_anticorruzione"]
    assert first["Protezione dei dati"] == [
        "Ruolo della Provincia: Titolare e Contitolare con i Comuni (art. 26 GDPR)",
        "Valutazione d’impatto svolta (art. 35 GDPR)",
        "Comunicazione dei dati ad altri Comuni: Art. 3-bis DL 80/2021 e accordo tra gli enti",
    ]
    assert second["Prevenzione della corruzione"] == ["–"]
    assert second["Protezione dei dati"] == [
        "Ruolo della Provincia: Responsabile per conto dei Comuni (art. 28 GDPR)",
        "Valutazione d’impatto non necessaria (art. 35 GDPR)",
    ]
    # The safeguards follow the legal side of the card, before the activities.
    rows = list(first)
    assert rows.index("Modalità di accesso") < rows.index("Prevenzione della corruzione")
    assert rows.index("Protezione dei dati") < rows.index("Attività incluse")


def test_a_project_on_template_1_0_0_keeps_its_service_cards(tmp_path: Path) -> None:
    document = export(build(tmp_path, OLD), tmp_path)
    rows = card(document, "S1")
    assert "Prevenzione della corruzione" not in rows and "Protezione dei dati" not in rows
    assert len(rows) == 14
    assert "Capacità assunzionale" not in captioned_tables(document)


# -- 2. hiring capacity ----------------------------------------------------------------


def _organisation(**capacity: Any) -> dict[str, Any]:
    return {**DATA["Organizzazione"], "capacita_assunzionale": capacity}


CAPACITY = {
    "anno": 2027,
    "atto": "PIAO 2027-2029, piano dei fabbisogni",
    "spazi_disponibili": 120000,
    "spazi_utilizzati": "84500.50",
    "limite_spesa": "Entro il limite dell'art. 1 c. 557 L. 296/2006",
}


def test_section_7_shows_the_hiring_capacity_with_its_residual(tmp_path: Path) -> None:
    project = build(tmp_path, NEW, {"OrganizzazioneCapacita": _organisation(**CAPACITY)})
    document = export(project, tmp_path)
    table = captioned_tables(document)["Capacità assunzionale"]
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows == {
        "Anno": "2027",
        "Atto che la determina": "PIAO 2027-2029, piano dei fabbisogni",
        "Capacità disponibile": "120.000,00\u00a0€",
        "Capacità utilizzata dalle nuove assunzioni": "84.500,50\u00a0€",
        "Capacità residua": "35.499,50\u00a0€",  # 120.000,00 − 84.500,50
        "Limite di spesa di personale": "Entro il limite dell’art. 1 c. 557 L. 296/2006",
    }
    # By default at the end of «Risorse umane», after the roles.
    order = blocks(document)
    roles = next(i for i, b in enumerate(order) if "Ruoli, FTE e costo annuo" in b)
    capacity = next(i for i, b in enumerate(order) if b.endswith("– Capacità assunzionale"))
    assert capacity == roles + 1
    assert order[capacity + 1].startswith("Heading 1: ")


def test_a_capacity_overrun_is_shown_not_hidden(tmp_path: Path) -> None:
    over = {**CAPACITY, "spazi_utilizzati": 130000}
    del over["limite_spesa"]
    project = build(tmp_path, NEW, {"OrganizzazioneCapacita": _organisation(**over)})
    table = captioned_tables(export(project, tmp_path))["Capacità assunzionale"]
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows["Capacità residua"] == "nessuna: superata di " + money(Decimal(10000))
    assert "Limite di spesa di personale" not in rows


def test_a_marker_places_the_hiring_capacity(tmp_path: Path) -> None:
    project = build(
        tmp_path,
        NEW,
        {"OrganizzazioneCapacita": _organisation(**CAPACITY)},
        {"Collocazione organizzativa": "Prima.\n\n<!-- tabella: capacita-assunzionale -->"},
    )
    order = blocks(export(project, tmp_path))
    capacity = next(i for i, b in enumerate(order) if b.endswith("– Capacità assunzionale"))
    # Where the marker is, in «Collocazione organizzativa», not under «Risorse umane».
    assert order.index("Heading 2: Collocazione organizzativa") < capacity
    assert capacity < order.index("Heading 2: Risorse umane")


def test_no_capacity_table_when_none_is_declared(tmp_path: Path) -> None:
    project = build(tmp_path, NEW, {"OrganizzazioneCapacita": DATA["Organizzazione"]})
    assert "Capacità assunzionale" not in captioned_tables(export(project, tmp_path))


# -- 3. sources of good practices ------------------------------------------------------

LINK = "https://www.upinet.it/"


def test_good_practices_show_their_source_date_and_link(tmp_path: Path) -> None:
    practice = DATA["BuonePratiche"]["buone_pratiche"][0]
    practices = {
        **DATA["BuonePratiche"],
        "buone_pratiche": [
            {
                **practice,
                "fonte": "Delibera n. 289",
                "fonte_data": "2026-03-01",
                "fonte_link": LINK,
            },
            {**practice, "fonte": "Avviso sulle selezioni", "fonte_data": "luglio 2025"},
            {**practice, "fonte": "Verbale", "fonte_link": "sito della Provincia"},
            practice,
        ],
    }
    document = export(build(tmp_path, NEW, {"BuonePraticheFonti": practices}), tmp_path)
    table = captioned_tables(document)["Buone pratiche di riferimento"]
    assert table.cell(0, 3).text == "Fonte"
    cells = [table.cell(r, 3) for r in range(1, 5)]
    assert [[p.text for p in c.paragraphs] for c in cells] == [
        ["Delibera n. 289", "1° marzo 2026", LINK],
        ["Avviso sulle selezioni", "luglio 2025"],
        ["Verbale", "sito della Provincia"],
        ["–"],
    ]
    links = [h for c in cells for h in c._tc.iter(W_HYPERLINK)]
    assert len(links) == 1  # a text that is not a web address stays text
    part = table.part
    assert part.rels[links[0].get(qn("r:id"))].target_ref == LINK


# -- 4. new vocabularies ---------------------------------------------------------------


def test_new_codes_get_their_italian_labels_in_a_project_on_template_1_0_0(
    tmp_path: Path,
) -> None:
    data = copy.deepcopy({m: DATA[m] for m in ("CatalogoServizi", "Economia", "Rischi")})
    data["CatalogoServizi"]["servizi"][0]["base_giuridica"].append("L350_3C61")
    data["Economia"]["finanziamenti"].append({"fonte": "pnrr", "anno": 2027, "importo": 1000})
    data["Rischi"]["rischi"][0]["categoria"] = "corruzione_trasparenza"
    text = all_text(export(build(tmp_path, OLD, data), tmp_path))
    assert "L. 350/2003 art. 3 c. 61 (utilizzo di graduatorie di altri enti)" in text
    assert "PNRR" in text
    assert "Corruzione e trasparenza" in text
    for raw in ("L350", "pnrr", "corruzione trasparenza", "corruzione_trasparenza"):
        assert raw not in text


@pytest.mark.parametrize("vocabulary", ["BaseGiuridica", "FonteFinanziamento", "RuoloPrivacy"])
def test_the_new_pack_labels_every_value_of_its_vocabularies(vocabulary: str) -> None:
    from pwkit.model import enums

    values = {v.value for v in getattr(enums, vocabulary)}
    assert set(NEW.labels[vocabulary]) == values


# -- cards longer than a page ----------------------------------------------------------


def _kept_with_next(table: Any) -> list[bool]:
    return [tr.find(f".//{qn('w:keepNext')}") is not None for tr in table._tbl.tr_lst]


def test_a_card_longer_than_a_page_breaks_between_rows_with_its_caption_on_its_first_rows(
    tmp_path: Path,
) -> None:
    # Kept whole, a card taller than a page leaves its caption alone at the foot of a page.
    catalogue = _catalogue()
    catalogue["servizi"][0]["misure_anticorruzione"] = [
        f"Misura {n}: dichiarazioni dei commissari, rotazione, pubblicazione degli atti e "
        "tracciabilità delle prove su piattaforma, verificate a campione dal responsabile"
        for n in range(1, 31)
    ]
    document = export(build(tmp_path, NEW, {"CatalogoServiziTutele": catalogue}), tmp_path)
    tables = captioned_tables(document)
    long_card = next(t for c, t in tables.items() if c.startswith("Scheda del servizio S1 "))
    short_card = next(t for c, t in tables.items() if c.startswith("Scheda del servizio S2 "))
    assert _kept_with_next(short_card) == [True] * (len(short_card.rows) - 1) + [False]
    kept = _kept_with_next(long_card)
    assert kept[:3] == [True, True, True] and kept[-3:] == [True, True, False]
    assert not any(kept[3:-3])
