"""The ``pwkit`` command line: options → one library call → console → exit code.

Every command parses its options, calls one function of :mod:`pwkit.api`, shows the result
through :mod:`pwkit.console` and turns the outcome into an exit code; failures go through the
one funnel (:mod:`pwkit.funnel`). The console (rich) and everything heavy are loaded inside
the commands, so that ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

from pathlib import Path

import typer

from pwkit import api, clitext, funnel, plainline
from pwkit.clitext import Formato

clitext.install()

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


@app.callback()
def _main(version: clitext.Version = False) -> None:
    """Project Work «Province & Comuni»: crea, controlla ed esporta il documento."""


def _json(formato: Formato, command: str) -> str | None:
    """The command whose JSON output a failure takes, when ``--format json`` asked for it."""
    return command if formato is Formato.JSON else None


def _interactive() -> bool:
    """Questions are asked only when a person is at the terminal."""
    return typer.get_text_stream("stdin").isatty()


def _ask(question: str) -> str | None:
    """One question on the terminal; Invio lascia il campo da compilare più tardi."""
    answer: str = typer.prompt(f"{question} (Invio per saltare)", default="", show_default=False)
    return answer.strip() or None


def _choose_province(name: str) -> tuple[str, bool]:
    """On a terminal, settle a Provincia name right away: the name to use, and if out of list.

    A name not in the ISTAT list shows the units it may mean; the user picks one by number,
    types another name, or presses Enter to keep the name as a Provincia not in the list.
    """
    while (question := api.province_question(name)) is not None:
        for line in question.lines:
            typer.echo(line)
        reply = question.answer(typer.prompt(question.prompt, default="", show_default=False))
        if reply.settled:
            return reply.name, reply.outside
        if reply.retry:
            typer.echo(reply.retry)
        name = reply.name
    return name, False


@app.command("init", cls=clitext.ItalianCommand)
def init_command(
    cartella: clitext.NewFolder = Path(),
    provincia: clitext.Provincia = None,
    titolo: clitext.Titolo = None,
    referente: clitext.Referente = None,
    email: clitext.Email = None,
    modello: clitext.PackFolder = None,
    no_input: clitext.NoInput = False,
    fuori_elenco: clitext.FuoriElenco = False,
) -> None:
    """Crea un nuovo Project Work dal modello, con la guida in ogni sezione."""

    def action(_: funnel.Run) -> None:
        from pwkit.console import changes

        answers = api.InitAnswers(provincia, titolo, referente, email)
        outside = fuori_elenco
        if not no_input and _interactive():
            name = provincia or _ask("Provincia (nome o sigla, es. MB)")
            if name and not outside:
                name, outside = _choose_province(name)
            answers = api.InitAnswers(
                name,
                titolo or _ask("Titolo del Project Work"),
                referente or _ask("Referente (nome e cognome)"),
                email or _ask("E-mail del referente"),
            )
        result = api.init_project(cartella, answers, template=modello, fuori_elenco=outside)
        changes.print_init(result)

    funnel.run(action)


@app.command("check", cls=clitext.ItalianCommand)
def check_command(
    cartella: clitext.Folder = Path(),
    formato: clitext.Format = Formato.TEXT,
    strict: clitext.Strict = False,
    ignore: clitext.Ignore = None,
    sezione: clitext.Sezione = None,
    no_cache: clitext.NoCache = False,
) -> None:
    """Controlla il Project Work: dati, testi, riferimenti; elenca gli errori e come correggerli."""
    options = plainline.CheckOptions(
        cartella, formato is Formato.JSON, strict, ignore, sezione, no_cache
    )
    raise typer.Exit(plainline.check(options))


@app.command("status", cls=clitext.ItalianCommand)
def status_command(
    cartella: clitext.Folder = Path(),
    formato: clitext.Format = Formato.TEXT,
    oggi: clitext.Oggi = None,
) -> None:
    """Mostra a che punto è il Project Work: sezione per sezione e in totale."""

    def action(run: funnel.Run) -> None:
        status = api.project_status(cartella, today=oggi, notify=run.notify)
        if formato is Formato.JSON:
            from pwkit.console import machine

            machine.print_status_json(status, api.ExitCode.OK, run.notices)
        else:
            from pwkit.console import tables

            tables.print_status(status)

    funnel.run(action, json_command=_json(formato, "status"))


@app.command("rules", cls=clitext.ItalianCommand)
def rules_command(codice: clitext.RuleCode = None) -> None:
    """Elenca le regole del controllo; con un codice, la spiega con un esempio."""

    def action(_: funnel.Run) -> None:
        from pwkit.console import findings

        if codice is None:
            findings.print_rules(api.list_rules())
        else:
            findings.print_rule(api.explain_rule(codice))

    funnel.run(action)


@app.command("schema", cls=clitext.ItalianCommand)
def schema_command(
    out: clitext.SchemaFolder = Path("schemi"), force: clitext.ForceSchemas = False
) -> None:
    """Scrive gli schemi JSON dei dati, per la verifica mentre si scrive (es. VS Code)."""

    def action(_: funnel.Run) -> None:
        from pwkit.console import changes

        changes.print_schemas_written(api.write_schemas(out, force=force), out)

    funnel.run(action)


@app.command("export", cls=clitext.ItalianCommand)
def export_command(
    cartella: clitext.Folder = Path(),
    output: clitext.DocumentFile = None,
    force: clitext.ForceFiles = False,
    bozza: clitext.Bozza = False,
    pdf: clitext.Pdf = False,
) -> None:
    """Esporta il documento Word (.docx) da consegnare."""
    options = plainline.ExportOptions(cartella, output, force, bozza, pdf)
    raise typer.Exit(plainline.export(options))


@app.command("report", cls=clitext.ItalianCommand)
def report_command(
    cartelle: clitext.ProjectFolders,
    output: clitext.ReportFile = None,
    force: clitext.ForceFile = False,
) -> None:
    """Confronta i Project Work di più Province: servizi, Comuni, costi, calendario e rete."""

    def action(_: funnel.Run) -> None:
        from pwkit import console
        from pwkit.console import tables

        if output is not None:
            api.vet_report_output(output, force=force)
        with console.report_progress() as progress:
            comparison = api.compare_projects(cartelle, progress=progress, notify=console.warn)
        if output is None:
            tables.print_comparison(comparison)
        else:
            api.write_report(comparison, output, force=force)
            tables.print_report_written(output, comparison)

    funnel.run(action)


@app.command("upgrade", cls=clitext.ItalianCommand)
def upgrade_command(
    cartella: clitext.Folder = Path(),
    modello: clitext.TargetTemplate = None,
    dry_run: clitext.DryRun = False,
) -> None:
    """Porta il progetto a una versione più recente del modello, senza perdere il testo scritto."""

    def action(run: funnel.Run) -> api.ExitCode:
        from pwkit.console import changes

        result = api.upgrade_project(cartella, template=modello, dry_run=dry_run, notify=run.notify)
        changes.print_upgrade(result)
        return api.ExitCode.DOCUMENT_ERRORS if result.unresolved else api.ExitCode.OK

    raise typer.Exit(funnel.run(action))


@app.command("apri", cls=clitext.ItalianCommand)
def apri_command(
    cartella: clitext.Folder = Path(),
    porta: clitext.Porta = None,
    no_browser: clitext.NoBrowser = False,
    indirizzo: clitext.Indirizzo = "127.0.0.1",
    remoto: clitext.Remoto = False,
) -> None:
    """Apre il Project Work nel browser: moduli delle sezioni, controllo, export."""

    def action(_: funnel.Run) -> None:
        from pwkit.console import serving
        from pwkit.web.serve import serve

        serve(
            cartella,
            port=porta,
            host=indirizzo,
            remote=remoto,
            open_browser=not no_browser,
            announce=serving.print_serving,
            crash_log=funnel.write_crash_log,
        )
        serving.print_stopped()

    funnel.run(action)


def main() -> None:
    """Console-script entry point: usage errors are told in Italian, with exit code 2."""
    funnel.main(app)
