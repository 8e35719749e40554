"""The comparison of many project works, and the report file it is written to (by extension)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.api.projects import Notify
from pwkit.base.errors import PwkitError

if TYPE_CHECKING:
    from pwkit.report.collect import Target
    from pwkit.report.compare import Comparison

#: What ``-o`` may end with, and what each writes.
FORMATS = {
    ".docx": "documento Word per l'incontro di restituzione",
    ".csv": "tabella con una riga per progetto (Excel)",
    ".json": "dati per programmi e cruscotti",
}


def vet_report_output(output: Path, *, force: bool = False) -> None:
    """Refuse at once a report :func:`write_report` could not write (format, existing file).

    Called before :func:`compare_projects`, so that nothing is read for a report that cannot
    be written.
    """
    from pwkit.base.fsutil import refuse_overwrite

    if output.suffix.lower() not in FORMATS:
        raise unknown_format(output)
    refuse_overwrite(output, force=force)


def compare_projects(
    paths: Sequence[Path],
    *,
    progress: Callable[[int, Target | None], None] | None = None,
    notify: Notify | None = None,
) -> Comparison:
    """Read, check and compare every project work found in ``paths``.

    ``progress`` is told the number of projects (with ``None``), then each one read. Broken
    projects are compared with their errors, unreadable folders with the reason.
    """
    from pwkit.report.collect import compare_projects as compare

    return compare(paths, progress=progress, notify=notify)


def write_report(comparison: Comparison, output: Path, *, force: bool = False) -> Path:
    """The comparison as a .docx, .csv or .json file (by ``output``'s extension), whole.

    An existing ``output`` is replaced only with ``force``.
    """
    from pwkit.report import tabular

    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise unknown_format(output)
    if suffix == ".csv":
        tabular.write_csv(comparison, output, force=force)
        return output
    from pwkit.pack.manifest import bundled_manifest
    from pwkit.pack.registry import bundled_pack

    manifest = bundled_manifest(bundled_pack())  # the template the report refers to
    if suffix == ".json":
        tabular.write_json(comparison, manifest, output, force=force)
    else:
        from pwkit.render.docx.report import export_report

        export_report(comparison, manifest, output, force=force)
    return output


def unknown_format(output: Path) -> PwkitError:
    """The error for an output whose extension pwkit does not write."""
    kinds = "; ".join(f"{ext} ({what})" for ext, what in FORMATS.items())
    return PwkitError(
        f"Non so scrivere un resoconto in formato «{output.suffix or output.name}».",
        hint=f"Indica con -o un file che finisce in {kinds}.",
    )
