"""Loading a template pack's manifest: a bundled one is trusted, any other validated like data.

A pack given with ``--modello`` (or carried by a project) is untrusted input: it is read with
the same safety checks as a project file and validated by the same code, so that a mistake in
it is told in Italian with its line, as in a section. That is this layer's job; the trusted,
fast reading of the packs pwkit ships stays with the pack (``pwkit.pack.manifest``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from pwkit.base.diagnostics import Diagnostic, Severity
from pwkit.base.errors import TemplateError
from pwkit.load.text import read_text
from pwkit.load.yamlfile import parse_yaml
from pwkit.pack.manifest import TemplateManifest, bundled_manifest
from pwkit.pack.registry import MANIFEST_FILE, is_bundled
from pwkit.validate.data import validate_data


def load_manifest(pack: Path) -> TemplateManifest:
    """Read and validate ``manifest.yaml`` of the template pack in ``pack``.

    The bundled packs are trusted and read fast; any other pack is untrusted input, read with
    the same safety checks and located diagnostics as a project file.
    """
    if is_bundled(pack):
        return bundled_manifest(pack)
    return _load_untrusted(pack)


def _load_untrusted(pack: Path) -> TemplateManifest:
    path = pack / MANIFEST_FILE
    if not path.is_file():
        raise TemplateError(
            f"La cartella {pack} non contiene manifest.yaml: non è un modello.",
            path=pack,
            hint="Indica la cartella di un modello valido, o togli --modello per usare quello "
            "incluso in pwkit.",
        )
    findings: list[Diagnostic] = []
    manifest: BaseModel | None = None
    text = read_text(pack, MANIFEST_FILE, findings)
    doc = parse_yaml(MANIFEST_FILE, text.text, 0, findings) if text is not None else None
    if doc is not None:
        manifest = validate_data(doc.data, TemplateManifest, doc.source, findings)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors or not isinstance(manifest, TemplateManifest):
        first = errors[0] if errors else findings[0]
        others = len(errors) - 1
        more = (
            f" (e altri {others} problemi)"
            if others > 1
            else " (e un altro problema)"
            if others
            else ""
        )
        raise TemplateError(
            f"manifest.yaml del modello non è valido: {first.message}{more}",
            path=path,
            line=first.location.line,
            hint=first.hint,
        )
    return manifest
