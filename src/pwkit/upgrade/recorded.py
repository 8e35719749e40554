"""What a project recorded of its template (``.pwkit/``), and the new template rendered with it.

``init`` writes ``.pwkit/modello.json`` (the template, its version, the answers given) and
``.pwkit/base/`` (every file as the skeletons rendered it). An upgrade renders the new
template's skeletons with the same answers, day and Provincia, so that the three-way merge
sees the template's changes alone.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import STATE_DIR
from pwkit.pack.manifest import TemplateManifest
from pwkit.pack.registry import parse_pin
from pwkit.upgrade import files
from pwkit.validate.manifest import load_manifest

STATE_FILE = f"{STATE_DIR}/modello.json"
BASE_DIR = f"{STATE_DIR}/base"
_MAX_STATE_BYTES = 1024 * 1024


def read_state(root: Path) -> dict[str, Any]:
    """``.pwkit/modello.json``: the template, its version and the answers given to init."""
    from packaging.version import InvalidVersion, Version

    path = root / STATE_FILE
    try:
        state = json.loads(files.read_bytes(root, STATE_FILE, _MAX_STATE_BYTES))
    except FileNotFoundError:
        raise PwkitError(
            f"Manca {STATE_FILE}: pwkit non sa da quale versione del modello è partito il "
            "progetto.",
            path=path,
            hint="Il file è scritto da pwkit init. Se il progetto è stato creato in altro modo, "
            "crea un progetto vuoto con pwkit init nella stessa versione e copia la sua "
            "cartella .pwkit in questo progetto.",
        ) from None
    except (OSError, ValueError, RecursionError) as exc:
        reason = "troppi livelli annidati" if isinstance(exc, RecursionError) else str(exc)
        raise PwkitError(
            f"{STATE_FILE} non si legge ({reason}).",
            path=path,
            hint="Ripristinalo da una copia del progetto, o ricrealo con pwkit init.",
        ) from None
    if not isinstance(state, dict) or not isinstance(state.get("versione"), str):
        raise PwkitError(f"{STATE_FILE} non è nel formato di pwkit.", path=path)
    try:
        Version(state["versione"])
    except InvalidVersion:
        raise PwkitError(
            f"In {STATE_FILE} la versione del modello, «{state['versione']}», non è un numero "
            "di versione.",
            path=path,
            hint="Scrivi la versione del modello da cui è partito il progetto (la trovi in "
            "progetto.yaml, alla voce modello: ad esempio 1.0.0).",
        ) from None
    return state


def resolve_pack(state: dict[str, Any], wanted: str | None) -> Path:
    """The pack to upgrade to: bundled by default or by ``ID@VERSION``, or a folder."""
    from pwkit.pack.registry import bundled_pack

    template_id = str(state.get("modello") or "")
    if wanted is None:
        return bundled_pack(template_id) if template_id else bundled_pack()
    folder = Path(wanted)
    if folder.is_dir():
        return folder
    pin = parse_pin(wanted)
    if pin is None:
        raise PwkitError(
            f"«{wanted}» non è né una cartella né un modello nella forma ID@VERSIONE.",
            hint="Esempio: --modello province-comuni-personale@1.1.0, oppure la cartella di "
            "un modello.",
        )
    template_id, version = pin.template_id, pin.version
    pack = bundled_pack(template_id, version)
    bundled = load_manifest(pack).version
    if version != bundled:
        raise PwkitError(
            f"Questa versione di pwkit include il modello {template_id} alla versione "
            f"{bundled}, non alla {version}.",
            hint=f"Usa --modello {template_id}@{bundled}, oppure indica la cartella del modello.",
        )
    return pack


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def recorded_provincia(base: str | None) -> dict[str, str | None] | None:
    """The Provincia the skeletons were rendered with, as the recorded base holds it.

    The new skeletons are rendered with it again, not with the name looked up anew: since
    ``init`` the ISTAT list or pwkit's other names may have changed (a unit no longer in
    force, a Provincia made out of the list whose name is now known), and the merge must see
    the template's changes alone. ``None`` without a readable base.
    """
    from yaml import YAMLError

    from pwkit.load.yamldata import YamlProblem, parse
    from pwkit.validate.rawdata import is_placeholder

    if base is None:
        return None
    try:
        data = parse(base).data
    except (YamlProblem, YAMLError):
        return None
    provincia = data.get("provincia") if isinstance(data, dict) else None
    if not isinstance(provincia, dict):
        return None
    values = {key: _text(provincia.get(key)) for key in ("nome", "sigla", "regione", "codice_uts")}
    return {key: None if is_placeholder(value) else value for key, value in values.items()}


def _day(value: Any) -> dt.date:
    """The day ``init`` ran (the skeletons are rendered again with it); today if unknown."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return dt.date.today()


def read_base(root: Path) -> dict[str, str]:
    """``.pwkit/base/``: every file as the old template's skeletons rendered it (by its path)."""
    return {
        rel.removeprefix(f"{BASE_DIR}/"): files.read_text(root, rel)
        for rel in files.files_under(root, BASE_DIR)
    }


def render_theirs(
    state: dict[str, Any], base: dict[str, str], manifest: TemplateManifest, pack: Path
) -> dict[str, str]:
    """The new template's files as ``init`` would have made them for this project."""
    from pwkit.init.answers import InitAnswers
    from pwkit.init.skeletons import render_files, skeleton_context
    from pwkit.load.istat import find_province
    from pwkit.model.jsonschema import MODELINE

    given = state.get("risposte")
    if not isinstance(given, dict):
        given = {}
    answers = InitAnswers(
        **{name: _text(given.get(name)) for name in ("provincia", "titolo", "referente", "email")}
    )
    created = _day(state.get("creato"))
    recorded = recorded_provincia(base.get(manifest.project.file))
    unit = find_province(answers.provincia) if answers.provincia and recorded is None else None
    context = skeleton_context(manifest, answers, unit, created, recorded=recorded)
    theirs = render_files(manifest, pack, context)
    theirs[manifest.project.file] = MODELINE + theirs[manifest.project.file]
    return theirs
