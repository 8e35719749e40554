"""Italian for what the command-line layer (typer and its bundled click) shows users.

typer ships its own copy of click with English texts. pwkit speaks Italian everywhere:
typer's own gettext strings are routed through a table here, the help option and the usage
line come from the command classes below, and usage errors are re-worded by
``describe_usage_error`` from the exception's attributes.
"""

from __future__ import annotations

import sys
from typing import Any

from typer.core import TyperCommand, TyperGroup

HELP_TEXT = "Mostra questo aiuto ed esce."
USAGE_PREFIX = "Uso: "

_TEXTS: dict[str, str] = {
    "Arguments": "Argomenti",
    "Options": "Opzioni",
    "Commands": "Comandi",
    "default: {default}": "predefinito: {default}",
    "env var: {var}": "variabile d'ambiente: {var}",
    "required": "obbligatorio",
    "(dynamic)": "(calcolato)",
    "Aborted!": "Interrotto.",
    "Missing command.": "Manca il comando.",
    "No such command {name!r}.": "Il comando {name!r} non esiste.",
}


def gettext(message: str) -> str:
    """Italian for one of typer's messages; the message itself when there is none."""
    return _TEXTS.get(message, message)


def install() -> None:
    """Route typer's gettext lookups through the Italian table."""
    module = sys.modules.get("typer.core")
    if module is not None and hasattr(module, "_"):
        module._ = gettext  # type: ignore[attr-defined]


class _Italian:
    """Italian usage line and help option, shared by commands and groups."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option


class ItalianCommand(_Italian, TyperCommand):
    """A typer command that speaks Italian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPZIONI]"


class ItalianGroup(_Italian, TyperGroup):
    """A typer group that speaks Italian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPZIONI]"
        self.subcommand_metavar = "COMANDO [ARGOMENTI]..."


def _param_name(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, list | tuple):
        return " / ".join(str(h) for h in hint)
    if hint:
        return str(hint)
    param = getattr(exc, "param", None)
    opts = getattr(param, "opts", None)
    if opts:
        return " / ".join(opts)
    name = getattr(param, "name", None)
    return str(name) if name else "un parametro"


def describe_usage_error(exc: Any) -> str:
    """An Italian sentence for a usage error raised by typer's click."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        text = f"L'opzione {exc.option_name} non esiste."
        if getattr(exc, "possibilities", None):
            text += " Forse intendevi " + " o ".join(sorted(exc.possibilities)) + "?"
        return text
    if kind == "MissingParameter":
        return f"Manca {_param_name(exc)}."
    if kind == "BadOptionUsage":
        return f"Uso errato dell'opzione {exc.option_name}: vuole un valore."
    if kind == "BadParameter":
        param_type = getattr(getattr(exc, "param", None), "type", None)
        type_name = getattr(param_type, "name", "")
        if type_name in ("integer", "int"):
            detail = "serve un numero intero."
        elif type_name == "float":
            detail = "serve un numero."
        elif type_name == "choice":
            choices = getattr(param_type, "choices", ())
            detail = "valori possibili: " + ", ".join(str(c) for c in choices) + "."
        else:
            detail = "controlla il valore."
        return f"Valore non valido per {_param_name(exc)}: {detail}"
    if kind == "BadArgumentUsage":
        return f"Argomenti non validi: {exc.message}"
    # typer appends an English suggestion to "no such command": the one phrase re-worded.
    return str(getattr(exc, "message", exc)).replace("Did you mean", "Forse intendevi")
