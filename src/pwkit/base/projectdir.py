"""A project folder's fixed names, and finding the folder (before any schema is loaded)."""

from __future__ import annotations

import os
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
#: What ``pwkit upgrade`` is about to change, on disk until it has finished (its journal).
UPGRADE_JOURNAL = f"{STATE_DIR}/aggiornamento-in-corso.json"
#: The journal while it is being written.
UPGRADE_JOURNAL_DRAFT = f"{UPGRADE_JOURNAL}.tmp"


def upgrade_left_behind(root: Path) -> bool:
    """Whether an upgrade left its journal, or the start of one, in ``root`` (two ``lstat``)."""
    return os.path.lexists(root / UPGRADE_JOURNAL) or os.path.lexists(root / UPGRADE_JOURNAL_DRAFT)


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
