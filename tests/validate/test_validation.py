from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pwkit.base.diagnostics import Diagnostic, Severity
from pwkit.load.yamlfile import parse_yaml
from pwkit.model.analisi import Sintesi
from pwkit.model.progetto import Progetto
from pwkit.model.sections import SECTION_MODELS
from pwkit.model.servizio import CatalogoServizi
from pwkit.validate.data import validate_data
from pwkit.validate.messages import MESSAGES

SERVICE = """servizi:
  - id: S1
    area: selezioni_uniche
    nome: Selezione unica
    descrizione: Elenco di idonei
    destinatari: Comuni
    base_giuridica: [DL80_3BIS]
    modalita_accesso: accordo_3bis
    attivita_incluse: [bando]
    ripartizione_compiti:
      - attivita: bando
        a_carico: provincia
    volume_annuo:
      valore: 2
      unita: procedure
    priorita: 1
    avvio: 2026-11-01
    responsabile: RU1
    kpi: [K1]
"""


def _validate(text: str, model: Any) -> tuple[Any, list[Diagnostic]]:
    findings: list[Diagnostic] = []
    doc = parse_yaml("s.md", text, 1, findings)
    assert doc is not None
    return validate_data(doc.data, model, doc.source, findings), findings


def test_valid_service_validates() -> None:
    data, findings = _validate(SERVICE, CatalogoServizi)
    assert findings == []
    assert data.servizi[0].avvio == dt.date(2026, 11, 1)


def test_unknown_key_suggests_the_closest_one() -> None:
    _, findings = _validate(SERVICE.replace("priorita:", "priorità:"), CatalogoServizi)
    codes = {(f.code, f.location.line) for f in findings}
    assert ("PW005", 17) in codes
    pw005 = next(f for f in findings if f.code == "PW005")
    assert "«priorita»" in pw005.hint
    assert pw005.location.column == 5


def test_enum_value_lists_allowed_values_and_suggests() -> None:
    _, findings = _validate(
        SERVICE.replace("area: selezioni_uniche", "area: reclutamentu"), CatalogoServizi
    )
    [f] = findings
    assert (f.code, f.severity, f.location.line, f.location.column) == (
        "PW006",
        Severity.ERROR,
        4,
        11,
    )
    assert "reclutamentu" in f.message and "S1" in f.message
    assert "Forse intendevi «reclutamento»" in f.hint
    assert "selezioni_uniche" in f.hint


@pytest.mark.parametrize("typed", ["Reclutamento", "RECLUTAMENTO", " reclutamento", "Reclutaménto"])
def test_enum_value_differing_in_case_or_accents_is_accepted_with_a_warning(typed: str) -> None:
    model, findings = _validate(
        SERVICE.replace("area: selezioni_uniche", f"area: '{typed}'"), CatalogoServizi
    )
    [f] = findings
    assert (f.code, f.severity, f.location.line) == ("PW006", Severity.WARNING, 4)
    assert f"«{typed}»" in f.message and "«reclutamento»" in f.message
    assert isinstance(model, CatalogoServizi)
    assert model.servizi[0].area.value == "reclutamento"


def test_spaces_for_underscores_are_accepted_with_a_warning() -> None:
    model, findings = _validate(
        SERVICE.replace("area: selezioni_uniche", "area: Selezioni Uniche"), CatalogoServizi
    )
    assert [(f.code, f.severity) for f in findings] == [("PW006", Severity.WARNING)]
    assert isinstance(model, CatalogoServizi)
    assert model.servizi[0].area.value == "selezioni_uniche"


def test_keys_that_are_not_names_are_pw005_at_the_key() -> None:
    text = SERVICE.replace("servizi:\n", "1: uno\n? [a, b]\n: 2\nnull: 3\nservizi:\n", 1)
    _, findings = _validate(text, CatalogoServizi)
    found = sorted((f.code, f.location.line, f.message) for f in findings)
    assert [(code, line) for code, line, _ in found] == [("PW005", 2), ("PW005", 3), ("PW005", 5)]
    assert "«1»" in found[0][2] and "«[a, b]»" in found[1][2] and "«null»" in found[2][2]
    assert all("servizi" in f.hint for f in findings)


def test_wrong_types_are_pw006_in_italian() -> None:
    text = SERVICE.replace("priorita: 1", "priorita: alta").replace(
        "avvio: 2026-11-01", "avvio: 01/11/2026"
    )
    _, findings = _validate(text, CatalogoServizi)
    assert sorted((f.code, f.location.line) for f in findings) == [("PW006", 17), ("PW006", 18)]
    messages = " ".join(f.message for f in findings)
    assert "numero intero" in messages and "data" in messages


def test_date_as_number_is_refused() -> None:
    _, findings = _validate(
        SERVICE.replace("avvio: 2026-11-01", "avvio: 20261101"), CatalogoServizi
    )
    assert [f.code for f in findings] == ["PW006"]


def test_placeholders_are_pw101_not_pw006() -> None:
    text = (
        "servizi_prioritari: []\ncomuni_target: DA COMPILARE\n"
        "data_avvio_servizio: DA COMPILARE\nkpi_chiave: [DA COMPILARE]\n"
    )
    data, findings = _validate(text, Sintesi)
    assert data is None
    assert sorted((f.code, f.location.line) for f in findings) == [
        ("PW101", 3),
        ("PW101", 4),
        ("PW101", 5),
        ("PW105", 2),
    ]


def test_missing_key_is_reported_at_its_parent() -> None:
    text = SERVICE.replace("    priorita: 1\n", "")
    _, findings = _validate(text, CatalogoServizi)
    [f] = findings
    assert f.code == "PW006" and "priorita" in f.message
    assert f.location.line == 3


def test_escaped_control_character_in_value_is_pw007() -> None:
    _, findings = _validate(
        SERVICE.replace("nome: Selezione unica", 'nome: "Sel\\x0bezione"'), CatalogoServizi
    )
    assert [(f.code, f.location.line) for f in findings] == [("PW007", 5)]


def test_money_is_read_exactly() -> None:
    text = """costi:
  - {voce: a, categoria: personale, tipo: annuo, anno: 2026, importo: 0.1}
tariffe:
  - {servizio: S1, modello: gratuito, importo: 0}
finanziamenti:
  - {fonte: altro, anno: 2026, importo: 1234.5}
"""
    data, findings = _validate(text, SECTION_MODELS["Economia"])
    assert findings == []
    assert str(data.costi[0].importo) == "0.1"


def test_pattern_errors_explain_the_format() -> None:
    text = """modello: province-comuni-personale@1.0.0
provincia: {nome: Monza e della Brianza, sigla: mb, codice_uts: 108, regione: Lombardia}
titolo: T
versione: 1.0
data_redazione: 2026-04-20
stato: bozza
referente: {nome: A, ruolo: B, email: a@b.it}
gruppo_di_lavoro: [{nome: A, ruolo: B}]
"""
    _, findings = _validate(text, Progetto)
    hints = {f.message.split("»")[0]: f.hint for f in findings}
    assert len(findings) == 1  # codice_uts 108 becomes "108"; versione 1.0 becomes "1.0"
    assert "due lettere maiuscole" in next(iter(hints.values()))


@pytest.mark.parametrize("model", [Progetto, *SECTION_MODELS.values()])
def test_every_error_type_the_schemas_can_raise_is_translated(model: Any) -> None:
    # Feed each field a value of every wrong shape; every resulting error type must be known.
    wrong_values = ["", "x", -1, 0, 1.5, 10**6, [], {}, [1], {"a": 1}, True, "2026-13-01", None]
    seen: set[str] = set()
    for name in model.model_fields:
        for value in wrong_values:
            try:
                model.model_validate({name: value})
            except Exception as exc:  # ValidationError
                seen.update(e["type"] for e in exc.errors())  # type: ignore[attr-defined]
    assert seen - set(MESSAGES) == set()


def test_impossible_date_is_a_finding_at_its_place() -> None:
    _, findings = _validate(
        SERVICE.replace("avvio: 2026-11-01", "avvio: 2026-13-01"), CatalogoServizi
    )
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("PW006", 18, 12)]
    assert "data" in findings[0].message and "AAAA-MM-GG" in findings[0].hint


# --- numbers written the Italian way ------------------------------------------------------

ROLES = """struttura: {unita: Centro, dirigente: Rossi, collocazione: Settore}
ruoli:
  - id: RU1
    ruolo: Istruttori
    area_ccnl: istruttori
    fte: 2
    provenienza: interno
    costo_annuo_fte: 37500
    servizi: [S1]
"""
ECONOMY = """costi:
  - {voce: a, categoria: personale, tipo: annuo, anno: 2026, importo: 1200}
tariffe:
  - servizio: S1
    modello: per_procedura
    importo: 500
    volume_stimato: 12
    volumi: {2027: 10, 2028: 25}
finanziamenti:
  - {fonte: altro, anno: 2026, importo: 1200}
"""


def _only_finding(text: str, model: Any) -> Diagnostic:
    data, findings = _validate(text, model)
    assert data is None
    [finding] = findings
    assert finding.code == "PW006" and finding.severity is Severity.ERROR
    return finding


@pytest.mark.parametrize(
    ("model", "text", "old", "new", "hint"),
    [
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: 37.500",
         "Scrivi 37500."),
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: 37.500,00 €",
         "Scrivi 37500.00."),
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: € 37.500",
         "Scrivi 37500."),
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", 'costo_annuo_fte: "37.500"',
         "Scrivi 37500."),
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: 37 500",
         "Scrivi 37500."),
        ("Organizzazione", ROLES, "fte: 2", "fte: 1,5", "Scrivi 1.5."),
        ("Economia", ECONOMY, "importo: 500", "importo: 12.000,50", "Scrivi 12000.50."),
        ("Economia", ECONOMY, "importo: 500", "importo: 1.234.567", "Scrivi 1234567."),
        ("Economia", ECONOMY, "volumi: {2027: 10,", "volumi: {2027: 1.000.000,",
         "Scrivi 1000000."),
        ("Fabbisogni", None, "comuni_rispondenti: 50", 'comuni_rispondenti: "1.000"',
         "Scrivi 1000."),
        # Between Word's quotes: still the value to write.
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: “37.500”",
         "Scrivi 37500."),
        ("Organizzazione", ROLES, "fte: 2", "fte: ‘1,5’", "Scrivi 1.5."),
        ("Organizzazione", ROLES, "costo_annuo_fte: 37500", "costo_annuo_fte: “37500”",
         "Scrivi 37500."),
    ],
)  # fmt: skip
def test_a_number_written_the_italian_way_is_an_error_that_says_what_to_write(
    model: str, text: str | None, old: str, new: str, hint: str
) -> None:
    source = text if text is not None else _needs()
    assert old in source
    changed = source.replace(old, new, 1)
    finding = _only_finding(changed, SECTION_MODELS[model])
    line = changed[: changed.index(new)].count("\n") + 2  # front matter starts on line 2
    assert finding.location.line == line
    assert finding.hint.startswith(hint), finding.hint
    typed = new.rsplit(": ", 1)[1].rstrip(",").strip('"')
    assert f"«{typed}»" in finding.message, finding.message


def test_a_number_between_typographic_quotes_says_the_quotes_are_the_problem() -> None:
    new = "costo_annuo_fte: “37500”"
    finding = _only_finding(
        ROLES.replace("costo_annuo_fte: 37500", new), SECTION_MODELS["Organizzazione"]
    )
    assert "«“37500”», con le virgolette tipografiche" in finding.message, finding.message


def _needs() -> str:
    return """rilevazione:
  metodo: questionario
  inizio: 2026-01-10
  fine: 2026-01-31
  comuni_rispondenti: 50
fabbisogni:
  - {area: reclutamento, comuni_interessati: 40, intensita: 4, descrizione: Concorsi}
"""


def test_three_digits_after_one_point_mean_thousands_in_whole_numbers_and_amounts() -> None:
    finding = _only_finding(
        ROLES.replace("costo_annuo_fte: 37500", "costo_annuo_fte: 1.500"),
        SECTION_MODELS["Organizzazione"],
    )
    assert finding.hint.startswith("Scrivi 1500.") and "1.5" not in finding.hint
    assert "migliaia" in finding.message
    finding = _only_finding(
        _needs().replace("comuni_rispondenti: 50", "comuni_rispondenti: 1.500"),
        SECTION_MODELS["Fabbisogni"],
    )
    assert finding.hint.startswith("Scrivi 1500.")


def test_three_digits_after_one_point_are_ambiguous_elsewhere_and_both_readings_are_offered() -> (
    None
):
    text = ECONOMY.replace("volume_stimato: 12", "volume_stimato: 1.500")
    finding = _only_finding(text, SECTION_MODELS["Economia"])
    assert finding.location.line == 8
    assert "«1.500»" in finding.message and "non è chiaro" in finding.message
    assert finding.hint.startswith(
        "Se il punto separa le migliaia scrivi 1500; se separa i decimali scrivi 1.5."
    )
    text = ECONOMY.replace("volume_stimato: 12", "volume_stimato: 46.875")
    finding = _only_finding(text, SECTION_MODELS["Economia"])
    assert "se separa i decimali scrivi 46.8750." in finding.hint  # 46.875 again would not do
    data, findings = _validate(
        ECONOMY.replace("volume_stimato: 12", "volume_stimato: 46.8750"), SECTION_MODELS["Economia"]
    )
    assert findings == [] and data.tariffe[0].volume_stimato == 46.875


@pytest.mark.parametrize("value", ["1.500", "46.875", "1.125"])
def test_small_quantities_read_three_digits_after_the_point_as_decimals(value: str) -> None:
    data, findings = _validate(
        ROLES.replace("fte: 2", f"fte: {value}"), SECTION_MODELS["Organizzazione"]
    )
    assert findings == []
    assert data.ruoli[0].fte == float(value)
    finding = _only_finding(ROLES.replace("fte: 2", "fte: 1,500"), SECTION_MODELS["Organizzazione"])
    assert finding.hint.startswith("Scrivi 1.5.") and "virgola per i decimali" in finding.message


def test_a_number_or_text_field_keeps_text_but_not_a_misread_number() -> None:
    text = SERVICE.replace(
        "    priorita: 1\n",
        '    priorita: 1\n    sla:\n      - {indicatore: giorni, valore: "1.500", unita: g}\n'
        "      - {indicatore: cedolini, valore: 2.500, unita: n}\n",
    )
    data, findings = _validate(text, CatalogoServizi)
    assert data is None
    assert [(f.code, f.location.line) for f in findings] == [("PW006", 20)]
    assert "scrivi 2500" in findings[0].hint


@pytest.mark.parametrize("value", ["0.500", "1.5", "0.75", "2", "1.25"])
def test_plain_decimals_are_read_as_written(value: str) -> None:
    data, findings = _validate(
        ROLES.replace("fte: 2", f"fte: {value}"), SECTION_MODELS["Organizzazione"]
    )
    assert findings == []
    assert data.ruoli[0].fte == float(value)


def _comuni(tmp_path: Any, text: str) -> list[Diagnostic]:
    from pwkit.load.csvfile import read_csv
    from pwkit.model.analisi import Comune
    from pwkit.validate.rows import validate_rows

    (tmp_path / "c.csv").write_text(text, encoding="utf-8")
    findings: list[Diagnostic] = []
    table = read_csv(tmp_path, "c.csv", findings)
    assert table is not None
    validate_rows(
        table,
        Comune,
        ["codice_istat", "comune", "popolazione", "dipendenti", "ufficio_personale"],
        findings,
        row_label=lambda values: values.get("comune", "?"),
    )
    return findings


@pytest.mark.parametrize(
    ("row", "column", "hint"),
    [
        ('990002,Dorena,"43.570",258,si,4.5', 15, "Scrivi 43570."),
        ('990002,Dorena,43570,"1.258",si,4.5', 21, "Scrivi 1258."),
        ('990002,Dorena,"43 570",258,si,4.5', 15, "Scrivi 43570."),
        ('990002,Dorena,43570,258,si,"4,5"', 28, "Scrivi 4.5."),
        ('990002,Dorena,"1.234",258,si,4.5', 15, "Scrivi 1234."),
        ("990002;Dorena;43.570;258;si;4,5", 15, "Scrivi 43570."),
        ("990002;Dorena;43570;258;si;1.234,5", 28, "Scrivi 1234,5."),
    ],
)  # fmt: skip
def test_csv_numbers_with_thousands_separators_say_what_to_write(
    tmp_path: Any, row: str, column: int, hint: str
) -> None:
    header = "codice_istat,comune,popolazione,dipendenti,ufficio_personale,fte_personale"
    if ";" in row:
        header = header.replace(",", ";")
    findings = _comuni(tmp_path, f"{header}\n{row}\n")
    [finding] = findings
    assert finding.code == "PW009"
    assert (finding.location.line, finding.location.column) == (2, column)
    assert finding.hint.startswith(hint), finding.hint
    assert "separatori" in finding.message + finding.hint


def test_csv_decimal_comma_in_the_semicolon_dialect_is_fine(tmp_path: Any) -> None:
    header = "codice_istat;comune;popolazione;dipendenti;ufficio_personale;fte_personale"
    assert _comuni(tmp_path, f"{header}\n990002;Dorena;43570;258;si;4,5\n") == []
    assert _comuni(tmp_path, f"{header}\n990002;Dorena;43570;258;si;1.500\n") == []


def test_csv_fte_with_three_decimals_is_read_as_decimals(tmp_path: Any) -> None:
    header = "codice_istat,comune,popolazione,dipendenti,ufficio_personale,fte_personale"
    assert _comuni(tmp_path, f"{header}\n990002,Dorena,43570,258,si,1.500\n") == []


# --- dates outside the window a project work can hold ---------------------------------------


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "2101-01-01", "1989-12-31"])
def test_a_date_outside_the_window_is_pw006_at_its_place(typed: str) -> None:
    text = SERVICE.replace("avvio: 2026-11-01", f"avvio: {typed}")
    _, findings = _validate(text, CatalogoServizi)
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("PW006", 18, 12)]
    assert f"«{typed}»" in findings[0].message
    assert "1° gennaio 1990" in findings[0].message and "31 dicembre 2100" in findings[0].message


@pytest.mark.parametrize("typed", ["1990-01-01", "2100-12-31"])
def test_the_window_includes_its_first_and_last_day(typed: str) -> None:
    data, findings = _validate(
        SERVICE.replace("avvio: 2026-11-01", f"avvio: {typed}"), CatalogoServizi
    )
    assert findings == [] and data.servizi[0].avvio == dt.date.fromisoformat(typed)


def test_a_period_written_as_a_date_is_a_date_and_keeps_the_window() -> None:
    training = """azioni_formative:
  - id: FO1
    destinatari: staff_provinciale
    ambito: digitali
    tema: Piattaforma concorsi
    ore: 12
    partecipanti: 6
    periodo: {}
"""
    model = SECTION_MODELS["Competenze"]
    data, findings = _validate(training.format("autunno 2026"), model)
    assert findings == [] and data.azioni_formative[0].periodo == "autunno 2026"
    data, findings = _validate(training.format("2026-10-01"), model)
    assert findings == [] and data.azioni_formative[0].periodo == dt.date(2026, 10, 1)
    for typed in ("9999-12-31", "2026-02-30"):
        _, findings = _validate(training.format(typed), model)
        assert [(f.code, f.location.line) for f in findings] == [("PW006", 9)], typed


def test_the_window_is_declared_once_and_documented_in_the_catalogue() -> None:
    from pwkit.base.datewindow import FIRST_DATE, LAST_DATE
    from pwkit.pack.catalogue import rules

    explanation = rules()["PW006"].explanation
    assert str(FIRST_DATE.year) in explanation and str(LAST_DATE.year) in explanation


@pytest.mark.parametrize(("typed", "kept"), [("1.10", "1.10"), ("2.0", "2.0"), ("1.500", "1.500")])
def test_a_text_field_keeps_a_number_as_it_was_typed(typed: str, kept: str) -> None:
    text = f"""modello: province-comuni-personale@1.0.0
provincia: {{nome: Monza e della Brianza, sigla: MB, regione: Lombardia}}
titolo: T
versione: {typed}
data_redazione: 2026-04-20
stato: bozza
referente: {{nome: A, ruolo: B, email: a@b.it}}
gruppo_di_lavoro: [{{nome: A, ruolo: B}}]
"""
    data, findings = _validate(text, Progetto)
    assert findings == []
    assert data.versione == kept  # «1.10» is not «1.1» on the title page and in the file name
