"""Tests of the Word renderer (pwkit.render.docx): read the document back and check it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pwkit.load.markdown import Body
from pwkit.model.analisi import Comune
from pwkit.model.progetto import Progetto
from pwkit.model.project import Project, Section
from pwkit.model.sections import SECTION_MODELS
from pwkit.pack.manifest import TemplateManifest
from pwkit.render.docx import ANNEXES_TITLE, build_document, export_docx
from pwkit.render.docx.formatting import long_date, money, number, percent
from pwkit.render.docx.oxml import xml_safe
from pwkit.validate.manifest import load_manifest
from tests.conftest import png, reopened

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "province-comuni-personale"
EXAMPLE = ROOT / "examples" / "provincia-di-valdoria"

SECTIONS = [
    ("sintesi", "Sintesi del Project Work", "Sintesi"),
    ("contesto", "Analisi del contesto territoriale", "Contesto"),
    ("fabbisogni", "Fabbisogni dei Comuni e situazione attuale", "Fabbisogni"),
    ("buone-pratiche", "Buone pratiche di riferimento e analisi dei gap", "BuonePratiche"),
    ("obiettivi", "Visione, obiettivi e quadro logico", "Obiettivi"),
    ("servizi", "Catalogo dei servizi (modello di servizio target)", "CatalogoServizi"),
    ("organizzazione", "Modello organizzativo e dotazione di personale", "Organizzazione"),
    ("governance", "Governance e modello giuridico", "Governance"),
    ("piattaforme", "Piattaforme e strumenti digitali", "Piattaforme"),
    ("economia", "Modello economico-finanziario e tariffe", "Economia"),
    ("piano", "Piano di attuazione e cronoprogramma", "Piano"),
    ("rischi", "Gestione dei rischi", "Rischi"),
    ("monitoraggio", "Monitoraggio, valutazione e KPI", "Monitoraggio"),
    ("rete", "Comunicazione, coinvolgimento e rete tra Province", "Rete"),
    ("competenze", "Sviluppo delle competenze", "Competenze"),
    ("sostenibilita", "Sostenibilità, sviluppi e trasferibilità", "Sostenibilita"),
]


def inline_manifest() -> TemplateManifest:
    return TemplateManifest.model_validate(
        {
            "id": "province-comuni-personale",
            "version": "1.0.0",
            "title": "Province & Comuni: servizi per la gestione del personale",
            "programme": {
                "name": "Province & Comuni",
                "header": [
                    "Unione Province d’Italia",
                    "Progetto «Province & Comuni»",
                    "Percorso di accompagnamento per l’erogazione di servizi per la gestione "
                    "del personale",
                    "PON Governance e Capacità Istituzionale 2014-2020 / POC",
                ],
                "deadline": "2026-04-30",
                "phases": [
                    {
                        "number": 3,
                        "name": "Accompagnamento e Project Work",
                        "start": "2026-02-03",
                        "end": "2026-04-30",
                    }
                ],
            },
            "project": {"skeleton": "progetto.yaml.j2"},
            "sections": [
                {
                    "key": key,
                    "number": n,
                    "file": f"{n:02d}-{key}.md",
                    "title": title,
                    "model": model,
                    "words": {"min": 0, "max": 5000},
                    "guidance": "Scrivi qui.",
                    "skeleton": f"{n:02d}-{key}.md.j2",
                }
                for n, (key, title, model) in enumerate(SECTIONS, start=1)
            ],
            "labels": {
                "Area": {"selezioni_uniche": "Selezioni uniche", "gestione_economica": "Paghe"},
                "Stato": {"consegnato": "Consegnato"},
                "Livello": {"2": "servizio episodico", "4": "servizio multi-area"},
            },
        }
    )


def the_manifest() -> TemplateManifest:
    """The bundled manifest when the template pack has one, otherwise the inline one."""
    if (TEMPLATE / "manifest.yaml").is_file():
        try:
            return load_manifest(TEMPLATE)
        except Exception:  # the pack is being written in parallel: fall back
            pass
    return inline_manifest()


PROGETTO = {
    "modello": "province-comuni-personale@1.0.0",
    "provincia": {"nome": "Valdoria", "sigla": "VD", "regione": "Lombardia"},
    "titolo": "Centro servizi per il personale dei Comuni",
    "sottotitolo": "Selezioni uniche e paghe per i piccoli Comuni",
    "versione": "1.0",
    "data_redazione": "2026-04-20",
    "stato": "consegnato",
    "referente": {"nome": "Anna Rossi", "ruolo": "Dirigente", "email": "a.rossi@valdoria.it"},
    "referente_politico": {"nome": "Marco Bianchi", "carica": "Presidente della Provincia"},
    "gruppo_di_lavoro": [
        {"nome": "Anna Rossi", "ruolo": "Coordinatrice"},
        {"nome": "Luca Verdi", "ruolo": "Funzionario", "ente": "Comune di Borgo"},
    ],
    "rete": {"provincia_mentor": "Monza e della Brianza", "province_partner": ["Lecco"]},
    "allegati": [
        {"titolo": "Schema di convenzione", "file": "allegati/schema-convenzione.pdf"},
        {"titolo": "Questionario", "file": "allegati/questionario.pdf"},
    ],
}

DATA: dict[str, dict[str, Any]] = {
    "Sintesi": {
        "servizi_prioritari": ["S1"],
        "comuni_target": 6,
        "data_avvio_servizio": "2026-10-01",
        "kpi_chiave": ["K1", "K2"],
    },
    "Contesto": {
        "forme_associative": [
            {
                "tipo": "unione",
                "denominazione": "Unione dei Colli",
                "comuni": 3,
                "funzioni": ["Polizia locale", "Personale"],
            }
        ]
    },
    "Fabbisogni": {
        "rilevazione": {
            "metodo": "questionario",
            "inizio": "2026-02-10",
            "fine": "2026-03-10",
            "comuni_rispondenti": 6,
        },
        "fabbisogni": [
            {
                "area": "selezioni_uniche",
                "comuni_interessati": 5,
                "intensita": 5,
                "descrizione": "Mancano istruttori.",
            },
            {
                "area": "gestione_economica",
                "comuni_interessati": 3,
                "intensita": 3,
                "descrizione": "Paghe.",
            },
        ],
        "assunzioni_previste": [{"anno": 2027, "area_ccnl": "istruttori", "numero": 12}],
        "servizi_attuali": [
            {
                "nome": "Concorsi in convenzione",
                "dal": "2022-01-01",
                "comuni_serviti": 4,
                "volume_annuo": 3,
                "unita": "procedure",
            }
        ],
    },
    "BuonePratiche": {
        "buone_pratiche": [
            {
                "ente": "Provincia di Monza e della Brianza",
                "area": "reclutamento",
                "descrizione": "Ufficio concorsi centralizzato.",
            }
        ],
        "livello_attuale": 2,
        "livello_obiettivo": 4,
        "swot": {
            "punti_forza": ["Esperienza nei concorsi", "Personale motivato"],
            "debolezze": ["Poco personale"],
            "opportunita": ["Selezioni uniche (DL 80/2021)"],
            "minacce": ["Turnover"],
        },
        "gap": [
            {"dimensione": "digitale", "descrizione": "Nessuna piattaforma.", "azioni": ["A1"]}
        ],
    },
    "Obiettivi": {
        "visione": "La Provincia casa dei Comuni.",
        "obiettivo_generale": "Servizi condivisi per il personale.",
        "obiettivi_specifici": [
            {"id": "OS1", "descrizione": "Assunzioni più rapide", "kpi": ["K1"]},
            {"id": "OS2", "descrizione": "Paghe affidabili", "kpi": ["K2"]},
        ],
        "risultati_attesi": [
            {"id": "RA1", "obiettivo": "OS1", "descrizione": "Elenco di idonei attivo"},
            {"id": "RA2", "obiettivo": "OS2", "descrizione": "Cedolini centralizzati"},
        ],
        "ipotesi": ["I Comuni aderiscono alla convenzione."],
    },
    "CatalogoServizi": {
        "servizi": [
            {
                "id": "S1",
                "area": "selezioni_uniche",
                "nome": "Selezione unica per istruttori",
                "descrizione": "Elenco di idonei per i Comuni.",
                "destinatari": "Comuni sotto i 5.000 abitanti",
                "base_giuridica": ["DL80_3BIS"],
                "modalita_accesso": "accordo_3bis",
                "attivita_incluse": ["Bando", "Prove"],
                "ripartizione_compiti": [
                    {"attivita": "Bando", "a_carico": "provincia"},
                    {"attivita": "Interpello", "a_carico": "comune"},
                ],
                "sla": [{"indicatore": "Giorni per il bando", "valore": "≤ 30", "unita": "giorni"}],
                "volume_annuo": {"valore": 2, "unita": "procedure"},
                "priorita": 1,
                "avvio": "2026-10-01",
                "responsabile": "RU1",
                "piattaforme": ["P1"],
                "kpi": ["K1"],
            },
            {
                "id": "S2",
                "area": "gestione_economica",
                "nome": "Paghe in forma associata",
                "descrizione": "Elaborazione dei cedolini.",
                "destinatari": "Comuni aderenti",
                "base_giuridica": ["TUEL_30"],
                "modalita_accesso": "convenzione",
                "attivita_incluse": ["Cedolini"],
                "ripartizione_compiti": [{"attivita": "Cedolini", "a_carico": "provincia"}],
                "volume_annuo": {"valore": 1200.5, "unita": "cedolini"},
                "priorita": 2,
                "avvio": "2027-01-01",
                "responsabile": "RU2",
                "kpi": ["K2"],
            },
        ]
    },
    "Organizzazione": {
        "struttura": {
            "unita": "Centro servizi per il personale",
            "dirigente": "Anna Rossi",
            "collocazione": "Settore Risorse umane",
        },
        "ruoli": [
            {
                "id": "RU1",
                "ruolo": "Coordinatore",
                "area_ccnl": "funzionari_eq",
                "fte": 1,
                "provenienza": "interno",
                "costo_annuo_fte": 45000,
            },
            {
                "id": "RU2",
                "ruolo": "Istruttore paghe",
                "area_ccnl": "istruttori",
                "fte": 1.5,
                "provenienza": "nuova_assunzione",
                "costo_annuo_fte": "36000.50",
                "dal": "2026-09-01",
            },
        ],
    },
    "Governance": {
        "strumento": "convenzione_art30",
        "durata_anni": 5,
        "organi": [
            {
                "id": "OG1",
                "nome": "Conferenza dei Sindaci",
                "tipo": "politico",
                "composizione": "Sindaci",
                "funzioni": "Indirizzo",
                "frequenza": "semestrale",
            },
            {
                "id": "OG2",
                "nome": "Comitato tecnico",
                "tipo": "tecnico",
                "composizione": "Segretari",
                "funzioni": "Coordinamento",
                "frequenza": "trimestrale",
            },
        ],
        "clausole": {"fini": "Gestione associata", "durata": "Cinque anni"},
        "iter_approvazione": [
            {
                "atto": "Delibera del Consiglio",
                "organo": "Consiglio provinciale",
                "data_prevista": "2026-06-30",
            }
        ],
    },
    "Piattaforme": {
        "piattaforme": [
            {
                "id": "P1",
                "nome": "inPA",
                "funzione": "candidature_prove",
                "titolarita": "nazionale",
                "stato": "esistente",
                "servizi": ["S1"],
            },
            {
                "id": "P2",
                "nome": "Software paghe",
                "funzione": "paghe_presenze",
                "titolarita": "mercato",
                "stato": "da_acquisire",
                "costo_annuo": 12000,
                "servizi": ["S2"],
            },
        ]
    },
    "Economia": {
        "costi": [
            {
                "voce": "Personale",
                "categoria": "personale",
                "tipo": "annuo",
                "anno": 2026,
                "importo": 40000,
            },
            {
                "voce": "Personale",
                "categoria": "personale",
                "tipo": "annuo",
                "anno": 2027,
                "importo": "99000.75",
            },
            {
                "voce": "Software",
                "categoria": "piattaforme",
                "tipo": "annuo",
                "anno": 2027,
                "importo": 12000,
                "servizio": "S2",
            },
        ],
        "tariffe": [
            {"servizio": "S1", "modello": "per_procedura", "importo": 1500, "volume_stimato": 2},
            {
                "servizio": "S2",
                "modello": "per_cedolino",
                "importo": "12.50",
                "volumi": {2027: 1200},
            },
        ],
        "finanziamenti": [
            {"fonte": "bilancio_provinciale", "anno": 2026, "importo": 40000},
            {"fonte": "quote_comuni", "anno": 2027, "importo": 100000},
        ],
    },
    "Piano": {
        "fasi": [{"id": "F1", "nome": "Avvio", "inizio": "2026-05-01", "fine": "2027-06-30"}],
        "attivita": [
            {
                "id": "A1",
                "fase": "F1",
                "nome": "Approvazione convenzione",
                "inizio": "2026-05-01",
                "fine": "2026-06-30",
                "responsabile": "OG1",
            },
            {
                "id": "A2",
                "fase": "F1",
                "nome": "Primo bando",
                "inizio": "2026-07-01",
                "fine": "2026-10-01",
                "responsabile": "RU1",
                "dipende_da": ["A1"],
                "output": "Bando pubblicato",
            },
        ],
        "milestone": [
            {
                "id": "M1",
                "nome": "Convenzione approvata",
                "data": "2026-06-30",
                "tipo": "approvazione_provincia",
                "verifica": "Delibera",
            },
            {
                "id": "M2",
                "nome": "Avvio selezione unica",
                "data": "2026-10-01",
                "tipo": "avvio_servizio",
                "verifica": "Bando su inPA",
                "servizi": ["S1"],
            },
        ],
    },
    "Rischi": {
        "rischi": [
            {
                "id": "R1",
                "descrizione": "Scarsa adesione",
                "categoria": "adesione",
                "probabilita": 4,
                "impatto": 4,
                "strategia": "mitigare",
                "mitigazione": ["Incontri con i Sindaci"],
                "contingenza": "Ridurre il perimetro",
                "responsabile": "OG1",
            },
            {
                "id": "R2",
                "descrizione": "Ritardi del software",
                "categoria": "tecnologica",
                "probabilita": 2,
                "impatto": 3,
                "strategia": "trasferire",
                "mitigazione": ["Penali nel contratto"],
                "responsabile": "RU2",
            },
        ]
    },
    "Monitoraggio": {
        "kpi": [
            {
                "id": "K1",
                "nome": "Tempo medio di assunzione",
                "tipo": "efficienza",
                "unita": "giorni",
                "direzione": "diminuire",
                "baseline": {"valore": 240, "data": "2025-12-31", "fonte": "Rilevazione"},
                "target": [{"valore": 120, "data": "2027-12-31"}],
                "frequenza": "semestrale",
                "fonte_dati": "Registro procedure",
                "responsabile": "RU1",
            },
            {
                "id": "K2",
                "nome": "Cedolini senza errori",
                "tipo": "qualita",
                "unita": "%",
                "direzione": "aumentare",
                "baseline": {"valore": 92.5, "data": "2025-12-31", "fonte": "Stima"},
                "target": [
                    {"valore": 98, "data": "2027-12-31"},
                    {"valore": 99, "data": "2028-12-31"},
                ],
                "frequenza": "mensile",
                "fonte_dati": "Software paghe",
                "responsabile": "RU2",
            },
        ],
        "reporting": {
            "destinatari": "Conferenza dei Sindaci",
            "frequenza": "semestrale",
            "strumento": "Relazione",
        },
    },
    "Rete": {
        "stakeholder": [
            {
                "id": "ST1",
                "nome": "Comuni del territorio",
                "tipo": "comuni",
                "interesse": 5,
                "influenza": 4,
                "coinvolgimento": "Questionario e incontri",
            }
        ],
        "comunicazione": [
            {
                "azione": "Presentazione",
                "destinatari": "Sindaci",
                "canale": "Incontro",
                "data": "2026-05-15",
            }
        ],
        "scambi_rete": [
            {"provincia": "Monza e della Brianza", "ruolo": "mentor", "attivita": "Affiancamento"}
        ],
    },
    "Competenze": {
        "azioni_formative": [
            {
                "id": "FO1",
                "destinatari": "staff_provinciale",
                "ambito": "digitali",
                "tema": "inPA",
                "ore": 16,
                "partecipanti": 5,
                "periodo": "autunno 2026",
            },
            {
                "id": "FO2",
                "destinatari": "personale_comunale",
                "ambito": "giuridiche",
                "tema": "Selezioni uniche",
                "ore": 8,
                "partecipanti": 20,
                "periodo": "2026-11-15",
            },
        ]
    },
    "Sostenibilita": {
        "evoluzione": [{"descrizione": "Estensione alla formazione", "anno": 2028}],
        "elementi_trasferibili": ["Schema di convenzione", "Regolamento dell'elenco di idonei"],
    },
}
# Template 1.1.0 binds sections 4, 6 and 7 to schemas that extend these (#19): the same tables.
DATA["BuonePraticheFonti"] = {
    **DATA["BuonePratiche"],
    "buone_pratiche": [
        {
            **DATA["BuonePratiche"]["buone_pratiche"][0],
            "fonte": "Giornata UPI sul personale",
            "fonte_data": "2025-10-27",
            "fonte_link": "https://www.upinet.it/",
        }
    ],
}
DATA["CatalogoServiziTutele"] = {
    "servizi": [
        {**service, "trattamento_dati": {"ruolo_provincia": ["contitolare"], "dpia": "prevista"}}
        for service in DATA["CatalogoServizi"]["servizi"]
    ]
}
DATA["OrganizzazioneCapacita"] = {
    **DATA["Organizzazione"],
    "capacita_assunzionale": {
        "anno": 2026,
        "atto": "PIAO 2026-2028",
        "spazi_disponibili": 60000,
        "spazi_utilizzati": "54001.50",
    },
}

RICH_PROSE = """## Il territorio
<!-- guida: descrivi il territorio. Non deve comparire. -->
Valdoria ha **82 Comuni**, *molti piccoli* e ~~pochi~~ alcuni `uffici` condivisi.
Riga che continua
dopo un a capo morbido.\\
Dopo un a capo forzato. Vedi [il sito UPI](https://www.upinet.it) e <span>html grezzo</span>.
![Mappa dei Comuni](mappa.png)

1. primo passo
2. secondo passo
   - dettaglio annidato
   - altro dettaglio

Testo tra due elenchi numerati.

1. di nuovo uno
2. di nuovo due

> Una citazione con "virgolette" e l'apostrofo.

| Voce | Valore |
|------|-------:|
| Comuni | 82 |
| Abitanti | 475.000 |

```
codice di esempio
```

<div>blocco html</div>

---

### Un sotto-paragrafo
Testo con caratteri strani:\x0bdopo tab verticale\x0c e nulla\x00 e \ufffe fine.
"""


def _section(manifest: TemplateManifest, key: str, data: Any, text: str) -> Section:
    spec = next(s for s in manifest.sections if s.key == key)
    return Section(spec=spec, data=data, body=Body(text=text, first_line=1))


def _comuni() -> tuple[Comune, ...]:
    rows = [
        ("000001", "Alpe", 600, 3, "no"),
        ("000002", "Borgo", 900, 5, "no"),
        ("000003", "Colle", 2500, 14, "si"),
        ("000004", "Dosso", 4000, 20, "si"),
        ("000005", "Erba Alta", 8000, 45, "si"),
        ("000006", "Fonte", 20000, 110, "si"),
        ("000007", "Valdoria", 70000, 400, "si"),
    ]
    return tuple(
        Comune.model_validate(
            {
                "codice_istat": code,
                "comune": name,
                "popolazione": pop,
                "dipendenti": staff,
                "ufficio_personale": office,
                "unione": "Unione dei Colli" if pop < 3000 else None,
            }
        )
        for code, name, pop, staff, office in rows
    )


def make_project(root: Path, manifest: TemplateManifest | None = None) -> Project:
    manifest = manifest or the_manifest()
    sections = []
    for spec in manifest.sections:
        model = SECTION_MODELS[spec.model]
        data = model.model_validate(DATA[spec.model])
        text = (
            RICH_PROSE
            if spec.key == "contesto"
            else (
                "<!-- guida: testo di guida -->\n"
                + "".join(
                    f"## {h}\n\nTesto della sezione {spec.title}.\n\n" for h in spec.subheadings
                )
                + f"Testo della sezione «{spec.title}», con l'apostrofo.\n"
            )
        )
        sections.append(_section(manifest, spec.key, data, text))
    return Project(
        root=root,
        manifest=manifest,
        progetto=Progetto.model_validate(PROGETTO),
        sections=tuple(sections),
        comuni=_comuni(),
    )


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return make_project(tmp_path_factory.mktemp("pw"))


@pytest.fixture(scope="module")
def docx_path(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "PW-VD-v1.0.docx"
    export_docx(project, path)
    return path


@pytest.fixture(scope="module")
def doc(docx_path: Path) -> Any:
    return open_docx(str(docx_path))


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def headings(document: Any) -> list[tuple[int, str]]:
    found = []
    for paragraph in document.paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match:
            found.append((int(match.group(1)), paragraph.text))
    return found


def captioned_tables(document: Any) -> dict[str, Any]:
    """Tables by the text of the caption paragraph just before them ("Tabella N – text")."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    tables: dict[str, Any] = {}
    caption = None
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            paragraph = Paragraph(block, document)
            caption = paragraph.text if paragraph.style.name == "Caption" else None
        elif block.tag == qn("w:tbl"):
            if caption:
                tables[caption.split(" – ", 1)[1]] = Table(block, document)
            caption = None
    return tables


def all_text(document: Any) -> str:
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


# -- the document ----------------------------------------------------------------------


def test_the_light_renderers_do_not_import_docx() -> None:
    # What commands import before knowing they will write a document: naming the file,
    # checking for LibreOffice, choosing the report's writer. python-docx loads only to write.
    light = ("pwkit.render.naming", "pwkit.render.pdf")
    code = f"import sys, {', '.join(light)}; print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_heading_1_are_the_manifest_titles_in_order(doc: Any, project: Project) -> None:
    titles = [level_text[1] for level_text in headings(doc) if level_text[0] == 1]
    assert titles == [s.title for s in project.manifest.sections] + [ANNEXES_TITLE]


def test_prose_headings_become_heading_2_and_3(doc: Any) -> None:
    outline = headings(doc)
    assert (2, "Il territorio") in outline
    assert (3, "Un sotto-paragrafo") in outline
    assert all(level <= 3 for level, _ in outline)


def test_page_is_a4_portrait_with_25mm_margins(doc: Any) -> None:
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert {round(m.cm, 2) for m in margins} == {2.5}


def test_styles_are_italian_with_explicit_fonts(docx_path: Path, doc: Any) -> None:
    styles = part_xml(docx_path, "word/styles.xml")
    assert 'w:val="it-IT"' in styles
    assert "en-US" not in styles
    assert "Theme=" not in styles and "w:cstheme" not in styles
    assert doc.styles["Normal"].font.name == "Calibri"
    assert doc.styles["Heading 1"].paragraph_format.page_break_before is True
    settings = part_xml(docx_path, "word/settings.xml")
    assert 'w:themeFontLang w:val="it-IT"' in settings
    assert "proofState" not in settings


def test_core_properties_are_the_projects(doc: Any, docx_path: Path) -> None:
    core = doc.core_properties
    assert core.title == PROGETTO["titolo"]
    assert core.author == "Provincia di Valdoria"
    assert core.language == "it-IT"
    assert core.subject and core.keywords
    assert core.comments == ""
    assert core.created == dt.datetime(2026, 4, 20, 12, 0, tzinfo=dt.UTC)
    assert core.modified == core.created
    with zipfile.ZipFile(docx_path) as archive:
        names = archive.namelist()
        for name in ("docProps/core.xml", "docProps/app.xml"):
            assert b"python-docx" not in archive.read(name)
            assert b"Macintosh" not in archive.read(name)
    assert "word/stylesWithEffects.xml" not in names
    assert not any("thumbnail" in n for n in names)


def test_title_page_lists_programme_provincia_and_people(doc: Any, project: Project) -> None:
    text = "\n".join(p.text for p in doc.paragraphs[:25])
    for line in project.manifest.programme.header:
        assert line.replace("'", "\u2019") in text  # typographic apostrophes, as in the prose
    assert "'" not in text
    assert "Provincia di Valdoria" in text
    assert PROGETTO["titolo"] in text
    assert "Versione 1.0 – 20 aprile 2026" in text
    assert "Anna Rossi" in text and "Luca Verdi" in text
    assert "Provincia mentor: Monza e della Brianza" in text
    assert doc.paragraphs[next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "Title")]


def test_guidance_placeholders_and_illegal_characters_never_appear(doc: Any) -> None:
    text = all_text(doc)
    assert "<!--" not in text and "guida" not in text
    assert "[[DA COMPILARE" not in text
    assert "dopo tab verticale" in text and "fine." in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)


def test_unsupported_markdown_is_plain_text(doc: Any) -> None:
    text = all_text(doc)
    assert "<div>blocco html</div>" in text
    assert "<span>" in text and "html grezzo" in text
    assert "[Immagine: Mappa dei Comuni (mappa.png)]" in text
    assert "codice di esempio" in text


def test_inline_formatting_and_links(doc: Any) -> None:
    runs = [r for p in doc.paragraphs for r in p.runs]
    assert any(r.bold and r.text == "82 Comuni" for r in runs)
    assert any(r.italic and r.text == "molti piccoli" for r in runs)
    assert any(r.font.strike and r.text == "pochi" for r in runs)
    assert any(r.style.name == "Verbatim Char" and r.text == "uffici" for r in runs)
    paragraph = next(p for p in doc.paragraphs if "Riga che continua" in p.text)
    assert "Riga che continua dopo un a capo morbido.\nDopo un a capo forzato." in paragraph.text
    links = [h for p in doc.paragraphs for h in p.hyperlinks]
    assert [(h.text, h.address) for h in links] == [("il sito UPI", "https://www.upinet.it")]
    assert "«virgolette» e l’apostrofo" in all_text(doc)


def _num_pr(paragraph: Any) -> tuple[int, int] | None:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if num_pr is None:
        return None
    return int(num_pr.numId.val), int(num_pr.ilvl.val)


def test_each_numbered_list_restarts_at_one(doc: Any, docx_path: Path) -> None:
    numbered = [_num_pr(p) for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 4
    first, second = {n for n, _ in numbered[:2]}, {n for n, _ in numbered[2:]}
    assert len(first) == 1 and len(second) == 1 and first != second
    numbering = part_xml(docx_path, "word/numbering.xml")
    for num_id in first | second:
        num = re.search(rf'<w:num w:numId="{num_id}">(.*?)</w:num>', numbering, re.DOTALL)
        assert num and '<w:startOverride w:val="1"/>' in num.group(1)


def test_nested_bullets_use_a_deeper_level(doc: Any) -> None:
    nested = [p for p in doc.paragraphs if p.text in ("dettaglio annidato", "altro dettaglio")]
    assert [p.style.name for p in nested] == ["List Bullet", "List Bullet"]
    assert {_num_pr(p)[1] for p in nested if _num_pr(p)} == {1}


def test_block_quote_uses_the_quote_style(doc: Any) -> None:
    assert any(p.style.name == "Quote" and "citazione" in p.text for p in doc.paragraphs)


EXPECTED_ROWS = {
    "Il Project Work in sintesi": 4,
    "I Comuni del territorio: dati di sintesi": 8,
    "Comuni per classe di popolazione": 7,
    "Forme associative esistenti": 2,
    "La rilevazione dei fabbisogni": 3,
    "Fabbisogni espressi dai Comuni": 3,
    "Assunzioni previste dai Comuni": 3,
    "Servizi già erogati dalla Provincia": 2,
    "Buone pratiche di riferimento": 2,
    "Analisi SWOT": 2,
    "Gap da colmare": 2,
    "Quadro logico: obiettivi specifici, risultati attesi e indicatori": 3,
    "Catalogo dei servizi": 3,
    # Template 1.1.0: with the rows of anticorruption measures and data protection.
    "Scheda del servizio S1 – Selezione unica per istruttori": 16,
    "Ruoli, FTE e costo annuo del personale": 4,
    "Capacità assunzionale": 5,
    "Organi di governo": 3,
    "Contenuti della convenzione (art. 30 TUEL)": 2,
    "Iter di approvazione": 2,
    "Piattaforme e strumenti digitali": 4,
    "Voci di costo": 5,
    "Costi per categoria e anno": 4,
    "Tariffe per i Comuni": 3,
    "Fonti di finanziamento": 4,
    "Piano economico annuale: costi, finanziamenti, saldo e copertura": 4,
    "Fasi del piano di attuazione": 2,
    "Attività": 3,
    "Milestone": 3,
    "Registro dei rischi": 3,
    "Mappa di calore dei rischi (probabilità × impatto)": 6,
    "Indicatori (KPI): valori di partenza e obiettivi": 3,
    "Portatori di interesse": 2,
    "Azioni di comunicazione": 2,
    "Scambi con altre Province": 2,
    "Piano di sviluppo delle competenze": 4,
    "Sviluppi previsti": 2,
    "Elementi trasferibili ad altre Province": 3,
    "Elenco degli allegati": 3,
}


def test_structured_tables_have_the_expected_rows(doc: Any) -> None:
    tables = captioned_tables(doc)
    for caption, rows in EXPECTED_ROWS.items():
        assert caption in tables, caption
        assert len(tables[caption].rows) == rows, caption
    swot = tables["Analisi SWOT"]
    assert len(swot.columns) == 2
    assert swot.cell(0, 0).paragraphs[0].text == "Punti di forza"
    assert swot.cell(1, 1).paragraphs[0].text == "Minacce"


def test_table_figures_are_formatted_for_italy(doc: Any) -> None:
    tables = captioned_tables(doc)
    sizes = tables["Comuni per classe di popolazione"]
    assert [c.text for c in sizes.rows[1].cells[:4]] == ["meno di 1.000", "2", "28,6%", "1.500"]
    assert [c.text for c in sizes.rows[-1].cells[:4]] == ["Totale", "7", "100,0%", "106.000"]
    roles = tables["Ruoli, FTE e costo annuo del personale"]
    assert roles.rows[-1].cells[4].text == "2,5"
    assert roles.rows[-1].cells[6].text == money(Decimal("45000") + Decimal("54000.75"))
    plan = tables["Piano economico annuale: costi, finanziamenti, saldo e copertura"]
    assert [c.text for c in plan.rows[1].cells] == [
        "2026",
        "40.000,00\xa0€",
        "40.000,00\xa0€",
        "0,00\xa0€",
        "100,0%",
    ]
    risks = tables["Registro dei rischi"]
    assert risks.rows[1].cells[2].text == "4 × 4 = 16 (alta)"
    kpi = tables["Indicatori (KPI): valori di partenza e obiettivi"]
    assert kpi.rows[2].cells[4].text == "92,5% al 31 dicembre 2025"


def test_tables_have_style_header_rows_and_widths(doc: Any) -> None:
    for table in doc.tables:
        assert table.style.name == "Tabella pwkit"
        tbl = table._tbl
        total = int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
        grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) == total
        assert total in (9072, 14004)  # A4 portrait or landscape text width
        for tr in tbl.tr_lst:
            widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tr.tc_lst]
            assert sum(widths) == total
        look = tbl.tblPr.find(qn("w:tblLook"))
        if look.get(qn("w:firstRow")) == "1":
            assert tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None


def test_gantt_is_a_shaded_table_in_a_landscape_section(doc: Any) -> None:
    orientations = [(s.page_width.twips, s.page_height.twips, s.orientation) for s in doc.sections]
    assert [o[:2] for o in orientations] == [(11906, 16838), (16838, 11906), (11906, 16838)]
    gantt = captioned_tables(doc)["Cronoprogramma (diagramma di Gantt)"]
    piano = DATA["Piano"]
    assert len(gantt.rows) == 2 + len(piano["fasi"]) + len(piano["attivita"]) + len(
        piano["milestone"]
    )
    months = [c.text for c in gantt.rows[1].cells[1:]]
    assert months[:3] == ["M", "G", "L"]  # maggio, giugno, luglio 2026
    first_row = gantt.rows[0]._tr
    assert first_row.trPr.find(qn("w:tblHeader")) is not None
    assert gantt.rows[1]._tr.trPr.find(qn("w:tblHeader")) is not None
    activity = gantt.rows[3]  # A1, 1 May – 30 June 2026: two shaded months
    shaded = [
        c
        for c in activity.cells[1:]
        if c._tc.tcPr is not None and c._tc.tcPr.find(qn("w:shd")) is not None
    ]
    assert len(shaded) == 2
    milestone = gantt.rows[-1]
    assert "◆" in [c.text for c in milestone.cells[1:]]


def test_captions_are_numbered_by_seq_fields(doc: Any) -> None:
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(captioned_tables(doc)) >= len(EXPECTED_ROWS)
    for number_, caption in enumerate(captions, start=1):
        assert caption.text.startswith(f"Tabella {number_} – ")
        assert "SEQ Tabella" in caption._p.xml


def test_toc_field_is_prefilled_with_the_headings(docx_path: Path, doc: Any) -> None:
    body = part_xml(docx_path, "word/document.xml")
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    sdt = doc.element.body.find(qn("w:sdt"))
    # each entry: [number, title, page], page being a PAGEREF result Word fills in
    entries = [[t.text or "" for t in link.iter(qn("w:t"))] for link in sdt.iter(qn("w:hyperlink"))]
    outline = [text for level, text in headings(doc) if level <= 2]
    assert [entry[-2] for entry in entries] == outline
    assert entries[0][:2] == ["1", "Sintesi del Project Work"]
    assert entries[2][:2] == ["2.1", "Il territorio"]
    assert ["16", SECTIONS[-1][1]] in [entry[:2] for entry in entries]
    assert entries[-1][0] == ANNEXES_TITLE  # the annexes are not numbered
    bookmarks = {b.get(qn("w:name")) for b in doc.element.body.iter(qn("w:bookmarkStart"))}
    anchors = {link.get(qn("w:anchor")) for link in sdt.iter(qn("w:hyperlink"))}
    assert anchors <= bookmarks


def test_headings_are_numbered_by_their_styles(doc: Any) -> None:
    numbering = doc.part.numbering_part.element
    for level in (1, 2, 3):
        num_pr = doc.styles[f"Heading {level}"].element.pPr.numPr
        assert num_pr is not None and int(num_pr.ilvl.val) == level - 1
        num = numbering.num_having_numId(num_pr.numId.val)
        assert num is not None
    annexes = next(p for p in doc.paragraphs if p.text == ANNEXES_TITLE)
    unnumbered = _num_pr(annexes)
    assert unnumbered is not None
    num = numbering.num_having_numId(unnumbered[0])
    abstract_id = num.abstractNumId.val
    abstract = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    assert abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val")) == "none"
    for paragraph in doc.paragraphs:
        if paragraph.style.name.startswith("Heading") and paragraph.text != ANNEXES_TITLE:
            assert not re.match(r"\d", paragraph.text)  # numbers are not typed


def test_footer_numbers_pages_and_header_names_the_provincia(doc: Any) -> None:
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    xml = section.footer._element.xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert section.footer.paragraphs[0].text.startswith("Pagina ")
    # The cover counts as page 1 but shows no number.
    assert " PAGE " not in section.first_page_footer._element.xml
    assert section.first_page_footer.paragraphs[0].text == ""
    assert section.header.paragraphs[0].text.startswith("Provincia di Valdoria")
    assert section.first_page_header.paragraphs[0].text == ""


def test_sections_without_data_or_body_get_only_their_heading(tmp_path: Path) -> None:
    full = make_project(tmp_path)
    stripped = tuple(
        Section(spec=s.spec, data=None, body=None) if i % 2 else s
        for i, s in enumerate(full.sections)
    )
    partial = Project(
        root=full.root,
        manifest=full.manifest,
        progetto=None,
        sections=stripped[:-1],
        comuni=(),
    )
    document = reopened(build_document(partial))
    assert [t for level, t in headings(document) if level == 1] == [
        s.title for s in full.manifest.sections
    ]
    tables = captioned_tables(document)
    assert "Catalogo dei servizi" not in tables  # section 6 has no data
    assert "Quadro logico: obiettivi specifici, risultati attesi e indicatori" in tables
    assert "Comuni per classe di popolazione" not in tables


def test_output_is_deterministic(project: Project, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_docx(project, first)
    export_docx(project, second)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


def test_export_is_atomic_and_leaves_no_temporary_file(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "export" / "pw.docx"
    export_docx(project, target)
    assert [p.name for p in target.parent.iterdir()] == ["pw.docx"]
    assert zipfile.is_zipfile(target)


def test_logos_get_alternative_text(tmp_path: Path) -> None:
    (tmp_path / "allegati").mkdir()
    (tmp_path / "allegati" / "logo-provincia.png").write_bytes(png())
    base = make_project(tmp_path)
    progetto = Progetto.model_validate(
        {
            **PROGETTO,
            "documento": {"loghi": ["allegati/logo-provincia.png", "allegati/manca.png"]},
        }
    )
    project = Project(
        root=tmp_path,
        manifest=base.manifest,
        progetto=progetto,
        sections=base.sections,
        comuni=base.comuni,
    )
    document = reopened(build_document(project))
    shapes = document.inline_shapes
    assert len(shapes) == 1  # the missing file is the checker's business, not a crash
    assert shapes[0]._inline.docPr.get("descr") == "Logo: logo-provincia"


def _with_documento(tmp_path: Path, documento: dict[str, Any]) -> Project:
    base = make_project(tmp_path)
    progetto = Progetto.model_validate({**PROGETTO, "documento": documento})
    return Project(tmp_path, base.manifest, progetto, base.sections, base.comuni)


def test_logos_come_from_the_paths_the_check_resolved(tmp_path: Path) -> None:
    from pwkit.base.fsutil import ResolvedFile

    elsewhere = tmp_path / "risolto" / "stemma.png"  # not where progetto.yaml says
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(png())
    project = _with_documento(tmp_path, {"loghi": ["allegati/stemma.png", "../fuori.png"]})
    files = {
        "allegati/stemma.png": ResolvedFile("allegati/stemma.png", elsewhere),
        "../fuori.png": ResolvedFile("../fuori.png", None),
    }
    shapes = reopened(build_document(project, files=files)).inline_shapes
    assert [s._inline.docPr.get("descr") for s in shapes] == ["Logo: stemma"]


def test_a_reference_the_check_refused_is_refused_for_its_reason(tmp_path: Path) -> None:
    from pwkit.base.errors import PwkitError
    from pwkit.base.fsutil import ResolvedFile

    reference = tmp_path / "allegati" / "modello.docx"
    reference.parent.mkdir()
    open_docx().save(str(reference))  # a good .docx: only the check's verdict refuses it
    project = _with_documento(tmp_path, {"modello_word": "allegati/modello.docx"})
    verdict = ResolvedFile("allegati/modello.docx", reference, "è una cartella, non un file.")
    with pytest.raises(PwkitError) as refused:
        build_document(project, files={"allegati/modello.docx": verdict})
    assert "«allegati/modello.docx» è una cartella, non un file." in refused.value.message
    outside = ResolvedFile("allegati/modello.docx", None)
    with pytest.raises(PwkitError, match="fuori dalla cartella del progetto"):
        build_document(project, files={"allegati/modello.docx": outside})


def test_gantt_columns_become_quarters_then_years_for_long_plans() -> None:
    from pwkit.render.docx.sections.gantt import periods

    months = periods(dt.date(2026, 5, 10), dt.date(2028, 6, 1))
    assert len(months) == 26 and months[0].label == "M" and months[-1].label == "G"
    quarters = periods(dt.date(2026, 5, 1), dt.date(2030, 6, 30))
    assert [q.label for q in quarters[:3]] == ["T2", "T3", "T4"]
    assert quarters[0].start == dt.date(2026, 5, 1) and quarters[0].end == dt.date(2026, 6, 30)
    years = periods(dt.date(2026, 5, 1), dt.date(2061, 6, 30))
    assert [y.label for y in years[:2]] == ["2026", "2027"] and len(years) == 36
    assert years[0].start == dt.date(2026, 5, 1) and years[-1].end == dt.date(2061, 6, 30)
    decades = periods(dt.date(2026, 5, 1), dt.date(2062, 6, 30))  # 37 years: two per column
    assert [y.label for y in decades[:2]] == ["2026–2027", "2028–2029"] and len(decades) == 19


def _one_section_project(root: Path, text: str) -> Project:
    manifest = inline_manifest()
    return Project(
        root=root,
        manifest=manifest,
        progetto=None,
        sections=(_section(manifest, "sintesi", None, text),),
        comuni=(),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_prose_exports_and_its_words_survive(tmp_path: Path, text: str) -> None:
    document = reopened(build_document(_one_section_project(tmp_path, text)))
    written = all_text(document)
    # Markup that legitimately hides or rewrites words (HTML, entities, escapes, link
    # reference definitions) is left out; every other word must reach the document.
    if not any(mark in text for mark in ("<", "&", "\\", "[", "`")):
        for word in re.findall(r"[A-Za-z0-9]{3,}", text):
            assert word in written


def test_xml_safe_maps_vertical_tab_and_drops_illegal_characters() -> None:
    assert xml_safe("a\x0bb\x0cc\x00d\ufffee\r\nf\tg") == "a\nbcde\nf\tg"
    assert xml_safe("\ud800x") == "x"


def test_italian_formatting() -> None:
    assert money(Decimal("1234.5")) == "1.234,50\xa0€"
    assert number(1234) == "1.234"
    assert number(1.5) == "1,5"
    assert percent(0.7) == "70,0%"
    assert long_date(dt.date(2026, 4, 30)) == "30 aprile 2026"


def test_openxml_audit_finds_no_errors(docx_path: Path) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    result = validator.validate(str(docx_path))
    problems = [(e.error_type, e.description, e.part_uri, e.path) for e in result.errors]
    schema = [p for p in problems if p[0] == openxml_audit.ValidationErrorType.SCHEMA]
    assert schema == []
    assert problems == []


# -- external tools --------------------------------------------------------------------


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdf_text(docx_path: Path, tmp_path: Path) -> str:
    """Convert with LibreOffice headless (own profile) and return the PDF's text."""
    profile = tmp_path / "profile"
    out = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = out / (docx_path.stem + ".pdf")
    assert pdf.is_file()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return _normalise(text)


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice o pdftotext non installati",
)


def _assert_pdf_complete(flat: str, project: Project) -> None:
    for spec in project.manifest.sections:
        # each title twice: in the pre-filled TOC and as the heading
        assert flat.count(_normalise(spec.title)) >= 2, spec.title
    assert "Pagina 1 di" not in flat  # the cover has no number
    match = re.search(r"Pagina 2 di (\d+)", flat)
    assert match
    pages = int(match.group(1))
    assert pages >= len(project.manifest.sections) + 2
    assert f"Pagina {pages} di {pages}" in flat


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_converts_to_pdf_with_every_title(
    docx_path: Path, project: Project, tmp_path: Path
) -> None:
    _assert_pdf_complete(_pdf_text(docx_path, tmp_path), project)


def _stringify(inlines: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            parts.append(node["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif isinstance(node.get("c"), list):
            content = node["c"]
            inner = content[-1] if kind in ("Link", "Span", "Image", "Quoted") else content
            if isinstance(inner, list):
                parts.append(_stringify([n for n in inner if isinstance(n, dict)]))
    return "".join(parts)


def _pandoc_headers(blocks: list[dict[str, Any]]) -> Iterator[tuple[int, str]]:
    for block in blocks:
        if block["t"] == "Header":
            level, _attr, inlines = block["c"]
            yield level, _stringify(inlines)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc non installato")
def test_pandoc_reads_back_the_same_outline(docx_path: Path, doc: Any) -> None:
    out = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "json", str(docx_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    ast = json.loads(out.stdout)
    outline = list(_pandoc_headers(ast["blocks"]))
    assert outline == headings(doc)


@pytest.fixture(scope="module")
def example_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    from pwkit.check.pipeline import check_project

    result = check_project(EXAMPLE)
    assert result.report.errors == []
    target = tmp_path_factory.mktemp("example") / "valdoria.docx"
    export_docx(result.project, target)
    return result.project, target


def test_the_bundled_example_exports_every_section_in_order(
    example_export: tuple[Project, Path],
) -> None:
    project, target = example_export
    document = open_docx(str(target))
    titles = [t for level, t in headings(document) if level == 1]
    assert titles[: len(project.manifest.sections)] == [s.title for s in project.manifest.sections]
    text = all_text(document)
    assert "[[DA COMPILARE" not in text and "DA COMPILARE" not in text and "<!--" not in text


def _paragraph_texts(document: Any) -> list[str]:
    """The text of every paragraph of the body, table cells included."""
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    ]


def test_dates_are_written_one_way_in_prose_and_tables(
    example_export: tuple[Project, Path],
) -> None:
    texts = _paragraph_texts(open_docx(str(example_export[1])))
    from pwkit.base.italian import MONTHS

    months = "|".join(MONTHS)
    cardinal = [t for t in texts if re.search(rf"(?<![\d,.])1 (?:{months}) \d{{4}}", t)]
    assert cardinal == []
    # The catalogue and the service card of S4 start on the first of July, as the prose says.
    assert texts.count("1° luglio 2027") >= 2
    assert any("1° luglio" in t and len(t) > 80 for t in texts)  # prose


def test_the_bundled_example_passes_openxml_audit(example_export: tuple[Project, Path]) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    result = validator.validate(str(example_export[1]))
    assert [(e.error_type, e.description, e.path) for e in result.errors] == []


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_converts_the_bundled_example(
    example_export: tuple[Project, Path], tmp_path: Path
) -> None:
    project, target = example_export
    _assert_pdf_complete(_pdf_text(target, tmp_path), project)


def test_apostrophes_are_typographic_except_in_code() -> None:
    from pwkit.render.docx.oxml import typographic

    assert typographic("dell'UPD, d'Italia, l'8 marzo") == "dell’UPD, d’Italia, l’8 marzo"
    assert typographic("'tra apici' e 5'") == "'tra apici' e 5'"


def test_an_export_parses_each_section_body_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check and the Word document share the Markdown tokens of ordinary bodies."""
    from pwkit.check.pipeline import check_project
    from pwkit.load.markdown import parser

    md = parser()
    parsed: list[str] = []
    real = md.parse

    def counting(text: str, env: Any = None) -> Any:
        parsed.append(text)
        return real(text, env)

    monkeypatch.setattr(md, "parse", counting)
    result = check_project(EXAMPLE)
    export_docx(result.project, tmp_path / "pw.docx")
    bodies = [s.body.text for s in result.project.sections if s.body is not None]
    assert len(bodies) == 16
    assert sorted(parsed) == sorted(bodies)


def test_a_table_too_large_for_word_is_written_as_its_text_in_a_draft(tmp_path: Path) -> None:
    """No 5,000-column table reaches Word: the draft shows the Markdown as written (PW014)."""
    from pwkit.base.diagnostics import CheckReport

    columns = 5000
    table = (
        "|" + "|".join(f"anno{n}" for n in range(columns)) + "|\n"
        + "|" + "-|" * columns + "\n"
        + ("|" + "|".join(["1"] * columns) + "|\n") * 3
    )  # fmt: skip
    text = f"Prima della tabella.\n\n{table}\nDopo la tabella.\n"
    document = reopened(build_document(_one_section_project(tmp_path, text), draft=CheckReport()))
    body = document.element.body
    widest = max((len(tbl.findall(f".//{qn('w:gridCol')}")) for tbl in body.iter(qn("w:tbl"))),
                 default=0)  # fmt: skip
    assert widest <= 63
    assert sum(1 for _ in body.iter(qn("w:tc"))) < 1000  # not one cell per Markdown cell
    written = all_text(document)
    assert "Prima della tabella." in written and "Dopo la tabella." in written
    assert "5.000 colonne" in written and "63" in written
    assert "anno0" in written and "anno4999" in written


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (dt.date.min, dt.date.max),
        (dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
        (dt.date(2026, 2, 3), dt.date(9999, 12, 31)),
        (dt.date(1, 1, 1), dt.date(2026, 6, 30)),
    ],
)
def test_gantt_columns_stay_few_and_cover_any_span_of_dates(first: dt.date, last: dt.date) -> None:
    from pwkit.render.docx.sections.gantt import MAX_COLUMNS, periods

    columns = periods(first, last)
    assert 0 < len(columns) <= MAX_COLUMNS
    assert columns[0].contains(first) and columns[-1].contains(last)
    assert all(a.end < b.start for a, b in itertools.pairwise(columns))
    assert all(len(c.label) <= 9 for c in columns)


def test_a_plan_with_dates_no_check_lets_through_still_renders(tmp_path: Path) -> None:
    # Check refuses such dates; the renderer must still never crash on them (a defence).
    from pwkit.render.docx.sections.gantt import MAX_COLUMNS

    base = make_project(tmp_path)
    sections = []
    for section in base.sections:
        data = section.data
        if section.spec.key == "piano":
            fasi = list(data.fasi)
            fasi[0] = fasi[0].model_copy(update={"inizio": dt.date.min})
            fasi[-1] = fasi[-1].model_copy(update={"fine": dt.date.max})
            data = data.model_copy(update={"fasi": fasi})
        sections.append(Section(spec=section.spec, data=data, body=section.body))
    project = Project(
        root=tmp_path,
        manifest=base.manifest,
        progetto=base.progetto,
        sections=tuple(sections),
        comuni=base.comuni,
    )
    path = tmp_path / "pw.docx"
    export_docx(project, path)
    gantt = captioned_tables(open_docx(str(path)))["Cronoprogramma (diagramma di Gantt)"]
    assert 1 < len(gantt.columns) <= MAX_COLUMNS + 1


def test_settings_keep_office_extensions_after_the_base_sequence() -> None:
    # python-docx's template ends settings.xml with w14:docId and w14:defaultImageDpi: the
    # schema of Office 2010 appends them after w:listSeparator (the Open XML SDK says so).
    from docx.oxml.parser import parse_xml

    from pwkit.render.docx.child_order import set_child
    from pwkit.render.docx.oxml import element

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    settings = parse_xml(
        f'<w:settings xmlns:w="{w}" xmlns:w14="{w14}"><w:zoom w:percent="100"/>'
        '<w:decimalSymbol w:val="."/><w14:docId w14:val="1"/>'
        '<w14:defaultImageDpi w14:val="300"/></w:settings>'
    )
    set_child(settings, element("w:listSeparator", val=";"))
    set_child(settings, element("w:updateFields", val="true"))
    tags = [child.tag.split("}")[1] for child in settings]
    assert tags == [
        "zoom", "updateFields", "decimalSymbol", "listSeparator", "docId", "defaultImageDpi",
    ]  # fmt: skip
