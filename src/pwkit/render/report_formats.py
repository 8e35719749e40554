"""The files ``pwkit report`` writes, by extension: Word, CSV or JSON, each by its own writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pwkit.base.errors import PwkitError

if TYPE_CHECKING:
    from pathlib import Path

    from pwkit.pack.manifest import TemplateManifest
    from pwkit.report.compare import Comparison

#: What ``-o`` may end with, and what each writes.
FORMATS = {
    ".docx": "documento Word per l'incontro di restituzione",
    ".csv": "tabella con una riga per progetto (Excel)",
    ".json": "dati per programmi e cruscotti",
}


def write_report(
    comparison: Comparison,
    output: Path,
    *,
    manifest: TemplateManifest | None = None,
    force: bool = False,
) -> None:
    """Write the report in the format of ``output``'s extension, whole.

    ``manifest`` is the template the report refers to (the bundled one by default). An
    existing ``output`` is replaced only with ``force``.
    """
    from pwkit.report import tabular

    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise unknown_format(output)
    if suffix == ".csv":
        tabular.write_csv(comparison, output, force=force)
        return
    if manifest is None:
        from pwkit.pack.registry import bundled_pack
        from pwkit.validate.manifest import load_manifest

        manifest = load_manifest(bundled_pack())
    if suffix == ".json":
        tabular.write_json(comparison, manifest, output, force=force)
    else:
        from pwkit.render.docx.report import export_report

        export_report(comparison, manifest, output, force=force)


def unknown_format(output: Path) -> PwkitError:
    """The error for an output whose extension pwkit does not write."""
    kinds = "; ".join(f"{ext} ({what})" for ext, what in FORMATS.items())
    return PwkitError(
        f"Non so scrivere un resoconto in formato «{output.suffix or output.name}».",
        hint=f"Indica con -o un file che finisce in {kinds}.",
    )
