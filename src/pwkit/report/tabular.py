"""The report as data: one row per project (CSV for spreadsheets, JSON for programs).

The columns are defined once, with their Italian description (``pwkit report --colonne`` and
the README list them). The CSV is written the way Italian spreadsheets read it: UTF-8 with BOM,
``;`` between columns, decimal comma, ISO dates; the JSON has plain numbers and dates as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pwkit import __version__
from pwkit.report.compare import AREAS, Comparison, province_key
from pwkit.report.figures import ProjectFigures, Unreadable
from pwkit.report.references import SectionReferences

if TYPE_CHECKING:
    from pwkit.pack.manifest import TemplateManifest

Value = str | int | Decimal | None


@dataclass(frozen=True)
class Column:
    """A column of the report table: name, Italian description, value of a project."""

    name: str
    description: str
    """Italian; a section is referred to by its data model (``{Piano}``: see ``references``)."""
    value: Callable[[ProjectFigures], Value]


def descriptions(manifest: TemplateManifest) -> dict[str, str]:
    """Each column's description, with the section numbers of ``manifest``."""
    refs = SectionReferences(manifest)
    return {c.name: refs.fill(c.description) for c in COLUMNS}


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.0001"))


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def _outcome(project: ProjectFigures) -> str:
    return "valido" if project.valid else "con_errori"


def _mentees(project: ProjectFigures) -> str:
    names = [x.provincia for x in project.scambi if x.ruolo == "beneficiaria"]
    return " | ".join(names)


def _peers(project: ProjectFigures) -> str:
    mentors = {province_key(project.mentor)} if project.mentor else set()
    mentors |= {province_key(x.provincia) for x in project.scambi if x.ruolo == "mentor"}
    names = list(project.partner) + [x.provincia for x in project.scambi if x.ruolo == "pari"]
    unique = dict.fromkeys(n for n in names if province_key(n) not in mentors)
    return " | ".join(unique)


def _mentor(project: ProjectFigures) -> str | None:
    if project.mentor:
        return project.mentor
    return next((x.provincia for x in project.scambi if x.ruolo == "mentor"), None)


def _area_column(area: str) -> Column:
    def count(project: ProjectFigures) -> int:
        return project.services_in(area)

    return Column(f"servizi_{area}", f"Servizi dell'area {area}.", count)


COLUMNS: tuple[Column, ...] = (
    Column("cartella", "Cartella del progetto, come indicata al comando.", lambda p: p.folder),
    Column("provincia", "Nome della Provincia (frontespizio).", lambda p: p.provincia),
    Column("sigla", "Sigla della Provincia.", lambda p: p.sigla),
    Column("regione", "Regione.", lambda p: p.regione),
    Column(
        "esito",
        "valido (nessun errore), con_errori (cifre prese solo dai valori validi) o "
        "illeggibile (vedi motivo).",
        _outcome,
    ),
    Column(
        "motivo",
        "Perché la cartella non si è potuta leggere (solo se illeggibile).",
        lambda p: None,
    ),
    Column("errori", "Errori trovati da pwkit check.", lambda p: p.errors),
    Column("avvisi", "Avvisi trovati da pwkit check.", lambda p: p.warnings),
    Column("sezioni_complete", "Sezioni senza errori.", lambda p: p.sections_complete),
    Column("sezioni_totali", "Sezioni del modello.", lambda p: p.sections_total),
    Column("stato_documento", "bozza, consegnato o approvato.", lambda p: p.stato_documento),
    Column("versione", "Versione del documento.", lambda p: p.versione),
    Column(
        "comuni_territorio",
        "Comuni del territorio (righe di dati/comuni.csv con codice ISTAT e nome).",
        lambda p: p.comuni_territorio,
    ),
    Column(
        "popolazione",
        "Abitanti dei Comuni del territorio (vuoto finché una riga non ha la popolazione).",
        lambda p: p.popolazione,
    ),
    Column(
        "comuni_piccoli",
        "Comuni sotto i 5.000 abitanti (vuoto finché una riga non ha la popolazione).",
        lambda p: p.comuni_piccoli,
    ),
    Column(
        "quota_comuni_piccoli",
        "comuni_piccoli / comuni_territorio (da 0 a 1).",
        lambda p: _ratio(p.quota_piccoli),
    ),
    Column(
        "comuni_senza_ufficio_personale",
        "Comuni senza ufficio personale (colonna ufficio_personale = no; vuoto finché una "
        "riga non la compila).",
        lambda p: p.comuni_senza_ufficio,
    ),
    Column(
        "comuni_target",
        "Comuni a cui si rivolgono i servizi ({Sintesi}).",
        lambda p: p.comuni_target,
    ),
    Column(
        "comuni_aderenti",
        "Comuni con «aderente» = si in dati/comuni.csv (vuoto se la colonna non c'è).",
        lambda p: p.comuni_aderenti,
    ),
    Column(
        "piccoli_comuni_aderenti",
        "Piccoli Comuni con «aderente» = si (vuoto se la colonna non c'è).",
        lambda p: p.piccoli_aderenti,
    ),
    Column(
        "quota_piccoli_raggiunti",
        "piccoli_comuni_aderenti / comuni_piccoli (da 0 a 1).",
        lambda p: _ratio(p.quota_piccoli_raggiunti),
    ),
    Column(
        "copertura_target",
        "comuni_target / comuni_territorio (da 0 a 1).",
        lambda p: _ratio(p.copertura_target),
    ),
    Column("servizi", "Servizi del catalogo ({CatalogoServizi}).", lambda p: len(p.servizi)),
    Column("aree", "Aree di servizio offerte, separate da « | ».", lambda p: " | ".join(p.aree)),
    *(_area_column(area) for area in AREAS),
    Column("fte", "FTE complessivi dei ruoli ({Organizzazione}).", lambda p: p.fte),
    Column(
        "costo_personale_annuo",
        "Σ FTE × costo annuo per FTE dei ruoli, in euro.",
        lambda p: _money(p.costo_personale_annuo),
    ),
    Column(
        "costi_totali",
        "Σ delle voci di costo di tutti gli anni ({Economia}), in euro.",
        lambda p: _money(p.costi_totali),
    ),
    Column(
        "finanziamenti_totali",
        "Σ dei finanziamenti di tutti gli anni, in euro.",
        lambda p: _money(p.finanziamenti_totali),
    ),
    Column(
        "copertura_costi",
        "finanziamenti_totali / costi_totali.",
        lambda p: _ratio(p.copertura_costi),
    ),
    Column(
        "primo_avvio",
        "Avvio del primo servizio (AAAA-MM-GG).",
        lambda p: p.primo_avvio.isoformat() if p.primo_avvio else None,
    ),
    Column("milestone", "Milestone del piano ({Piano}).", lambda p: len(p.milestones)),
    Column("kpi", "KPI dichiarati ({Monitoraggio}).", lambda p: p.kpi_totali),
    Column("rischi", "Rischi del registro ({Rischi}).", lambda p: p.rischi_totali),
    Column(
        "rischi_per_categoria",
        "categoria: numero di rischi, separati da « | ».",
        lambda p: " | ".join(f"{c}: {n}" for c, n in p.rischi_per_categoria),
    ),
    Column(
        "strumento_giuridico", "Strumento giuridico scelto ({Governance}).", lambda p: p.strumento
    ),
    Column(
        "provincia_mentor",
        "Provincia mentor dichiarata dal progetto (frontespizio o {Rete}).",
        _mentor,
    ),
    Column(
        "province_affiancate",
        "Province che il progetto dichiara di affiancare come mentor, separate da « | ».",
        _mentees,
    ),
    Column(
        "province_pari",
        "Province partner alla pari dichiarate dal progetto, separate da « | ».",
        _peers,
    ),
)


def _row(item: ProjectFigures | Unreadable) -> dict[str, Value]:
    if isinstance(item, Unreadable):
        row: dict[str, Value] = dict.fromkeys(c.name for c in COLUMNS)
        row.update(cartella=item.folder, esito="illeggibile", motivo=item.reason)
        return row
    return {c.name: c.value(item) for c in COLUMNS}


def rows(comparison: Comparison) -> list[dict[str, Value]]:
    """One row per project (by Provincia), then one per unreadable folder."""
    return [_row(p) for p in comparison.projects] + [_row(u) for u in comparison.unreadable]


#: How a text cell must not start, or Excel, LibreOffice and Google Sheets run it as a formula
#: (OWASP, «CSV Injection»): a Provincia named ``=HYPERLINK(…)`` must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Value) -> str:
    """One cell: a number bare, with decimal comma; text always quoted and never a formula.

    Text starting like a formula gets a leading ``'`` (shown as text by spreadsheets); the
    quotes keep any separator inside the text from starting a new cell, in any locale.
    Numbers, negative ones too, are written as numbers and left alone.
    """
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        text = format(value.normalize() if value == value.to_integral() else value, "f")
        return text.replace(".", ",")
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return '"' + value.replace('"', '""') + '"'


def to_csv(comparison: Comparison) -> str:
    """The table as Italian spreadsheets read it (``;``, decimal comma; BOM added on write)."""
    lines = [";".join(c.name for c in COLUMNS)]
    lines += [";".join(_csv_cell(row[c.name]) for c in COLUMNS) for row in rows(comparison)]
    return "".join(line + "\r\n" for line in lines)


def _plain(value: Value) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    return value


def to_json(comparison: Comparison, manifest: TemplateManifest) -> dict[str, Any]:
    """The report as JSON: the table, each project's services and milestones, the network."""
    network = comparison.network
    projects: list[dict[str, Any]] = []
    items: list[ProjectFigures | Unreadable] = [*comparison.projects, *comparison.unreadable]
    for item in items:
        entry = {name: _plain(value) for name, value in _row(item).items()}
        if isinstance(item, ProjectFigures):
            entry["dettaglio"] = {
                "servizi": [
                    {
                        "id": s.id,
                        "area": s.area,
                        "nome": s.nome,
                        "avvio": s.avvio.isoformat(),
                        "priorita": s.priorita,
                        "modalita_accesso": s.modalita_accesso,
                    }
                    for s in item.servizi
                ],
                "milestone": [
                    {"id": m.id, "nome": m.nome, "data": m.data.isoformat(), "tipo": m.tipo}
                    for m in item.milestones
                ],
                "kpi_per_area": dict(item.kpi_per_area),
                "rischi_per_categoria": dict(item.rischi_per_categoria),
                "scambi_rete": [
                    {"provincia": x.provincia, "ruolo": x.ruolo, "attivita": x.attivita}
                    for x in item.scambi
                ],
            }
        projects.append(entry)
    return {
        "pwkit": __version__,
        "data": comparison.date.isoformat(),
        "colonne": descriptions(manifest),
        "progetti": projects,
        "rete": {
            "mentor": [
                {"mentor": m.mentor, "affiancata": m.mentee, "dichiarato_da": list(m.declared_by)}
                for m in network.mentors
            ],
            "pari": [
                {"province": [p.first, p.second], "dichiarato_da": list(p.declared_by)}
                for p in network.peers
            ],
        },
    }


def json_text(comparison: Comparison, manifest: TemplateManifest) -> str:
    """``to_json`` as indented UTF-8 text."""
    return json.dumps(to_json(comparison, manifest), ensure_ascii=False, indent=2) + "\n"


def write_csv(comparison: Comparison, output: Path, *, force: bool = False) -> None:
    """Write the CSV to ``output`` whole, with the BOM for Excel (replaced only with ``force``)."""
    _write_text(output, "\ufeff" + to_csv(comparison), force=force)


def write_json(
    comparison: Comparison, manifest: TemplateManifest, output: Path, *, force: bool = False
) -> None:
    """Write the JSON to ``output`` whole (an existing file is replaced only with ``force``)."""
    _write_text(output, json_text(comparison, manifest), force=force)


def _write_text(output: Path, text: str, *, force: bool) -> None:
    from pwkit.base.fsutil import write_output

    def write(tmp: Path) -> None:
        tmp.write_bytes(text.encode("utf-8"))

    write_output(output, write, force=force)
