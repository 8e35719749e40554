"""Tables on the terminal: where a project stands (status), how projects compare (report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from pwkit.console import _out, info

if TYPE_CHECKING:
    from pathlib import Path

    from pwkit.check.status import ProjectStatus
    from pwkit.report.compare import Comparison


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
    from pwkit.check.status import programme_line

    _out.print(escape(programme_line(status)))


def print_comparison(comparison: Comparison) -> None:
    """The report on the terminal: one line per project, then the unreadable folders."""
    from rich.table import Table

    from pwkit.base.italian import decimal, money

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


def print_report_written(output: Path, comparison: Comparison) -> None:
    """Where the report was written, and how many projects it holds."""
    broken = len(comparison.with_errors) + len(comparison.unreadable)
    read = len(comparison.projects)
    info(
        f"Resoconto scritto: {output} ({read} {'progetto' if read == 1 else 'progetti'}"
        + (f", {broken} con errori o non leggibili" if broken else "")
        + ")."
    )
