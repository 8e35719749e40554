"""Everything pwkit prints on a terminal; this package is the only importer of rich.

rich is loaded when something is drawn: the two consoles are made on first use (``_out`` and
``_err``, also as names the screens beside import), so the JSON output never loads it.
Here: the two streams and what every command may print (a line, a warning, an error, an
interruption, an internal error, a progress bar). Each command's own screens are in the
modules beside: ``findings`` (check report, rules), ``tables`` (status, comparison),
``changes`` (what init, export, upgrade and schema wrote), ``machine`` (JSON output),
``serving`` (the address of ``apri``) and ``plain`` (lines written without rich where rich
would write just their text: a file, a pipe).
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from pwkit.base.diagnostics import Severity
from pwkit.base.errors import PwkitError
from pwkit.console import plain

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from rich.console import Console

    from pwkit.report.collect import Target


@cache
def _console(stderr: bool) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def __getattr__(name: str) -> Console:
    """``_out`` and ``_err``, the consoles of standard output and error, made on first use."""
    if name in ("_out", "_err"):
        made = _console(name == "_err")
        globals()[name] = made
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _stream(name: str) -> Console:
    """The console ``name`` (``_out`` or ``_err``), as set on this module if it was set."""
    made: Console = globals().get(name) or __getattr__(name)
    return made


def escape(text: str) -> str:
    """``text`` with rich's markup escaped (printed as it is)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def print_error(error: PwkitError) -> None:
    """A problem pwkit cannot get past: what, where, how to fix it."""
    where = ""
    if error.path is not None:
        where = f" [dim]({escape(str(error.path))}{f':{error.line}' if error.line else ''})[/]"
    _stream("_err").print(f"[bold red]Errore:[/] {escape(error.message)}{where}")
    if error.hint:
        _stream("_err").print(f"  [dim]→ {escape(error.hint)}[/]")


def print_usage_error(message: str, command: str) -> None:
    """A mistake in the command line."""
    _stream("_err").print(f"[bold red]Errore:[/] {escape(message)}")
    _stream("_err").print(f"  [dim]→ Per l'aiuto: {escape(command)} --help[/]")


CRASH = "Errore interno di pwkit."
WARNING = "Attenzione"
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
    _stream("_err").print(f"[bold red]{CRASH}[/] Non è un problema del tuo documento: {where}")


def print_interrupted() -> None:
    """Ctrl-C."""
    _stream("_err").print(INTERRUPTED)


def info(message: str) -> None:
    """A plain line on standard output."""
    if not plain.write_lines([message]):
        _stream("_out").print(escape(message))


def warn(message: str) -> None:
    """A warning on standard error."""
    if not plain.write_lines([f"{WARNING}: {message}"], stderr=True):
        _stream("_err").print(f"[yellow]{WARNING}:[/] {escape(message)}")


@contextmanager
def report_progress() -> Iterator[Callable[[int, Target | None], None] | None]:
    """A progress bar on a terminal (standard error) while the projects are read."""
    if not _stream("_err").is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Lettura dei progetti"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=_stream("_err"),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(count: int, target: Target | None) -> None:
            if target is None:
                bar.update(task, total=count)
            else:
                bar.update(task, advance=1, description=escape(target.path.name))

        yield advance
