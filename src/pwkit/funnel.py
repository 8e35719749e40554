"""The one error funnel of every command: Italian messages, exit codes, JSON failures, crash log.

Light to import: the console (rich) is loaded only when there is something to print, and
typer only by the command line that runs through it (a plain ``check`` does not).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pwkit import __version__
from pwkit.base.errors import ExitCode, PwkitError

if TYPE_CHECKING:
    import typer

T = TypeVar("T")

#: The data keys of each command's JSON output, empty: what a failure still carries.
JSON_PAYLOADS: dict[str, dict[str, Any]] = {
    "check": {"diagnostics": [], "summary": None},
    "status": {},
}


class Run:
    """One command as it runs: what pwkit did to the project on the way (for JSON too)."""

    def __init__(self) -> None:
        """A run with nothing told yet."""
        self.notices: list[str] = []

    def notify(self, text: str) -> None:
        """Tell the user at once (a warning) and keep it for the JSON output."""
        from pwkit import console

        console.warn(text)
        self.notices.append(text[:1].upper() + text[1:])


def run(action: Callable[[Run], T], *, json_command: str | None = None) -> T:
    """Run ``action``; any failure told in Italian and turned into its exit code.

    With ``json_command`` (``--format json`` asked for) a failure is also told as the
    documented JSON on standard output, with that command's data keys, empty.
    """
    current = Run()
    payload = dict(JSON_PAYLOADS[json_command]) if json_command else None
    try:
        return action(current)
    except PwkitError as exc:
        from pwkit import console

        console.print_error(exc)
        _fail_json(
            payload, current.notices, exc.exit_code, exc.message, exc.hint, exc.path, exc.line
        )
        raise _exit(exc.exit_code) from None
    except OSError as exc:
        from pwkit import console
        from pwkit.base.errors import os_failure

        failure = os_failure(exc)
        console.print_error(failure)
        _fail_json(payload, current.notices, ExitCode.USAGE, failure.message, failure.hint)
        raise _exit(ExitCode.USAGE) from None
    except KeyboardInterrupt:
        from pwkit import console

        console.print_interrupted()
        _fail_json(payload, current.notices, ExitCode.INTERRUPTED, console.INTERRUPTED)
        raise _exit(ExitCode.INTERRUPTED) from None
    except Exception as exc:
        if _command_line_control(exc):
            raise
        from pwkit import console

        log = write_crash_log(exc)
        console.print_crash(log)
        details = console.crash_details(log)
        hint = details[0].upper() + details[1:]
        _fail_json(payload, current.notices, ExitCode.INTERNAL, console.CRASH, hint, log=log)
        raise _exit(ExitCode.INTERNAL) from None


def _exit(code: ExitCode) -> BaseException:
    """How a failed command ends: typer's ``Exit`` under typer, ``SystemExit`` without it."""
    typer = sys.modules.get("typer")
    if typer is None:
        return SystemExit(int(code))
    exit_: BaseException = typer.Exit(int(code))
    return exit_


def _command_line_control(exc: Exception) -> bool:
    """``exc`` is typer's way to end or abort a command (passed on to typer, not a crash)."""
    typer = sys.modules.get("typer")
    return typer is not None and isinstance(exc, typer.Exit | typer.Abort)


def write_crash_log(exc: BaseException) -> str | None:
    """The traceback, pwkit's version and the command line in a new log file (its path)."""
    import os
    import tempfile
    import traceback

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    details = "".join(traceback.format_exception(exc))
    try:
        fd, path = tempfile.mkstemp(prefix=f"pwkit-errore-{stamp}-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as log:
            log.write(f"pwkit {__version__}\n{sys.version}\n{' '.join(sys.argv)}\n\n{details}")
    except OSError:
        return None
    return path


def _fail_json(
    payload: dict[str, Any] | None,
    notices: list[str],
    code: ExitCode,
    message: str,
    hint: str | None = None,
    path: object | None = None,
    line: int | None = None,
    **more: Any,
) -> None:
    """A failure as the JSON output, when ``--format json`` asked for it."""
    if payload is None:
        return
    from pwkit.console import machine

    error = machine.error_json(message, hint, path, line, **more)
    machine.print_json(machine.envelope(code, error, notices, **payload))


def _asked_for_json(args: list[str]) -> dict[str, Any] | None:
    """The empty JSON payload if the command line asks for ``--format json`` (else ``None``).

    Read from the raw arguments: a mistake in the command line is found before the options
    are parsed, and must still be told as JSON to a script that asked for it.
    """
    asked = any(
        arg in ("--format=json", "-fjson", "-f=json")
        or (arg in ("--format", "-f") and following.strip().casefold() == "json")
        for arg, following in zip(args, [*args[1:], ""], strict=True)
    )
    if not asked:
        return None
    command = next((arg for arg in args if not arg.startswith("-")), "")
    return dict(JSON_PAYLOADS.get(command, {}))


def main(app: typer.Typer) -> None:
    """Run the command line: usage errors are told in Italian, with exit code 2."""
    import typer
    from typer._click import exceptions as click_errors

    from pwkit import clitext

    try:
        code = app(prog_name="pwkit", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.ctx.get_help() + "\n")
        sys.exit(int(ExitCode.USAGE))
    except click_errors.UsageError as exc:
        from pwkit import console

        command = exc.ctx.command_path if exc.ctx is not None else "pwkit"
        message = clitext.describe_usage_error(exc)
        console.print_usage_error(message, command)
        hint = f"Per l'aiuto: {command} --help"
        _fail_json(_asked_for_json(sys.argv[1:]), [], ExitCode.USAGE, message, hint)
        sys.exit(int(ExitCode.USAGE))
    except typer.Abort:
        from pwkit import console

        console.print_interrupted()
        _fail_json(_asked_for_json(sys.argv[1:]), [], ExitCode.INTERRUPTED, console.INTERRUPTED)
        sys.exit(int(ExitCode.INTERRUPTED))
    sys.exit(code if isinstance(code, int) else 0)
