"""Everything pwkit prints: reports, errors, next steps. The only importer of rich."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from pwkit.diagnostics import CheckReport, Severity
from pwkit.errors import OUTCOMES, PwkitError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pwkit.pack.catalogue import RuleInfo
    from pwkit.report.collect import Target
    from pwkit.report.compare import Comparison
    from pwkit.scaffold import InitResult
    from pwkit.status import ProjectStatus
    from pwkit.upgrade.plan import UpgradePlan

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def print_report(report: CheckReport, *, strict: bool = False) -> None:
    """The text report: findings grouped by file and sorted by line, then the summary."""
    for file, items in groupby(report, key=lambda d: d.location.file):
        _out.print(f"[bold]{escape(file)}[/]")
        for d in items:
            where = escape(str(d.location))
            style = _STYLE[d.severity]
            _out.print(
                f"  {where}  [{style}]{d.severity.value}[/]  [bold]{d.code}[/]  {escape(d.message)}"
            )
            _out.print(f"      [dim]→ {escape(d.hint)}[/]")
        _out.print()
    errors, warnings = len(report.errors), len(report.warnings)
    summary = (
        f"{errors} {'errore' if errors == 1 else 'errori'}, "
        f"{warnings} {'avviso' if warnings == 1 else 'avvisi'}, "
        f"sezioni complete {report.sections_complete}/{report.sections_total}"
    )
    failing = errors > 0 or (strict and warnings > 0)
    mark = "[bold red]✗[/]" if failing else "[bold green]✓[/]"
    _out.print(f"{mark} {summary}")


def envelope(
    exit_code: int,
    error: dict[str, Any] | None = None,
    notices: list[str] | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """The documented JSON output of a command: its outcome, any error, notices, its data.

    ``notices`` says what pwkit did to the project before the command (an interrupted
    upgrade undone).
    """
    return {
        "outcome": OUTCOMES[exit_code],
        "exit_code": int(exit_code),
        "error": error,
        "notices": list(notices or []),
        **payload,
    }


def error_json(
    message: str,
    hint: str | None = None,
    path: object | None = None,
    line: int | None = None,
    **more: Any,
) -> dict[str, Any]:
    """The ``error`` of the JSON output: what, how to fix it, where."""
    return {
        "message": message,
        "hint": hint,
        "file": str(path) if path is not None else None,
        "line": line,
        **more,
    }


def print_report_json(report: CheckReport, exit_code: int, notices: list[str]) -> None:
    """The documented JSON report on standard output."""
    print_json(envelope(exit_code, notices=notices, **report.to_json()))


def print_json(data: object) -> None:
    """Machine-readable output: plain JSON on standard output, no colour, no wrapping."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _bar(percent: int, width: int = 10) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)


def print_status(status: ProjectStatus) -> None:
    """The status table: one row per section, then overall completion and the deadline."""
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (
        ("N.", "right"),
        ("Sezione", "left"),
        ("Parole", "right"),
        ("Da compilare", "right"),
        ("Errori", "right"),
        ("Avvisi", "right"),
        ("Completamento", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=name != "Sezione")  # type: ignore[arg-type]
    for row in status.sections:
        colour = "green" if row.completion == 100 else "yellow" if row.completion else "red"
        table.add_row(
            str(row.number),
            escape(row.title),
            f"{row.words}/{row.words_min}",
            str(row.placeholders),
            str(row.errors),
            str(row.warnings),
            f"[{colour}]{_bar(row.completion)}[/] {row.completion:>3}%",
        )
    _out.print(table)
    _out.print()
    if status.other_errors:
        _out.print(
            f"Errori fuori dalle sezioni (frontespizio, Comuni): {status.other_errors} — "
            "vedi `pwkit check`."
        )
    _out.print(f"[bold]Completamento complessivo: {status.completion}%[/]")
    days = status.days_left
    deadline = status.deadline.strftime("%d/%m/%Y")
    if days > 1:
        _out.print(f"Mancano {days} giorni alla scadenza del programma ({deadline}).")
    elif days == 1:
        _out.print(f"Manca 1 giorno alla scadenza del programma ({deadline}).")
    elif days == 0:
        _out.print(f"La scadenza del programma è oggi ({deadline}).")
    else:
        _out.print(f"La scadenza del programma ({deadline}) è passata da {-days} giorni.")


def print_rules(catalogue: list[RuleInfo]) -> None:
    """The catalogue: one line per rule."""
    for info in catalogue:
        style = _STYLE[info.severity]
        _out.print(
            f"[bold]{info.code}[/]  [{style}]{info.severity.value:<6}[/]  "
            f"{info.slug:<26}  {escape(info.summary)}"
        )


def print_rule(info: RuleInfo) -> None:
    """One rule explained, with a wrong and a right example."""
    _out.print(f"[bold]{info.code}/{info.slug}[/] ({info.severity.value})")
    _out.print(f"[bold]{escape(info.summary)}[/]")
    _out.print()
    _out.print(escape(info.explanation))
    _out.print()
    _out.print("[bold red]Sbagliato[/]")
    for line in info.wrong.splitlines():
        _out.print(f"    {escape(line)}")
    _out.print()
    _out.print("[bold green]Corretto[/]")
    for line in info.right.splitlines():
        _out.print(f"    {escape(line)}")


def print_error(error: PwkitError) -> None:
    """A problem pwkit cannot get past: what, where, how to fix it."""
    where = ""
    if error.path is not None:
        where = f" [dim]({escape(str(error.path))}{f':{error.line}' if error.line else ''})[/]"
    _err.print(f"[bold red]Errore:[/] {escape(error.message)}{where}")
    if error.hint:
        _err.print(f"  [dim]→ {escape(error.hint)}[/]")


def print_usage_error(message: str, command: str) -> None:
    """A mistake in the command line."""
    _err.print(f"[bold red]Errore:[/] {escape(message)}")
    _err.print(f"  [dim]→ Per l'aiuto: {escape(command)} --help[/]")


CRASH = "Errore interno di pwkit."
INTERRUPTED = "Interrotto. Nessun file è stato lasciato a metà."


def crash_details(log: str | None) -> str:
    """Where the details of an internal error are, and what to do with them."""
    if log:
        return f"i dettagli sono stati scritti in {log}. Invia quel file a chi gestisce pwkit."
    return (
        "non è stato possibile scrivere il file con i dettagli (cartella temporanea non "
        "scrivibile)."
    )


def print_crash(log: str | None) -> None:
    """An unexpected internal error: short message and where the details are."""
    where = escape(crash_details(log))
    _err.print(f"[bold red]{CRASH}[/] Non è un problema del tuo documento: {where}")


def print_interrupted() -> None:
    """Ctrl-C."""
    _err.print(INTERRUPTED)


def info(message: str) -> None:
    """A plain line on standard output."""
    _out.print(escape(message))


def warn(message: str) -> None:
    """A warning on standard error."""
    _err.print(f"[yellow]Attenzione:[/] {escape(message)}")


def print_export_refused(report: CheckReport) -> None:
    """Why export wrote nothing."""
    print_report(report)
    _err.print(
        "[bold red]Esportazione annullata:[/] il documento ha errori. Correggili (vedi sopra) "
        "e riprova; nessun file è stato scritto."
    )


def print_init(result: InitResult) -> None:
    """What init created and the next steps."""
    from pwkit.ente import denomination
    from pwkit.istat import ISTAT_CREDIT

    root = result.root
    _out.print(f"[bold green]✓[/] Creato il Project Work in [bold]{escape(str(root))}[/]")
    _out.print(f"  Modello: {escape(result.manifest.title)} ({escape(result.manifest.pin)})")
    unit = result.provincia
    if unit is not None:
        _out.print(
            f"  {escape(denomination(unit.nome, unit))} ({unit.sigla}): "
            f"{len(unit.comuni)} Comuni in dati/comuni.csv ({escape(ISTAT_CREDIT)})"
        )
    else:
        who = (
            f"Provincia fuori elenco «{escape(result.fuori_elenco)}»"
            if result.fuori_elenco
            else "Provincia non indicata"
        )
        _out.print(f"  {who}: 0 Comuni in dati/comuni.csv, che ha solo l'intestazione.")
    _out.print(f"  {len(result.files)} file creati.")
    _out.print()
    _out.print("[bold]Prossimi passi[/]")
    first = result.manifest.sections[0].file if result.manifest.sections else "sezioni/"
    _out.print(f"  1. Apri {escape(str(root / 'progetto.yaml'))} e completa il frontespizio.")
    _out.print(
        f"  2. Compila le sezioni, a partire da {escape(str(root / first))}: ogni sezione "
        "contiene la guida (nei commenti <!-- guida: ... -->)."
    )
    if unit is not None:
        _out.print("  3. Completa popolazione e dipendenti in dati/comuni.csv (anche con Excel).")
    else:
        _out.print(
            "  3. Scrivi in dati/comuni.csv una riga per ogni Comune del territorio: codice "
            "ISTAT di 6 cifre (es. 001272), nome, popolazione, dipendenti, ufficio_personale "
            "(si/no); con Excel, salva in formato CSV UTF-8. Per una Provincia dell'elenco "
            "ISTAT, ricrea invece il progetto con --provincia e il suo nome o la sigla: pwkit "
            "compila l'elenco dei Comuni."
        )
    _out.print(
        f"  4. Controlla con `pwkit check {escape(str(root))}`, poi esporta con "
        f"`pwkit export {escape(str(root))}`."
    )


@contextmanager
def report_progress() -> Iterator[Callable[[int, Target | None], None] | None]:
    """A progress bar on a terminal (standard error) while the projects are read."""
    if not _err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Lettura dei progetti"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=_err,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(count: int, target: Target | None) -> None:
            if target is None:
                bar.update(task, total=count)
            else:
                bar.update(task, advance=1, description=escape(target.path.name))

        yield advance


def print_comparison(comparison: Comparison) -> None:
    """The report on the terminal: one line per project, then the unreadable folders."""
    from rich.table import Table

    from pwkit.italian import decimal, money

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Provincia", min_width=12, ratio=1)
    for name, justify in (
        ("Esito", "left"),
        ("Servizi", "right"),
        ("Comuni", "right"),
        ("FTE", "right"),
        ("Costi del piano", "right"),
        ("Primo avvio", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for p in comparison.projects:
        outcome = "[green]senza errori[/]" if p.valid else f"[red]{p.errors} errori[/]"
        target = "–" if p.comuni_target is None else str(p.comuni_target)
        table.add_row(
            escape(p.name),
            outcome,
            str(len(p.servizi)),
            f"{target}/{p.comuni_territorio}",
            "–" if p.fte is None else decimal(p.fte, 1, 1),
            "–" if p.costi_totali is None else money(p.costi_totali),
            "–" if p.primo_avvio is None else p.primo_avvio.strftime("%d/%m/%Y"),
        )
    _out.print(table)
    for u in comparison.unreadable:
        _out.print(f"[bold red]✗[/] {escape(u.folder)}: {escape(u.reason)}")
    read, broken, lost = (
        len(comparison.projects),
        len(comparison.with_errors),
        len(comparison.unreadable),
    )
    _out.print(
        f"\n{read} {'progetto letto' if read == 1 else 'progetti letti'} ({broken} con errori), "
        f"{lost} {'cartella non leggibile' if lost == 1 else 'cartelle non leggibili'}. Per il "
        "documento di restituzione: pwkit report … -o restituzione.docx (anche .csv o .json)."
    )


_CHANGE_STYLE = {
    "nuovo": "green",
    "unito": "cyan",
    "rinominato": "cyan",
    "conflitti": "bold red",
    "spostato": "yellow",
}


def print_upgrade(plan: UpgradePlan, *, dry_run: bool, backup: str | None = None) -> None:
    """What an upgrade does (or, with ``--dry-run``, would do), file by file."""
    if plan.up_to_date:
        newer = plan.old_version != plan.manifest.version
        _out.print(
            f"[bold green]✓[/] Il progetto è già aggiornato: usa il modello "
            f"{escape(plan.manifest.id)} alla versione {escape(plan.old_version)}"
            + (f", più recente della {escape(plan.manifest.version)}" if newer else "")
            + ". Nessun file è cambiato."
        )
        return
    target = f"{plan.manifest.id} {plan.old_version} → {plan.manifest.version}"
    if dry_run:
        _out.print(f"[bold]Piano di aggiornamento[/] ({escape(target)}): nessun file è cambiato.")
    else:
        _out.print(f"[bold green]✓[/] Progetto aggiornato ({escape(target)}).")
    if not plan.changes:
        _out.print("  Nessun file del progetto cambia: si aggiorna solo la versione del modello.")
    for change in plan.changes:
        style = _CHANGE_STYLE.get(change.kind, "")
        detail = f" – {escape(change.detail)}" if change.detail else ""
        _out.print(f"  [{style}]{change.kind:<10}[/] {escape(change.rel)}{detail}")
    for note in plan.notes:
        _out.print(f"  [yellow]![/] {escape(note)}")
    if backup:
        _out.print(f"  Copia dei file com'erano prima: {escape(backup)}")
    if plan.conflicts:
        _err.print(
            f"[bold red]{plan.conflicts} {'conflitto' if plan.conflicts == 1 else 'conflitti'} "
            "da risolvere[/]: cerca le righe «<<<<<<< "
            "progetto» nei file segnati, scegli il testo giusto e togli i separatori; "
            "`pwkit check` li elenca (PW012)."
        )
    if plan.set_aside:
        count = len(plan.set_aside)
        _err.print(
            f"[bold red]{count} {'conflitto' if count == 1 else 'conflitti'} da risolvere[/]: "
            "dove il nuovo modello mette una sezione c'era già un tuo file. Il tuo file resta "
            "com'è e accanto c'è il testo che l'aggiornamento vi avrebbe scritto (vedi sopra): "
            "unisci i due testi nel tuo file e cancella l'altro, che `pwkit check` segnala "
            "(PW008) finché resta."
        )
    if not (plan.conflicts or plan.set_aside or dry_run):
        _out.print("  Prossimo passo: `pwkit check` elenca i campi nuovi da compilare.")
