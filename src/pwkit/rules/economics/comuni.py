"""PW402–PW404, PW410: the Comuni of the CSV, their staff, the survey and the joining Comuni."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.base.italian import number, percent
from pwkit.model.analisi import Fabbisogni, Sintesi
from pwkit.model.enums import SiNo
from pwkit.model.project import has
from pwkit.rules.context import RuleContext
from pwkit.rules.economics.amounts import dec
from pwkit.rules.registry import rule


def row_at(context: RuleContext, index: int) -> Location:
    """Where row ``index`` of the Comuni CSV is (its first column)."""
    lines = context.project.comuni_lines
    line = lines[index] if index < len(lines) else None
    return Location(context.project.comuni_file, line, 1 if line is not None else None)


def comuni_count(context: RuleContext) -> int:
    """Comuni of the territory: distinct ISTAT codes in the CSV."""
    return len({c.codice_istat for c in context.project.comuni})


@rule("PW402")
def check_staff_ratio(context: RuleContext) -> Iterator[Diagnostic]:
    """PW402: staff per 1,000 inhabitants of a Comune outside the plausible range."""
    low, high = (dec(v) for v in context.thresholds.staff_per_1000)
    for index, comune in enumerate(context.project.comuni):
        if not has(comune, "popolazione", "dipendenti"):
            continue  # a cell left empty or not valid (PW101, PW009)
        ratio = Decimal(comune.dipendenti) * 1000 / Decimal(comune.popolazione)
        if low <= ratio <= high:
            continue
        yield finding(
            "PW402",
            f"Il Comune di {comune.comune} ha {number(ratio, 1)} dipendenti ogni 1.000 "
            f"abitanti ({number(comune.dipendenti)} dipendenti su "
            f"{number(comune.popolazione)} abitanti), fuori dall'intervallo plausibile "
            f"{number(low)}–{number(high)}.",
            "Controlla popolazione e dipendenti della riga (cifre in più o in meno, popolazione "
            "in migliaia); se il dato è corretto, spiegane il motivo nella sezione sul contesto.",
            row_at(context, index),
        )


@rule("PW403")
def check_comuni_counts(context: RuleContext) -> Iterator[Diagnostic]:
    """PW403: Comuni targeted, interested or answering beyond those of the CSV."""
    if not context.project.comuni or not context.project.comuni_whole:
        return
    total = comuni_count(context)
    csv_file = context.project.comuni_file
    hint = (
        f"Correggi il numero (al massimo {number(total)}) oppure aggiungi a {csv_file} i "
        "Comuni che mancano."
    )
    sintesi = context.project.get(Sintesi)
    if sintesi is not None and sintesi.comuni_target > total:
        yield finding(
            "PW403",
            f"I Comuni target della sintesi sono {number(sintesi.comuni_target)}, ma {csv_file} "
            f"elenca {number(total)} Comuni.",
            hint,
            context.at(sintesi, ("comuni_target",)),
        )
    fabbisogni = context.project.get(Fabbisogni)
    if fabbisogni is None:
        return
    manifest = context.project.manifest
    for index, need in enumerate(fabbisogni.fabbisogni):
        if need.comuni_interessati > total:
            yield finding(
                "PW403",
                f"Il fabbisogno dell'area «{manifest.label('Area', need.area)}» interessa "
                f"{number(need.comuni_interessati)} Comuni, ma {csv_file} ne elenca "
                f"{number(total)}.",
                hint,
                context.at(fabbisogni, ("fabbisogni", index, "comuni_interessati")),
            )
    answered = fabbisogni.rilevazione.comuni_rispondenti
    if answered > total:
        yield finding(
            "PW403",
            f"Alla rilevazione risultano {number(answered)} Comuni rispondenti, ma {csv_file} "
            f"elenca {number(total)} Comuni.",
            hint,
            context.at(fabbisogni, ("rilevazione", "comuni_rispondenti")),
        )


@rule("PW404")
def check_response_rate(context: RuleContext) -> Iterator[Diagnostic]:
    """PW404: fewer Comuni answered the needs survey than the minimum share."""
    fabbisogni = context.project.get(Fabbisogni)
    total = comuni_count(context)
    if fabbisogni is None or total == 0 or not context.project.comuni_whole:
        return
    answered = fabbisogni.rilevazione.comuni_rispondenti
    minimum = dec(context.thresholds.min_response_rate)
    if answered >= minimum * total:
        return
    yield finding(
        "PW404",
        f"Alla rilevazione dei fabbisogni hanno risposto {number(answered)} Comuni su "
        f"{number(total)} ({percent(Decimal(answered) / total)}), meno del "
        f"{percent(minimum)}.",
        "Sollecita i Comuni che non hanno risposto o integra con interviste e focus group; se "
        "il numero è giusto, spiega nel testo come hai completato il quadro dei fabbisogni.",
        context.at(fabbisogni, ("rilevazione", "comuni_rispondenti")),
    )


@rule("PW410")
def check_joining_comuni(context: RuleContext) -> Iterator[Diagnostic]:
    """PW410: Comuni marked ``aderente = si`` are not as many as ``comuni_target``."""
    if not context.project.comuni_whole:
        return
    marked = [c for c in context.project.comuni if c.aderente is not None]
    sintesi = context.project.get(Sintesi)
    if not marked or sintesi is None:
        return
    joining = sum(1 for c in marked if c.aderente is SiNo.SI)
    if joining != sintesi.comuni_target:
        csv_file = context.project.comuni_file
        yield finding(
            "PW410",
            f"In {csv_file} {number(joining)} Comuni hanno «aderente» = si, ma la sintesi "
            f"indica {number(sintesi.comuni_target)} Comuni target.",
            f"Allinea i due dati: correggi «comuni_target» oppure la colonna «aderente» di "
            f"{csv_file} (si per i Comuni a cui si rivolgono i servizi, no per gli altri).",
            context.at(sintesi, ("comuni_target",)),
        )
