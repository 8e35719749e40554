"""Italian for what the command-line layer (typer and its bundled click) shows users.

typer ships its own copy of click with English texts. pwkit speaks Italian everywhere:
typer's own gettext strings are routed through a table here, the help option and the usage
line come from the command classes below, and usage errors are re-worded by
``describe_usage_error`` from the exception's attributes. The commands' arguments and
options are typed here too, each with its Italian help.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from pwkit import VERSION_LINE

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
        elif type_name in ("integer range", "int range"):
            low, high = getattr(param_type, "min", None), getattr(param_type, "max", None)
            detail = f"serve un numero intero da {low} a {high}."
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


# --- option types: the arguments and options of the commands, with their Italian help ----------


class Formato(StrEnum):
    """Output formats of ``check`` and ``status``."""

    TEXT = "text"
    JSON = "json"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{VERSION_LINE}\n")
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option(
        "--version", callback=_show_version, is_eager=True, help="Mostra la versione ed esce."
    ),
]
Folder = Annotated[
    Path,
    typer.Argument(
        help="Cartella del Project Work (anche una sua sottocartella); predefinita: la "
        "cartella corrente.",
        show_default=False,
    ),
]
Format = Annotated[
    Formato, typer.Option("--format", "-f", help="Formato del risultato: text o json.")
]

# init
NewFolder = Annotated[Path, typer.Argument(help="Cartella da creare per il nuovo Project Work.")]
Provincia = Annotated[
    str | None,
    typer.Option(
        help="Nome o sigla della Provincia o Città metropolitana nell'elenco ISTAT (es. "
        "«Monza e della Brianza», «MB», «Reggio Emilia»)."
    ),
]
Titolo = Annotated[str | None, typer.Option(help="Titolo del Project Work.")]
Referente = Annotated[str | None, typer.Option(help="Nome e cognome del referente.")]
Email = Annotated[str | None, typer.Option(help="E-mail del referente.")]
PackFolder = Annotated[
    Path | None,
    typer.Option(
        help="Cartella di un altro modello, o ID@VERSIONE di un modello incluso in pwkit "
        "(predefinito: la versione più recente di quello incluso)."
    ),
]
NoInput = Annotated[bool, typer.Option("--no-input", help="Non fare domande (per gli script).")]
FuoriElenco = Annotated[
    bool,
    typer.Option(
        "--fuori-elenco",
        help="La Provincia di --provincia non è nell'elenco ISTAT (un esempio, "
        "un'esercitazione): il progetto si crea con dati/comuni.csv da compilare a mano. "
        "Senza questa opzione un nome che non è nell'elenco è un errore.",
    ),
]

# check, status, rules, schema
Strict = Annotated[bool, typer.Option("--strict", help="Considera anche gli avvisi come errori.")]
Ignore = Annotated[
    str | None,
    typer.Option(
        help="Regole da ignorare: codici o nomi brevi separati da virgole (es. PW104,orphan)."
    ),
]
Sezione = Annotated[
    int | None,
    typer.Option(
        help="Mostra solo le segnalazioni della sezione con questo numero (le stesse del "
        "controllo completo, anche quelle che la legano alle altre sezioni)."
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Controlla tutto da capo, senza riusare il risultato dell'ultimo controllo "
        "del progetto invariato.",
    ),
]
Oggi = Annotated[
    str | None,
    typer.Option(
        help="Data di riferimento AAAA-MM-GG per i giorni alla scadenza (predefinita: oggi)."
    ),
]
RuleCode = Annotated[
    str | None,
    typer.Argument(help="Codice o nome breve di una regola (es. PW301 o activity-dates)."),
]
SchemaFolder = Annotated[
    Path, typer.Option("--out", "-o", help="Cartella in cui scrivere gli schemi JSON.")
]
ForceSchemas = Annotated[bool, typer.Option("--force", help="Sostituisci gli schemi già presenti.")]

# export
DocumentFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="File .docx da scrivere, in una cartella che esiste già (predefinito: "
        "export/PW-<sigla>-v<versione>.docx nel progetto; con --bozza "
        "export/PW-<sigla>-v<versione>-bozza.docx, così una bozza non prende il posto "
        "del documento da consegnare).",
    ),
]
ForceFiles = Annotated[bool, typer.Option("--force", help="Sostituisci i file se esistono già.")]
Bozza = Annotated[
    bool,
    typer.Option(
        "--bozza",
        help="Esporta anche con errori: «BOZZA» nell'intestazione, in fondo l'elenco dei "
        "punti aperti e «-bozza» nel nome del file.",
    ),
]
Pdf = Annotated[bool, typer.Option("--pdf", help="Scrivi anche il PDF (serve LibreOffice).")]

# report
ProjectFolders = Annotated[
    list[Path],
    typer.Argument(
        help="Cartelle dei Project Work, o cartelle che contengono le cartelle dei progetti.",
        show_default=False,
    ),
]
ReportFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="File da scrivere: .docx (documento per la restituzione), .csv (una riga per "
        "Provincia, per Excel) o .json. Senza -o il confronto è mostrato qui.",
    ),
]
ForceFile = Annotated[bool, typer.Option("--force", help="Sostituisci il file se esiste già.")]

# upgrade
TargetTemplate = Annotated[
    str | None,
    typer.Option(
        "--modello",
        help="Versione del modello a cui portare il progetto: ID@VERSIONE o la cartella di "
        "un modello (predefinita: quella inclusa in pwkit).",
    ),
]
DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="Mostra che cosa cambierebbe, senza toccare nessun file."),
]

# apri
Porta = Annotated[
    int | None,
    typer.Option(
        "--porta",
        min=1,
        max=65535,
        metavar="<int>",
        help="Porta su cui ascoltare (predefinita: una libera scelta da pwkit).",
    ),
]
NoBrowser = Annotated[
    bool,
    typer.Option("--no-browser", help="Non aprire il browser: mostra solo l'indirizzo."),
]
Indirizzo = Annotated[
    str,
    typer.Option(
        "--indirizzo",
        help="Indirizzo su cui ascoltare (predefinito: 127.0.0.1, solo questo computer). Un "
        "indirizzo raggiungibile da altri computer è rifiutato senza --remoto.",
    ),
]
Remoto = Annotated[
    bool,
    typer.Option(
        "--remoto",
        help="Accetta un --indirizzo raggiungibile dalla rete: chiunque abbia l'indirizzo con "
        "il token potrà modificare il progetto. Da usare solo su reti fidate.",
    ),
]
