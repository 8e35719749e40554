"""``pwkit check``: what the command does, and its plain command lines read without typer.

``check`` is what a working group runs most, and typer (with its bundled click) is a large
part of a check's start-up. The plain forms of its command line — a folder, ``--no-cache``,
``--strict``, ``--format text|json`` (``-f``), ``--ignore CODES``, ``--sezione N``, each at
most once — are read here and run through the same funnel and action as the typer command
in :mod:`pwkit.cli`. Anything else (help, a mistake, an unusual spelling) is left to typer,
which tells it as it always did.
"""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pwkit import funnel
from pwkit.base.errors import ExitCode

#: Options that are switched on by being there.
_FLAGS = frozenset({"--no-cache", "--strict"})
#: Options that take a value, by every plain spelling of their name.
_VALUED = {"--format": "format", "-f": "format", "--ignore": "ignore", "--sezione": "sezione"}
_FORMATS = ("text", "json")


@dataclass(frozen=True)
class CheckOptions:
    """The options of one ``pwkit check``."""

    folder: Path = Path()
    json: bool = False
    strict: bool = False
    ignore: str | None = None
    section: int | None = None
    no_cache: bool = False


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


def run_plain(args: list[str]) -> None:
    """Run ``pwkit check`` if ``args`` is one of its plain command lines (ends the process).

    Returns, having done nothing, for any other command line.
    """
    options = plain_options(args)
    if options is None:
        return
    try:
        code = check(options)
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


def plain_options(args: list[str]) -> CheckOptions | None:
    """The options of ``args`` (the whole command line) if it is a plain ``check``; else ``None``.

    ``None`` for anything typer would read differently or refuse: another command, help, an
    option given twice, ``--``, an unknown or abbreviated option, a value typer would reject
    (typer then says what is wrong).
    """
    if not args or args[0] != "check":
        return None
    values: dict[str, str] = {}
    flags: set[str] = set()
    folder: str | None = None
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if arg in _FLAGS and arg not in flags:
            flags.add(arg)
        elif name in _VALUED and _VALUED[name] not in values and (equals or name == arg):
            if not equals:
                value = next(rest, "-")
            if not value or value.startswith("-") or (name == "-f" and equals):
                return None
            values[_VALUED[name]] = value
        elif arg.startswith("-") or not arg or folder is not None:
            return None
        else:
            folder = arg
    return _options(folder, values, flags)


def _options(folder: str | None, values: dict[str, str], flags: set[str]) -> CheckOptions | None:
    """The options read, if each value is one typer takes as it is; else ``None``."""
    form = values.get("format", "text")
    section = values.get("sezione")
    if form not in _FORMATS or (section is not None and not _plain_number(section)):
        return None
    return CheckOptions(
        folder=Path(folder) if folder is not None else Path(),
        json=form == "json",
        strict="--strict" in flags,
        ignore=values.get("ignore"),
        section=int(section) if section is not None else None,
        no_cache="--no-cache" in flags,
    )


def _plain_number(text: str) -> bool:
    """``text`` is a whole number written with ASCII digits only (no sign, space or ``_``)."""
    return text.isascii() and text.isdigit() and len(text) < 10
