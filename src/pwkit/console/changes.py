"""What a command wrote into a project or beside it: init, export, upgrade, schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.console import _stream, escape, info, warn

if TYPE_CHECKING:
    from pathlib import Path

    from pwkit.api import DocumentWritten, ExportResult, PdfWritten, UpgradeResult
    from pwkit.init.scaffold import InitResult


def print_init(result: InitResult) -> None:
    """What init created and the next steps."""
    from pwkit.load.ente import denomination
    from pwkit.load.istat import ISTAT_CREDIT

    out = _stream("_out")
    root = result.root
    out.print(f"[bold green]✓[/] Creato il Project Work in [bold]{escape(str(root))}[/]")
    out.print(f"  Modello: {escape(result.manifest.title)} ({escape(result.manifest.pin)})")
    unit = result.provincia
    if unit is not None:
        out.print(
            f"  {escape(denomination(unit.nome, unit))} ({unit.sigla}): "
            f"{len(unit.comuni)} Comuni in dati/comuni.csv ({escape(ISTAT_CREDIT)})"
        )
    else:
        who = (
            f"Provincia fuori elenco «{escape(result.fuori_elenco)}»"
            if result.fuori_elenco
            else "Provincia non indicata"
        )
        out.print(f"  {who}: 0 Comuni in dati/comuni.csv, che ha solo l'intestazione.")
    out.print(f"  {len(result.files)} file creati.")
    out.print()
    out.print("[bold]Prossimi passi[/]")
    first = result.manifest.sections[0].file if result.manifest.sections else "sezioni/"
    out.print(f"  1. Apri {escape(str(root / 'progetto.yaml'))} e completa il frontespizio.")
    out.print(
        f"  2. Compila le sezioni, a partire da {escape(str(root / first))}: ogni sezione "
        "contiene la guida (nei commenti <!-- guida: ... -->)."
    )
    if unit is not None:
        out.print("  3. Completa popolazione e dipendenti in dati/comuni.csv (anche con Excel).")
    else:
        out.print(
            "  3. Scrivi in dati/comuni.csv una riga per ogni Comune del territorio: codice "
            "ISTAT di 6 cifre (es. 001272), nome, popolazione, dipendenti, ufficio_personale "
            "(si/no); con Excel, salva in formato CSV UTF-8. Per una Provincia dell'elenco "
            "ISTAT, ricrea invece il progetto con --provincia e il suo nome o la sigla: pwkit "
            "compila l'elenco dei Comuni."
        )
    out.print(
        f"  4. Controlla con `pwkit check {escape(str(root))}`, poi esporta con "
        f"`pwkit export {escape(str(root))}`."
    )


def print_export_step(step: DocumentWritten | PdfWritten) -> None:
    """A file of the export, as soon as it is written, with what to know about it."""
    from pwkit.api import DocumentWritten

    if isinstance(step, DocumentWritten):
        info(f"Documento scritto: {step.path}")
        for warning in step.warnings:
            warn(warning)
        return
    if not step.toc_numbered:
        warn(
            "nel PDF l'indice non ha i numeri di pagina (LibreOffice non ha potuto "
            "aggiornarlo): se servono, aggiorna l'indice in Word (F9) e salva in PDF."
        )
    info(f"PDF scritto: {step.path}")


def print_export_done(result: ExportResult) -> None:
    """The end of an export: a draft with errors is not the version to hand in."""
    count = result.open_errors
    if count:
        open_errors = (
            "1 errore aperto, elencato" if count == 1 else f"{count} errori aperti, elencati"
        )
        warn(f"Bozza con {open_errors} in fondo al documento: non è la versione da consegnare.")


def print_schemas_written(written: list[Path], folder: Path) -> None:
    """How many JSON Schemas were written, and where."""
    info(f"{len(written)} schemi JSON scritti in {folder}.")


_CHANGE_STYLE = {
    "nuovo": "green",
    "unito": "cyan",
    "rinominato": "cyan",
    "conflitti": "bold red",
    "spostato": "yellow",
}


def print_upgrade(result: UpgradeResult) -> None:
    """What an upgrade did (or, not applied, would do), file by file."""
    err = _stream("_err")
    out = _stream("_out")
    plan, dry_run, backup = result.plan, not result.applied, result.backup
    if plan.up_to_date:
        newer = plan.old_version != plan.manifest.version
        out.print(
            f"[bold green]✓[/] Il progetto è già aggiornato: usa il modello "
            f"{escape(plan.manifest.id)} alla versione {escape(plan.old_version)}"
            + (f", più recente della {escape(plan.manifest.version)}" if newer else "")
            + ". Nessun file è cambiato."
        )
        return
    target = f"{plan.manifest.id} {plan.old_version} → {plan.manifest.version}"
    if dry_run:
        out.print(f"[bold]Piano di aggiornamento[/] ({escape(target)}): nessun file è cambiato.")
    else:
        out.print(f"[bold green]✓[/] Progetto aggiornato ({escape(target)}).")
    if not plan.changes:
        out.print("  Nessun file del progetto cambia: si aggiorna solo la versione del modello.")
    for change in plan.changes:
        style = _CHANGE_STYLE.get(change.kind, "")
        detail = f" – {escape(change.detail)}" if change.detail else ""
        out.print(f"  [{style}]{change.kind:<10}[/] {escape(change.rel)}{detail}")
    for note in plan.notes:
        out.print(f"  [yellow]![/] {escape(note)}")
    if backup:
        out.print(f"  Copia dei file com'erano prima: {escape(backup)}")
    if plan.conflicts:
        err.print(
            f"[bold red]{plan.conflicts} {'conflitto' if plan.conflicts == 1 else 'conflitti'} "
            "da risolvere[/]: cerca le righe «<<<<<<< "
            "progetto» nei file segnati, scegli il testo giusto e togli i separatori; "
            "`pwkit check` li elenca (PW012)."
        )
    if plan.set_aside:
        count = len(plan.set_aside)
        err.print(
            f"[bold red]{count} {'conflitto' if count == 1 else 'conflitti'} da risolvere[/]: "
            "dove il nuovo modello mette una sezione c'era già un tuo file. Il tuo file resta "
            "com'è e accanto c'è il testo che l'aggiornamento vi avrebbe scritto (vedi sopra): "
            "unisci i due testi nel tuo file e cancella l'altro, che `pwkit check` segnala "
            "(PW008) finché resta."
        )
    if not (plan.conflicts or plan.set_aside or dry_run):
        out.print("  Prossimo passo: `pwkit check` elenca i campi nuovi da compilare.")
