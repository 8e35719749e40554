"""The catalogue of rule codes: slug, severity and one-line Italian description.

Codes are stable and never reused. Rule implementations refer to their entry here, so the
catalogue shown to users and the checks that run come from one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pwkit.diagnostics import Diagnostic, Location, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True)
class RuleInfo:
    """One rule of the catalogue."""

    code: str
    slug: str
    severity: Severity
    summary: str


_ENTRIES = [
    RuleInfo("PW001", "missing-file", E, "File previsto dal modello mancante"),
    RuleInfo("PW002", "not-utf8", E, "File non leggibile come UTF-8"),
    RuleInfo("PW003", "yaml-syntax", E, "Errore di sintassi YAML"),
    RuleInfo("PW004", "front-matter", E, "Intestazione YAML (front matter) mancante o non chiusa"),
    RuleInfo("PW005", "unknown-key", E, "Chiave sconosciuta"),
    RuleInfo("PW006", "bad-value", E, "Valore di tipo o formato errato"),
    RuleInfo("PW007", "bad-character", E, "Carattere che non può stare in un documento Word"),
    RuleInfo("PW008", "unknown-file", W, "File in sezioni/ non previsto dal modello"),
    RuleInfo("PW009", "csv", E, "Problema nel file CSV dei Comuni"),
    RuleInfo("PW010", "bad-path", E, "Percorso fuori dal progetto o inesistente"),
    RuleInfo("PW011", "old-template", W, "Il progetto usa una versione del modello più vecchia"),
    RuleInfo("PW101", "placeholder", E, "Segnaposto DA COMPILARE ancora presente"),
    RuleInfo("PW102", "subheading", E, "Sottotitolo obbligatorio mancante o fuori ordine"),
    RuleInfo("PW103", "too-short", E, "Testo più breve del minimo della sezione"),
    RuleInfo("PW104", "too-long", W, "Testo più lungo del massimo della sezione"),
    RuleInfo("PW105", "empty-list", E, "Elenco obbligatorio vuoto"),
    RuleInfo("PW106", "empty-subheading", W, "Sottotitolo senza testo"),
    RuleInfo("PW201", "bad-id", E, "Identificativo malformato o duplicato"),
    RuleInfo(
        "PW202",
        "bad-reference",
        E,
        "Riferimento a un identificativo inesistente o del tipo sbagliato",
    ),
    RuleInfo(
        "PW203", "incomplete-service", E, "Servizio senza KPI, senza tariffa o senza responsabile"
    ),
    RuleInfo("PW204", "orphan", W, "KPI o ruolo non collegato a nulla"),
    RuleInfo(
        "PW205", "incomplete-objective", E, "Obiettivo specifico senza KPI o senza risultato atteso"
    ),
    RuleInfo("PW206", "priority-not-in-summary", W, "Servizio a priorità 1 assente dalla sintesi"),
]

RULES: dict[str, RuleInfo] = {r.code: r for r in _ENTRIES}


def finding(
    code: str,
    message: str,
    hint: str,
    location: Location,
    *,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic of rule ``code``, with the rule's severity unless told otherwise."""
    return Diagnostic(code, severity or RULES[code].severity, message, hint, location)
