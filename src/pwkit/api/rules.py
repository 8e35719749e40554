"""The rule catalogue and the data's JSON Schemas, for a face to show or write."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pwkit.base.errors import PwkitError

if TYPE_CHECKING:
    from pwkit.pack.catalogue import RuleInfo


def list_rules() -> list[RuleInfo]:
    """Every rule of the check, in code order."""
    from pwkit.pack.catalogue import rules

    return list(rules().values())


def explain_rule(code: str) -> RuleInfo:
    """One rule, by code (PW301) or short name (activity-dates)."""
    from pwkit.base.findings import resolve_codes
    from pwkit.pack.catalogue import rules

    codes, _ = resolve_codes([code])
    if not codes:
        raise PwkitError(
            f"La regola «{code}» non esiste.",
            hint="`pwkit rules` elenca tutti i codici (PW001…).",
        )
    return rules()[codes.pop()]


def write_schemas(folder: Path, *, force: bool = False) -> list[Path]:
    """The JSON Schemas of the data, for editors, written into ``folder`` (made if missing)."""
    from pwkit.base.fsutil import refuse_overwrite
    from pwkit.model import jsonschema as jsonschemas
    from pwkit.pack.registry import bundled_pack
    from pwkit.validate.manifest import load_manifest

    manifest = load_manifest(bundled_pack())
    for name in jsonschemas.schemas(manifest):
        refuse_overwrite(folder / name, force=force, new_folder=True)
    return jsonschemas.write_schemas(manifest, folder, force=force)
