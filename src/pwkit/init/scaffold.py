"""``init_project``: a new project work from a template pack. Never overwrites; cleans up."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import CARRIED_PACK, STATE_DIR
from pwkit.init.answers import InitAnswers
from pwkit.init.province import resolve_province
from pwkit.init.skeletons import (
    carried_pack,
    render_files,
    require_known_models,
    skeleton_context,
)
from pwkit.load.istat import IstatProvincia
from pwkit.model.analisi import comuni_columns
from pwkit.model.jsonschema import MODELINE, PROJECT_SCHEMA_DIR, schemas
from pwkit.pack.manifest import TemplateManifest
from pwkit.pack.registry import bundled_pack, parse_pin
from pwkit.validate.manifest import load_manifest


@dataclass
class InitResult:
    """What ``init`` created."""

    root: Path
    manifest: TemplateManifest
    provincia: IstatProvincia | None
    fuori_elenco: str | None = None
    """The name of a Provincia the user declared not in the ISTAT list (no Comuni filled)."""
    files: list[str] = field(default_factory=list)


def _comuni_csv(unit: IstatProvincia | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = comuni_columns()
    writer.writerow(header)
    for comune in unit.comuni if unit else ():
        known = {"codice_istat": comune.codice_istat, "comune": comune.comune}
        writer.writerow([known.get(column, "") for column in header])
    return buffer.getvalue()


def _pack(template: Path | None) -> Path:
    """The pack to start from: the newest bundled one, a folder, or a bundled ``ID@VERSION``."""
    if template is None:
        return bundled_pack()
    pin = parse_pin(str(template)) if not template.exists() else None
    if pin is None:
        return template
    pack = bundled_pack(pin.template_id, pin.version)
    bundled = load_manifest(pack).version
    if bundled != pin.version:
        raise PwkitError(
            f"pwkit non include il modello {pin.template_id} alla versione {pin.version}.",
            hint=f"Usa --modello {pin.template_id}@{bundled}, oppure indica la cartella di un "
            "modello.",
        )
    return pack


def init_project(
    target: Path,
    answers: InitAnswers,
    *,
    template: Path | None = None,
    today: dt.date | None = None,
    fuori_elenco: bool = False,
) -> InitResult:
    """Create a project work in ``target`` (which must be absent or empty).

    ``fuori_elenco``: the Provincia named in ``answers`` is declared not in the ISTAT list.
    """
    if target.exists() and not target.is_dir():
        raise PwkitError(
            f"{target} esiste ed è un file.",
            path=target,
            hint="Indica una cartella nuova per il Project Work.",
        )
    if target.is_dir() and any(target.iterdir()):
        raise PwkitError(
            f"La cartella {target} non è vuota: pwkit init non sovrascrive nulla.",
            path=target,
            hint="Indica una cartella nuova o vuota, ad esempio `pwkit init pw-provincia`.",
        )
    pack = _pack(template)
    manifest = load_manifest(pack)
    require_known_models(manifest, pack)
    unit = resolve_province(answers.provincia, fuori_elenco=fuori_elenco)
    context = skeleton_context(manifest, answers, unit, today or dt.date.today())
    files = render_files(manifest, pack, context)
    files[manifest.project.file] = MODELINE + files[manifest.project.file]
    files[manifest.comuni_file] = _comuni_csv(unit)
    editor_schemas = {
        f"{PROJECT_SCHEMA_DIR}/{name}": json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in schemas(manifest).items()
    }

    carried = carried_pack(pack)
    outside = answers.provincia.strip() if answers.provincia and unit is None else None
    result = InitResult(target, manifest, unit, outside or None)
    created_root = not target.exists()
    created: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            created += _write_new(target, rel, text)
            result.files.append(rel)
        for folder in ("allegati",):
            path = target / folder
            if not path.exists():
                path.mkdir()
                created.append(path)
        state = {
            "modello": manifest.id,
            "versione": manifest.version,
            "creato": context["oggi"],
            "risposte": {
                "provincia": answers.provincia,
                "titolo": answers.titolo,
                "referente": answers.referente,
                "email": answers.email,
            },
        }
        created += _write_new(
            target, f"{STATE_DIR}/modello.json", json.dumps(state, ensure_ascii=False, indent=2)
        )
        for rel, text in files.items():
            created += _write_new(target, f"{STATE_DIR}/base/{rel}", text)
        for rel, text in editor_schemas.items():
            created += _write_new(target, rel, text)
        for rel, text in carried.items():
            created += _write_new(target, f"{CARRIED_PACK}/{rel}", text)
    except BaseException:
        _remove(created, target if created_root else None)
        raise
    return result


def _write_new(root: Path, rel: str, text: str) -> list[Path]:
    """Write a new file (never replacing one); return what was created, parents first."""
    path = root / rel
    made = []
    for parent in reversed(path.relative_to(root).parents):
        folder = root / parent
        if not folder.exists():
            folder.mkdir()
            made.append(folder)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        made.append(path)
        handle.write(text)
    return made


def _remove(created: list[Path], root: Path | None) -> None:
    """Undo a failed init: only what it created, newest first."""
    for path in reversed(created):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if root is not None and root.is_dir() and not any(root.iterdir()):
        root.rmdir()
