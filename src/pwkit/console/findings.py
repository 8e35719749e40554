"""The findings of a check on the terminal, and the catalogue of the rules."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.markup import escape

from pwkit.base.diagnostics import CheckReport
from pwkit.console import _STYLE, _err, _out

if TYPE_CHECKING:
    from pwkit.pack.catalogue import RuleInfo


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


def print_export_refused(report: CheckReport) -> None:
    """Why export wrote nothing."""
    print_report(report)
    _err.print(
        "[bold red]Esportazione annullata:[/] il documento ha errori. Correggili (vedi sopra) "
        "e riprova; nessun file è stato scritto."
    )


def print_rules(catalogue: list[RuleInfo]) -> None:
    """The catalogue: one line per rule."""
    for info in catalogue:
        style = _STYLE[info.severity]
        _out.print(
            f"[bold]{info.code}[/]  [{style}]{info.severity.value:<6}[/]  "
            f"{info.slug:<26}  {escape(info.summary)}"
        )
        if info.source:
            _out.print(f"{'':<40}[dim]Fonte: {escape(info.source)}[/]")


def print_rule(info: RuleInfo) -> None:
    """One rule explained, with a wrong and a right example."""
    _out.print(f"[bold]{info.code}/{info.slug}[/] ({info.severity.value})")
    _out.print(f"[bold]{escape(info.summary)}[/]")
    _out.print()
    _out.print(escape(info.explanation))
    _out.print()
    if info.source:
        _out.print(f"[bold]Fonte:[/] {escape(info.source)}")
        _out.print()
    _out.print("[bold red]Sbagliato[/]")
    for line in info.wrong.splitlines():
        _out.print(f"    {escape(line)}")
    _out.print()
    _out.print("[bold green]Corretto[/]")
    for line in info.right.splitlines():
        _out.print(f"    {escape(line)}")
