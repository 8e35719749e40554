"""``compare_projects`` and ``write_report``: what ``pwkit report`` does, as a library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.report.collect import Target, find_targets, read_projects
from pwkit.report.compare import Comparison
from pwkit.report.figures import Unreadable

#: What ``-o`` may end with, and what each writes.
FORMATS = {
    ".docx": "documento Word per l'incontro di restituzione",
    ".csv": "tabella con una riga per progetto (Excel)",
    ".json": "dati per programmi e cruscotti",
}


def compare_projects(
    paths: Sequence[Path],
    *,
    progress: Callable[[int, Target | None], None] | None = None,
    today: dt.date | None = None,
    notify: Callable[[str], None] | None = None,
) -> Comparison:
    """Read and check every project work found in ``paths`` and compare them.

    ``progress`` is told the number of projects first (with ``None``), then each project read.
    Broken projects are included with their errors, unreadable folders with the reason; only
    a call that finds nothing at all to read is an error. A project where an upgrade was cut
    off is first put back as it was, and ``notify`` told so.
    """
    targets, unreadable = find_targets(paths)
    targets = _put_back(targets, unreadable, notify)
    if not targets:
        reasons = "; ".join(f"{u.folder}: {u.reason}" for u in unreadable)
        raise PwkitError(
            f"Nessun Project Work da confrontare ({reasons}).",
            hint="Indica le cartelle dei progetti (con progetto.yaml) o una cartella che le "
            "contiene.",
        )
    if progress is not None:
        progress(len(targets), None)
    results = list(
        read_projects(targets, (lambda t: progress(len(targets), t)) if progress else None)
    )
    return Comparison.of([*results, *unreadable], today)


def _put_back(
    targets: list[Target], unreadable: list[Unreadable], notify: Callable[[str], None] | None
) -> list[Target]:
    """The targets, each first put back as it was if an upgrade was cut off there."""
    from pwkit.base.errors import os_failure
    from pwkit.upgrade.journal import recover_interrupted

    kept: list[Target] = []
    for target in targets:
        try:
            restored = recover_interrupted(target.path.resolve())
        except PwkitError as exc:
            unreadable.append(Unreadable(target.label, f"{exc.message} {exc.hint or ''}".strip()))
            continue
        except OSError as exc:
            unreadable.append(Unreadable(target.label, os_failure(exc).message))
            continue
        if restored and notify is not None:
            notify(f"{target.label}: {restored}")
        kept.append(target)
    return kept


def write_report(comparison: Comparison, output: Path, *, force: bool = False) -> None:
    """Write the report in the format of ``output``'s extension, whole.

    An existing ``output`` is replaced only with ``force``.
    """
    from pwkit.base.fsutil import write_output

    suffix = output.suffix.lower()
    if suffix == ".docx":
        from pwkit.render.docx.report import export_report

        export_report(comparison, output, force=force)
        return
    from pwkit.report import tabular

    if suffix == ".csv":
        text = "\ufeff" + tabular.to_csv(comparison)
    elif suffix == ".json":
        text = tabular.json_text(comparison)
    else:
        raise unknown_format(output)

    def write(tmp: Path) -> None:
        tmp.write_bytes(text.encode("utf-8"))

    write_output(output, write, force=force)


def unknown_format(output: Path) -> PwkitError:
    """The error for an output whose extension pwkit does not write."""
    kinds = "; ".join(f"{ext} ({what})" for ext, what in FORMATS.items())
    return PwkitError(
        f"Non so scrivere un resoconto in formato «{output.suffix or output.name}».",
        hint=f"Indica con -o un file che finisce in {kinds}.",
    )
