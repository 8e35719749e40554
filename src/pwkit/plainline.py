"""``check`` and ``export``: what they do, and their plain command lines read without typer.

They are what a working group runs most, and typer (with its bundled click) is a large part
of their start-up. The plain forms of their command lines — a folder and each of the
command's options at most once, spelt as in ``--help`` (``--name value``, ``--name=value``,
a short name and its value as two words) — are read here and run through the same funnel and
action as the typer commands in :mod:`pwkit.cli`. Anything else (help, a mistake, an
unusual spelling) is left to typer, which tells it as it always did.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from pwkit import funnel
from pwkit.base.errors import ExitCode

_FORMATS = ("text", "json")


class Grammar(NamedTuple):
    """The options of one command: switched on by being there, or taking a value."""

    flags: frozenset[str]
    valued: Mapping[str, str]
    """Every plain spelling of an option that takes a value → the option's name."""


GRAMMARS = {
    "check": Grammar(
        frozenset({"--no-cache", "--strict"}),
        {"--format": "format", "-f": "format", "--ignore": "ignore", "--sezione": "sezione"},
    ),
    "export": Grammar(
        frozenset({"--force", "--bozza", "--pdf"}), {"--output": "output", "-o": "output"}
    ),
}


class CheckOptions(NamedTuple):
    """The options of one ``pwkit check``."""

    folder: Path = Path()
    json: bool = False
    strict: bool = False
    ignore: str | None = None
    section: int | None = None
    no_cache: bool = False


class ExportOptions(NamedTuple):
    """The options of one ``pwkit export``."""

    folder: Path = Path()
    output: Path | None = None
    force: bool = False
    draft: bool = False
    pdf: bool = False


def check(options: CheckOptions) -> ExitCode:
    """Run the check ``options`` ask for through the funnel; its exit code."""

    def action(run: funnel.Run) -> ExitCode:
        from pwkit import api

        report = api.check_project(
            options.folder,
            section=options.section,
            ignore=options.ignore.split(",") if options.ignore else (),
            use_cache=not options.no_cache,
            notify=run.notify,
        )
        failing = report.errors or (options.strict and report.warnings)
        code = ExitCode.DOCUMENT_ERRORS if failing else ExitCode.OK
        if options.json:
            from pwkit.console import machine

            machine.print_report_json(report, code, run.notices)
        else:
            from pwkit.console import findings

            findings.print_report(report, strict=options.strict)
        return code

    return funnel.run(action, json_command="check" if options.json else None)


def export(options: ExportOptions) -> ExitCode:
    """Run the export ``options`` ask for through the funnel; its exit code."""

    def action(run: funnel.Run) -> ExitCode:
        from pwkit import api
        from pwkit.console import changes

        result = api.export_document(
            options.folder,
            output=options.output,
            force=options.force,
            draft=options.draft,
            pdf=options.pdf,
            notify=run.notify,
            progress=changes.print_export_step,
        )
        if result.refused:
            from pwkit.console import findings

            findings.print_export_refused(result.report)
            return ExitCode.DOCUMENT_ERRORS
        changes.print_export_done(result)
        return ExitCode.OK

    return funnel.run(action)


def run_plain(args: list[str]) -> None:
    """Run ``check`` or ``export`` if ``args`` is a plain command line of theirs (ends the process).

    Returns, having done nothing, for any other command line.
    """
    options = plain_options(args)
    if options is None:
        return
    try:
        code = check(options) if isinstance(options, CheckOptions) else export(options)
    except OSError as exc:
        # The reader went away while the funnel was telling a failure (as typer does then).
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _Pacified(sys.stdout), _Pacified(sys.stderr)
        sys.exit(1)
    sys.exit(code)


class _Pacified:
    """A stream whose ``flush`` ignores a reader that went away (``EPIPE``)."""

    def __init__(self, wrapped: TextIO) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def plain_options(args: list[str]) -> CheckOptions | ExportOptions | None:
    """The options of ``args`` (the whole command line) if it is a plain ``check`` or ``export``.

    ``None`` for anything typer would read differently or refuse: another command, help, an
    option given twice, ``--``, an unknown or abbreviated option, a value typer would reject
    (typer then says what is wrong).
    """
    grammar = GRAMMARS.get(args[0]) if args else None
    if grammar is None:
        return None
    read = _read(args[1:], grammar)
    if read is None:
        return None
    folder, values, flags = read
    if args[0] == "check":
        return _check_options(folder, values, flags)
    return ExportOptions(
        folder=folder,
        output=Path(values["output"]) if "output" in values else None,
        force="--force" in flags,
        draft="--bozza" in flags,
        pdf="--pdf" in flags,
    )


def _read(args: list[str], grammar: Grammar) -> tuple[Path, dict[str, str], set[str]] | None:
    """The folder, the values and the flags of a plain command line; ``None`` if it is not."""
    values: dict[str, str] = {}
    flags: set[str] = set()
    folder: str | None = None
    rest = iter(args)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if arg in grammar.flags and arg not in flags:
            flags.add(arg)
        elif (
            name in grammar.valued
            and grammar.valued[name] not in values
            and (equals or name == arg)
        ):
            if not equals:
                value = next(rest, "-")
            # click reads «-o=x» as the value «=x»: a short name and «=» are left to typer.
            if not value or value.startswith("-") or (equals and not name.startswith("--")):
                return None
            values[grammar.valued[name]] = value
        elif arg.startswith("-") or not arg or folder is not None:
            return None
        else:
            folder = arg
    return Path(folder) if folder is not None else Path(), values, flags


def _check_options(folder: Path, values: dict[str, str], flags: set[str]) -> CheckOptions | None:
    """The options of a check, if each value is one typer takes as it is; else ``None``."""
    form = values.get("format", "text")
    section = values.get("sezione")
    if form not in _FORMATS or (section is not None and not _plain_number(section)):
        return None
    return CheckOptions(
        folder=folder,
        json=form == "json",
        strict="--strict" in flags,
        ignore=values.get("ignore"),
        section=int(section) if section is not None else None,
        no_cache="--no-cache" in flags,
    )


def _plain_number(text: str) -> bool:
    """``text`` is a whole number written with ASCII digits only (no sign, space or ``_``)."""
    return text.isascii() and text.isdigit() and len(text) < 10
