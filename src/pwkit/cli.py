"""The ``pwkit`` command line: options → one library call → console → exit code.

Heavy modules (python-docx, pydantic, jinja2, PyYAML, markdown-it, rich) are
imported inside the commands, so that ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from pwkit import VERSION_LINE, __version__, clitext
from pwkit.errors import ExitCode, PwkitError

if TYPE_CHECKING:
    from pwkit.diagnostics import CheckReport

clitext.install()

T = TypeVar("T")

app = typer.Typer(
    name="pwkit",
    help="Project Work «Province & Comuni»: crea, controlla ed esporta in Word il documento "
    "del servizio associato di gestione del personale.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=clitext.ItalianGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Formato(StrEnum):
    """Output formats of ``check``."""

    TEXT = "text"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{VERSION_LINE}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Mostra la versione ed esce."
        ),
    ] = False,
) -> None:
    """Project Work «Province & Comuni»: crea, controlla ed esporta il documento."""


def _write_crash_log(exc: BaseException) -> str | None:
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


#: What pwkit did to the project before the running command (``_project_root``), for JSON.
_notices: list[str] = []


def _run(action: Callable[[], T], *, json_output: dict[str, Any] | None = None) -> T:
    """The one error funnel of every command: Italian messages, exit codes, no traceback.

    With ``json_output`` (the command's data keys, empty, for ``--format json``) a failure is
    also told as the documented JSON on standard output, with the same exit code.
    """
    _notices.clear()
    try:
        return action()
    except (typer.Exit, typer.Abort):
        raise
    except PwkitError as exc:
        from pwkit import console

        console.print_error(exc)
        _fail_json(json_output, exc.exit_code, exc.message, exc.hint, exc.path, exc.line)
        raise typer.Exit(int(exc.exit_code)) from None
    except OSError as exc:
        from pwkit import console
        from pwkit.errors import os_failure

        failure = os_failure(exc)
        console.print_error(failure)
        _fail_json(json_output, ExitCode.USAGE, failure.message, failure.hint)
        raise typer.Exit(int(ExitCode.USAGE)) from None
    except KeyboardInterrupt:
        from pwkit import console

        console.print_interrupted()
        _fail_json(json_output, ExitCode.INTERRUPTED, console.INTERRUPTED)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except Exception as exc:
        from pwkit import console

        log = _write_crash_log(exc)
        console.print_crash(log)
        details = console.crash_details(log)
        hint = details[0].upper() + details[1:]
        _fail_json(json_output, ExitCode.INTERNAL, console.CRASH, hint, log=log)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _fail_json(
    payload: dict[str, Any] | None,
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
    from pwkit import console

    error = console.error_json(message, hint, path, line, **more)
    console.print_json(console.envelope(code, error, _notices, **payload))


#: The data keys of each command's JSON output, empty: what a failure still carries.
_JSON_PAYLOADS: dict[str, dict[str, Any]] = {
    "check": {"diagnostics": [], "summary": None},
    "status": {},
}


def _json_payload(formato: Formato, command: str) -> dict[str, Any] | None:
    return dict(_JSON_PAYLOADS[command]) if formato is Formato.JSON else None


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
    return dict(_JSON_PAYLOADS.get(command, {}))


def _exit(code: ExitCode) -> NoReturn:
    raise typer.Exit(int(code))


def _project_root(folder: Path) -> Path:
    """The project ``folder`` is in, first put back as it was if an upgrade was cut off there."""
    from pwkit.projectdir import find_project_root
    from pwkit.upgrade.journal import recover_interrupted

    root = find_project_root(folder)
    restored = recover_interrupted(root)
    if restored:
        from pwkit import console

        console.warn(restored)
        _notices.append(restored[:1].upper() + restored[1:])
    return root


DirArg = Annotated[
    Path,
    typer.Argument(
        help="Cartella del Project Work (anche una sua sottocartella); predefinita: la "
        "cartella corrente.",
        show_default=False,
    ),
]


def _interactive() -> bool:
    """Questions are asked only when a person is at the terminal."""
    return sys.stdin.isatty()


def _ask(question: str) -> str | None:
    """One question on the terminal; Invio lascia il campo da compilare più tardi."""
    answer: str = typer.prompt(f"{question} (Invio per saltare)", default="", show_default=False)
    return answer.strip() or None


def _choose_province(name: str) -> tuple[str, bool]:
    """On a terminal, settle a Provincia name right away: the name to use, and if out of list.

    A name not in the ISTAT list shows the units it may mean (kind, region, Comuni); the user
    picks one by number, types another name, or presses Enter to keep the name as a Provincia
    not in the list. Enter never picks a unit: a wrong one would fill in another territory.
    """
    from pwkit.ente import unit_summary
    from pwkit.istat import find_province, province_candidates
    from pwkit.scaffold import not_in_list_sentence

    while find_province(name) is None:
        candidates = province_candidates(name)
        typer.echo(not_in_list_sentence(name))
        for number, unit in enumerate(candidates, 1):
            typer.echo(f"  {number}. {unit_summary(unit)}")
        pick = {0: "", 1: "1 per sceglierla, "}.get(len(candidates), "il numero di una di queste, ")
        reply = typer.prompt(
            f"Scrivi {pick}un altro nome per cercare di nuovo, oppure premi Invio per usare "
            f"«{name}» come Provincia fuori elenco (dati/comuni.csv da compilare a mano)",
            default="",
            show_default=False,
        ).strip()
        if not reply:
            return name, True
        if reply.isdigit():
            if 1 <= int(reply) <= len(candidates):
                return candidates[int(reply) - 1].nome, False
            numbers = {0: "", 1: "1 o "}.get(
                len(candidates), f"un numero da 1 a {len(candidates)} o "
            )
            typer.echo(f"Nessuna Provincia ha il numero {reply}: scrivi {numbers}un nome.")
            continue
        name = reply
    return name, False


@app.command("init", cls=clitext.ItalianCommand)
def init_command(
    cartella: Annotated[
        Path, typer.Argument(help="Cartella da creare per il nuovo Project Work.")
    ] = Path(),
    provincia: Annotated[
        str | None,
        typer.Option(
            help="Nome o sigla della Provincia o Città metropolitana nell'elenco ISTAT (es. "
            "«Monza e della Brianza», «MB», «Reggio Emilia»)."
        ),
    ] = None,
    titolo: Annotated[str | None, typer.Option(help="Titolo del Project Work.")] = None,
    referente: Annotated[str | None, typer.Option(help="Nome e cognome del referente.")] = None,
    email: Annotated[str | None, typer.Option(help="E-mail del referente.")] = None,
    modello: Annotated[
        Path | None,
        typer.Option(help="Cartella di un altro modello (predefinito: quello incluso)."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Non fare domande (per gli script).")
    ] = False,
    fuori_elenco: Annotated[
        bool,
        typer.Option(
            "--fuori-elenco",
            help="La Provincia di --provincia non è nell'elenco ISTAT (un esempio, "
            "un'esercitazione): il progetto si crea con dati/comuni.csv da compilare a mano. "
            "Senza questa opzione un nome che non è nell'elenco è un errore.",
        ),
    ] = False,
) -> None:
    """Crea un nuovo Project Work dal modello, con la guida in ogni sezione."""

    def action() -> None:
        from pwkit import console
        from pwkit.scaffold import InitAnswers, init_project

        answers = InitAnswers(provincia, titolo, referente, email)
        outside = fuori_elenco
        if not no_input and _interactive():
            name = provincia or _ask("Provincia (nome o sigla, es. MB)")
            if name and not outside:
                name, outside = _choose_province(name)
            answers = InitAnswers(
                name,
                titolo or _ask("Titolo del Project Work"),
                referente or _ask("Referente (nome e cognome)"),
                email or _ask("E-mail del referente"),
            )
        result = init_project(cartella, answers, template=modello, fuori_elenco=outside)
        console.print_init(result)

    _run(action)


@app.command("check", cls=clitext.ItalianCommand)
def check_command(
    cartella: DirArg = Path(),
    formato: Annotated[
        Formato, typer.Option("--format", "-f", help="Formato del risultato: text o json.")
    ] = Formato.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Considera anche gli avvisi come errori.")
    ] = False,
    ignore: Annotated[
        str | None,
        typer.Option(
            help="Regole da ignorare: codici o nomi brevi separati da virgole (es. PW104,orphan)."
        ),
    ] = None,
    sezione: Annotated[
        int | None,
        typer.Option(
            help="Mostra solo le segnalazioni della sezione con questo numero (le stesse del "
            "controllo completo, anche quelle che la legano alle altre sezioni)."
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Controlla tutto da capo, senza riusare il risultato dell'ultimo controllo "
            "del progetto invariato.",
        ),
    ] = False,
) -> None:
    """Controlla il Project Work: dati, testi, riferimenti; elenca gli errori e come correggerli."""

    def action() -> ExitCode:
        from pwkit import console

        root = _project_root(cartella)
        skip = _ignored_codes(ignore)
        report = _checked_report(root, sezione, use_cache=not no_cache).without(skip)
        failing = report.errors or (strict and report.warnings)
        code = ExitCode.DOCUMENT_ERRORS if failing else ExitCode.OK
        if formato is Formato.JSON:
            console.print_report_json(report, code, _notices)
        else:
            console.print_report(report, strict=strict)
        return code

    _exit(_run(action, json_output=_json_payload(formato, "check")))


def _checked_report(root: Path, section: int | None, *, use_cache: bool) -> CheckReport:
    """The report of a check of ``root``, reused if nothing changed since the last one."""
    from pwkit import cache

    key = cache.check_key(root, section) if use_cache else None
    report = cache.load_report(root, key) if key else None
    if report is None:
        from pwkit.checker import check_project

        report = check_project(root, section_number=section).report
        if key:
            cache.store_report(root, key, report)
    return report


def _ignored_codes(ignore: str | None) -> set[str]:
    """Codes for ``--ignore``; an unknown code or slug is a usage error (not silently kept)."""
    from pwkit.pack.catalogue import resolve_codes

    if not ignore:
        return set()
    codes, unknown = resolve_codes(ignore.split(","))
    if unknown:
        raise PwkitError(
            f"Regola sconosciuta in --ignore: {', '.join(unknown)}.",
            hint="I codici delle regole sono elencati da `pwkit rules`.",
        )
    return codes


@app.command("status", cls=clitext.ItalianCommand)
def status_command(
    cartella: DirArg = Path(),
    formato: Annotated[
        Formato, typer.Option("--format", "-f", help="Formato del risultato: text o json.")
    ] = Formato.TEXT,
    oggi: Annotated[
        str | None,
        typer.Option(
            help="Data di riferimento AAAA-MM-GG per i giorni alla scadenza (predefinita: oggi)."
        ),
    ] = None,
) -> None:
    """Mostra a che punto è il Project Work: sezione per sezione e in totale."""

    def action() -> ExitCode:
        from pwkit import console
        from pwkit.checker import check_project
        from pwkit.status import project_status

        today = _parse_day(oggi)
        root = _project_root(cartella)
        status = project_status(check_project(root), today)
        if formato is Formato.JSON:
            console.print_json(console.envelope(ExitCode.OK, None, _notices, **status.to_json()))
        else:
            console.print_status(status)
        return ExitCode.OK

    _exit(_run(action, json_output=_json_payload(formato, "status")))


def _parse_day(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PwkitError(
            f"--oggi vuole una data AAAA-MM-GG, non «{value}».",
            hint="Ad esempio --oggi 2026-04-01.",
        ) from None


@app.command("rules", cls=clitext.ItalianCommand)
def rules_command(
    codice: Annotated[
        str | None,
        typer.Argument(help="Codice o nome breve di una regola (es. PW301 o activity-dates)."),
    ] = None,
) -> None:
    """Elenca le regole del controllo; con un codice, la spiega con un esempio."""

    def action() -> None:
        from pwkit import console
        from pwkit.pack.catalogue import resolve_codes, rules

        catalogue = rules()
        if codice is None:
            console.print_rules(list(catalogue.values()))
            return
        codes, _ = resolve_codes([codice])
        if not codes:
            raise PwkitError(
                f"La regola «{codice}» non esiste.",
                hint="`pwkit rules` elenca tutti i codici (PW001…).",
            )
        console.print_rule(catalogue[codes.pop()])

    _run(action)


@app.command("schema", cls=clitext.ItalianCommand)
def schema_command(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Cartella in cui scrivere gli schemi JSON.")
    ] = Path("schemi"),
    force: Annotated[
        bool, typer.Option("--force", help="Sostituisci gli schemi già presenti.")
    ] = False,
) -> None:
    """Scrive gli schemi JSON dei dati, per la verifica mentre si scrive (es. VS Code)."""

    def action() -> None:
        from pwkit import console
        from pwkit.fsutil import refuse_overwrite
        from pwkit.jsonschemas import schemas, write_schemas
        from pwkit.manifest import load_manifest
        from pwkit.templates import bundled_pack

        manifest = load_manifest(bundled_pack())
        for name in schemas(manifest):
            refuse_overwrite(out / name, force=force, new_folder=True)
        written = write_schemas(manifest, out, force=force)
        console.info(f"{len(written)} schemi JSON scritti in {out}.")

    _run(action)


@app.command("export", cls=clitext.ItalianCommand)
def export_command(
    cartella: DirArg = Path(),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File .docx da scrivere, in una cartella che esiste già (predefinito: "
            "export/PW-<sigla>-v<versione>.docx nel progetto; con --bozza "
            "export/PW-<sigla>-v<versione>-bozza.docx, così una bozza non prende il posto "
            "del documento da consegnare).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Sostituisci i file se esistono già.")
    ] = False,
    bozza: Annotated[
        bool,
        typer.Option(
            "--bozza",
            help="Esporta anche con errori: «BOZZA» nell'intestazione, in fondo l'elenco dei "
            "punti aperti e «-bozza» nel nome del file.",
        ),
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Scrivi anche il PDF (serve LibreOffice).")
    ] = False,
) -> None:
    """Esporta il documento Word (.docx) da consegnare."""

    def action() -> ExitCode:
        from pwkit import console
        from pwkit.checker import check_project
        from pwkit.fsutil import refuse_overwrite
        from pwkit.render.naming import document_name

        root = _project_root(cartella)
        result = check_project(root)
        if result.report.errors and not bozza:
            console.print_export_refused(result.report)
            return ExitCode.DOCUMENT_ERRORS
        target = output or root / "export" / document_name(result.project, draft=bozza)
        if target.suffix.lower() != ".docx" and not target.is_dir():
            raise PwkitError(
                f"Il file da scrivere, {target}, non ha l'estensione .docx.",
                hint=f"Indica con -o un nome che finisce in .docx, ad esempio "
                f"{target.with_suffix('.docx').name}.",
            )
        # export/ in the project is made if missing, also when -o names it; no other folder.
        own_folder = target.parent.resolve() == (root / "export").resolve()
        refuse_overwrite(target, force=force, new_folder=own_folder)
        pdf_target = target.with_suffix(".pdf")
        if pdf:
            from pwkit.render.pdf import require_soffice

            require_soffice()
            refuse_overwrite(pdf_target, force=force, new_folder=own_folder)
        from pwkit.render.docx import export_docx

        draft = result.report if bozza else None
        warnings = export_docx(result.project, target, draft=draft, force=force)
        console.info(f"Documento scritto: {target}")
        for warning in warnings:
            console.warn(warning)
        if pdf:
            from pwkit.render.pdf import convert_to_pdf

            if not convert_to_pdf(target, pdf_target, force=force):
                console.warn(
                    "nel PDF l'indice non ha i numeri di pagina (LibreOffice non ha potuto "
                    "aggiornarlo): se servono, aggiorna l'indice in Word (F9) e salva in PDF."
                )
            console.info(f"PDF scritto: {pdf_target}")
        if bozza and result.report.errors:
            count = len(result.report.errors)
            open_errors = (
                "1 errore aperto, elencato" if count == 1 else f"{count} errori aperti, elencati"
            )
            console.warn(
                f"Bozza con {open_errors} in fondo al documento: non è la versione da consegnare."
            )
        return ExitCode.OK

    _exit(_run(action))


@app.command("report", cls=clitext.ItalianCommand)
def report_command(
    cartelle: Annotated[
        list[Path],
        typer.Argument(
            help="Cartelle dei Project Work, o cartelle che contengono le cartelle dei progetti.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File da scrivere: .docx (documento per la restituzione), .csv (una riga per "
            "Provincia, per Excel) o .json. Senza -o il confronto è mostrato qui.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Sostituisci il file se esiste già.")
    ] = False,
) -> None:
    """Confronta i Project Work di più Province: servizi, Comuni, costi, calendario e rete."""

    def action() -> ExitCode:
        from pwkit import console
        from pwkit.report.api import FORMATS, compare_projects, unknown_format, write_report

        if output is not None:
            from pwkit.fsutil import refuse_overwrite

            if output.suffix.lower() not in FORMATS:
                raise unknown_format(output)
            refuse_overwrite(output, force=force)
        with console.report_progress() as progress:
            comparison = compare_projects(cartelle, progress=progress, notify=console.warn)
        if output is None:
            console.print_comparison(comparison)
            return ExitCode.OK
        write_report(comparison, output, force=force)
        broken = len(comparison.with_errors) + len(comparison.unreadable)
        read = len(comparison.projects)
        console.info(
            f"Resoconto scritto: {output} ({read} {'progetto' if read == 1 else 'progetti'}"
            + (f", {broken} con errori o non leggibili" if broken else "")
            + ")."
        )
        return ExitCode.OK

    _exit(_run(action))


@app.command("upgrade", cls=clitext.ItalianCommand)
def upgrade_command(
    cartella: DirArg = Path(),
    modello: Annotated[
        str | None,
        typer.Option(
            "--modello",
            help="Versione del modello a cui portare il progetto: ID@VERSIONE o la cartella di "
            "un modello (predefinita: quella inclusa in pwkit).",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Mostra che cosa cambierebbe, senza toccare nessun file."),
    ] = False,
) -> None:
    """Porta il progetto a una versione più recente del modello, senza perdere il testo scritto."""

    def action() -> ExitCode:
        from pwkit import console
        from pwkit.upgrade.plan import plan_upgrade

        root = _project_root(cartella)
        plan = plan_upgrade(root, modello)
        if dry_run or plan.up_to_date:
            console.print_upgrade(plan, dry_run=True)
            return ExitCode.OK
        from pwkit.upgrade.apply import apply_upgrade

        backup = apply_upgrade(plan)
        console.print_upgrade(plan, dry_run=False, backup=str(backup.relative_to(root)))
        return ExitCode.DOCUMENT_ERRORS if plan.conflicts or plan.set_aside else ExitCode.OK

    _exit(_run(action))


def main() -> None:
    """Console-script entry point: usage errors are told in Italian, with exit code 2."""
    from typer._click import exceptions as click_errors

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
        _fail_json(_asked_for_json(sys.argv[1:]), ExitCode.USAGE, message, hint)
        sys.exit(int(ExitCode.USAGE))
    except typer.Abort:
        from pwkit import console

        console.print_interrupted()
        _fail_json(_asked_for_json(sys.argv[1:]), ExitCode.INTERRUPTED, console.INTERRUPTED)
        sys.exit(int(ExitCode.INTERRUPTED))
    sys.exit(code if isinstance(code, int) else 0)
