"""The findings of a check on the terminal, and the catalogue of the rules."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from pwkit.base.diagnostics import CheckReport
from pwkit.console import _STYLE, _stream, escape, plain

if TYPE_CHECKING:
    from pwkit.pack.catalogue import RuleInfo


def print_report(report: CheckReport, *, strict: bool = False) -> None:
    """The text report: findings grouped by file and sorted by line, then the summary.

    Written as it is where rich would write just its text (a file, a pipe), else by rich.
    """
    if not plain.write_lines(report_lines(report, strict=strict)):
        print_with_rich(report, strict=strict)


def report_lines(report: CheckReport, *, strict: bool = False) -> list[str]:
    """The lines of the text report, without their colours."""
    lines: list[str] = []
    for file, items in groupby(report, key=lambda d: d.location.file):
        lines.append(file)
        for d in items:
            lines.append(f"  {d.location}  {d.severity.value}  {d.code}  {d.message}")
            lines.append(f"      → {d.hint}")
        lines.append("")
    failing, summary = _summary(report, strict)
    lines.append(f"{'✗' if failing else '✓'} {summary}")
    return lines


def print_with_rich(report: CheckReport, *, strict: bool = False) -> None:
    """The text report drawn by rich, with its colours where the output is a terminal."""
    out = _stream("_out")
    for file, items in groupby(report, key=lambda d: d.location.file):
        out.print(f"[bold]{escape(file)}[/]")
        for d in items:
            where = escape(str(d.location))
            style = _STYLE[d.severity]
            out.print(
                f"  {where}  [{style}]{d.severity.value}[/]  [bold]{d.code}[/]  {escape(d.message)}"
            )
            out.print(f"      [dim]→ {escape(d.hint)}[/]")
        out.print()
    failing, summary = _summary(report, strict)
    mark = "[bold red]✗[/]" if failing else "[bold green]✓[/]"
    out.print(f"{mark} {summary}")


def _summary(report: CheckReport, strict: bool) -> tuple[bool, str]:
    """Whether the check fails, and the words of the summary line."""
    errors, warnings = len(report.errors), len(report.warnings)
    summary = (
        f"{errors} {'errore' if errors == 1 else 'errori'}, "
        f"{warnings} {'avviso' if warnings == 1 else 'avvisi'}, "
        f"sezioni complete {report.sections_complete}/{report.sections_total}"
    )
    return errors > 0 or (strict and warnings > 0), summary


def print_export_refused(report: CheckReport) -> None:
    """Why export wrote nothing."""
    print_report(report)
    _stream("_err").print(
        "[bold red]Esportazione annullata:[/] il documento ha errori. Correggili (vedi sopra) "
        "e riprova; nessun file è stato scritto."
    )


def print_rules(catalogue: list[RuleInfo]) -> None:
    """The catalogue: one line per rule."""
    out = _stream("_out")
    for info in catalogue:
        style = _STYLE[info.severity]
        out.print(
            f"[bold]{info.code}[/]  [{style}]{info.severity.value:<6}[/]  "
            f"{info.slug:<26}  {escape(info.summary)}"
        )
        if info.source:
            out.print(f"{'':<40}[dim]Fonte: {escape(info.source)}[/]")


def print_rule(info: RuleInfo) -> None:
    """One rule explained, with a wrong and a right example."""
    out = _stream("_out")
    out.print(f"[bold]{info.code}/{info.slug}[/] ({info.severity.value})")
    out.print(f"[bold]{escape(info.summary)}[/]")
    out.print()
    out.print(escape(info.explanation))
    out.print()
    if info.source:
        out.print(f"[bold]Fonte:[/] {escape(info.source)}")
        out.print()
    out.print("[bold red]Sbagliato[/]")
    for line in info.wrong.splitlines():
        out.print(f"    {escape(line)}")
    out.print()
    out.print("[bold green]Corretto[/]")
    for line in info.right.splitlines():
        out.print(f"    {escape(line)}")
