"""The template pack a project is checked against, from the ``modello`` pin it names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.errors import PwkitError, TemplateError
from pwkit.base.findings import finding
from pwkit.base.projectdir import CARRIED_PACK, PROJECT_FILE
from pwkit.base.sourcemap import SourceMap
from pwkit.pack.manifest import TemplateManifest
from pwkit.pack.registry import DEFAULT_TEMPLATE, bundled_pack, parse_pin, version_key
from pwkit.validate.manifest import load_manifest


def resolve_manifest(
    pin: Any,
    findings: list[Diagnostic],
    where: Location | None = None,
    root: Path | None = None,
) -> TemplateManifest:
    """The manifest a project is checked against, from its ``modello`` pin.

    A malformed pin is left to the schema (PW006) and the bundled template is used; a pin
    matching the pack the project carries in ``.pwkit/modello/`` (``pwkit upgrade`` to a
    template pwkit does not bundle) uses that pack; otherwise an unknown template or a newer
    version cannot be checked (exit 2). An older version that pwkit still ships is checked
    with that version, one it no longer ships with the newest; either way PW011 suggests
    ``pwkit upgrade``.
    """
    default = load_manifest(bundled_pack(DEFAULT_TEMPLATE))
    parsed = parse_pin(pin.strip()) if isinstance(pin, str) else None
    if parsed is None:
        return default
    carried = _carried_manifest(root, pin.strip()) if root is not None else None
    if carried is not None:
        return carried
    template_id, version = parsed.template_id, parsed.version
    try:
        manifest = load_manifest(bundled_pack(template_id))
        pinned_pack = load_manifest(bundled_pack(template_id, version))
    except TemplateError as exc:
        raise PwkitError(
            f"Il progetto usa il modello «{template_id}», che questa versione di pwkit non "
            "conosce.",
            path=PROJECT_FILE,
            hint=exc.hint,
        ) from None
    pinned, bundled = version_key(version), version_key(manifest.version)
    if pinned > bundled:
        raise PwkitError(
            f"Il progetto usa il modello {template_id} alla versione {version}, più recente "
            f"di quella inclusa in pwkit ({manifest.version}).",
            path=PROJECT_FILE,
            hint="Aggiorna pwkit (pip install --upgrade pwkit) per controllare questo progetto.",
        )
    if pinned < bundled:
        kept = pinned_pack.version == version
        checked = (
            f"il progetto resta controllato con la {version}, quella che indica"
            if kept
            else "il progetto è controllato con questa"
        )
        findings.append(
            finding(
                "PW011",
                f"Il progetto usa il modello alla versione {version}; è disponibile la "
                f"{manifest.version} e {checked}.",
                "Porta il progetto alla nuova versione del modello con `pwkit upgrade`.",
                where or Location(PROJECT_FILE, 1, 1),
            )
        )
        if kept:
            return pinned_pack
    return manifest


def check_edition(
    edition: Any, manifest: TemplateManifest, findings: list[Diagnostic], source: SourceMap
) -> None:
    """PW006 when ``edizione`` names an edition the template has no calendar for."""
    programme = manifest.programme
    if not isinstance(edition, str) or programme.calendar(edition) is not None:
        return
    known = [e for e in (programme.edition, *(e.id for e in programme.editions)) if e]
    findings.append(
        finding(
            "PW006",
            f"L'edizione «{edition}» non è tra quelle del modello ({', '.join(known) or 'nessuna'})"
            ": pwkit usa il calendario dell'edizione corrente.",
            "Scrivi in edizione una delle edizioni del modello, es. "
            f'edizione: "{programme.edition or ""}", oppure togli la riga.',
            source.locate(("edizione",)),
        )
    )


def _carried_manifest(root: Path, pin: str) -> TemplateManifest | None:
    """The pack in ``.pwkit/modello/`` if it is the one ``pin`` names."""
    pack = root / CARRIED_PACK
    if not (pack / "manifest.yaml").is_file():
        return None
    manifest = load_manifest(pack)
    return manifest if manifest.pin == pin else None
