"""A project folder's fixed names, and finding the folder (before any schema is loaded)."""

from __future__ import annotations

from pathlib import Path

from pwkit.base.errors import ProjectNotFoundError

PROJECT_FILE = "progetto.yaml"
STATE_DIR = ".pwkit"
#: Where a project keeps the template pack it was made or upgraded with, if not bundled.
CARRIED_PACK = f"{STATE_DIR}/modello"
#: Where ``export`` writes a project's documents unless told otherwise.
EXPORT_DIR = "export"
#: Where a project keeps its Comuni unless its manifest or its territory section says otherwise.
COMUNI_FILE = "dati/comuni.csv"


def find_project_root(start: Path) -> Path:
    """The nearest folder, from ``start`` upwards, that holds ``progetto.yaml`` (as git does)."""
    start = start.resolve()
    if not start.exists():
        raise ProjectNotFoundError(
            f"La cartella {start} non esiste.",
            path=start,
            hint="Indica la cartella del Project Work, o creane una con `pwkit init`.",
        )
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    raise ProjectNotFoundError(
        f"Nessun Project Work in {start}: non trovo {PROJECT_FILE} qui né nelle cartelle "
        "superiori.",
        path=start,
        hint="Spostati nella cartella del progetto, indicala come argomento, o creane una con "
        "`pwkit init`.",
    )
