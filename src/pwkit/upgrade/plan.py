"""``plan_upgrade``: what an upgrade changes, computed in memory without touching a file.

``--dry-run`` shows the plan and stops; ``apply.apply_upgrade`` does it. Only regular files
inside the project are read or planned for writing (``files``): a link, a pipe or a folder on
the way stops the upgrade before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import STATE_DIR
from pwkit.pack.manifest import TemplateManifest
from pwkit.upgrade import files
from pwkit.upgrade.journal import BACKUP_DIR, JOURNAL
from pwkit.upgrade.merge import MergeResult, merge_front, merge_section
from pwkit.upgrade.migrations import FileSet, apply
from pwkit.upgrade.yamltext import YamlText
from pwkit.validate.manifest import load_manifest

STATE_FILE = f"{STATE_DIR}/modello.json"
BASE_DIR = f"{STATE_DIR}/base"
REMOVED_DIR = f"{STATE_DIR}/removed"
_MAX_STATE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Change:
    """What happens to one file: ``kind`` is nuovo, unito, conflitti, spostato or rinominato."""

    rel: str
    kind: str
    detail: str = ""


@dataclass
class UpgradePlan:
    """Everything an upgrade will write, move and delete, computed without touching a file."""

    root: Path
    old_version: str
    manifest: TemplateManifest
    writes: dict[str, str] = field(default_factory=dict)
    moves: dict[str, str] = field(default_factory=dict)
    """Project file → its new place under ``.pwkit/removed/``."""
    deletes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conflicts: int = 0
    set_aside: dict[str, str] = field(default_factory=dict)
    """A file of the user's where the new template puts one → where the template's went."""
    up_to_date: bool = False
    """The project already uses this version of the template (or a later one): nothing to do."""

    @property
    def touched(self) -> list[str]:
        """Every project-relative file the upgrade writes, moves or deletes."""
        return sorted({*self.writes, *self.moves, *self.moves.values(), *self.deletes})


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
    if "@" not in wanted:
        raise PwkitError(
            f"«{wanted}» non è né una cartella né un modello nella forma ID@VERSIONE.",
            hint="Esempio: --modello province-comuni-personale@1.1.0, oppure la cartella di "
            "un modello.",
        )
    template_id, version = wanted.split("@", 1)
    pack = bundled_pack(template_id)
    bundled = load_manifest(pack).version
    if version != bundled:
        raise PwkitError(
            f"Questa versione di pwkit include il modello {template_id} alla versione "
            f"{bundled}, non alla {version}.",
            hint=f"Usa --modello {template_id}@{bundled}, oppure indica la cartella del modello.",
        )
    return pack


def plan_upgrade(root: Path, wanted: str | None = None) -> UpgradePlan:
    """Everything ``pwkit upgrade`` would do to the project in ``root``."""
    from packaging.version import Version

    from pwkit.load.istat import find_province
    from pwkit.model.jsonschema import MODELINE
    from pwkit.scaffold import InitAnswers, render_files, require_known_models, skeleton_context

    state = read_state(root)
    pack = resolve_pack(state, wanted)
    manifest = load_manifest(pack)
    require_known_models(manifest, pack)
    old_version = state["versione"]
    if Version(manifest.version) <= Version(old_version):
        return _up_to_date(root, old_version, manifest, chosen=wanted is not None)
    given = state.get("risposte")
    if not isinstance(given, dict):
        given = {}
    answers = InitAnswers(
        **{name: _text(given.get(name)) for name in ("provincia", "titolo", "referente", "email")}
    )
    created = _day(state.get("creato"))
    base_files = {
        rel.removeprefix(f"{BASE_DIR}/"): _read(root, rel)
        for rel in files.files_under(root, BASE_DIR)
    }
    recorded = _recorded_provincia(base_files.get(manifest.project.file))
    unit = find_province(answers.provincia) if answers.provincia and recorded is None else None
    context = skeleton_context(manifest, answers, unit, created, recorded=recorded)
    theirs = render_files(manifest, pack, context)
    theirs[manifest.project.file] = MODELINE + theirs[manifest.project.file]

    # Only files the templates know: a file the user added is never touched.
    names = set(theirs) | {rel for rel in base_files if rel.endswith((".md", ".yaml"))}
    present = {rel for rel in names if files.is_file(root, rel)}
    foreign = _users_own(present, theirs, base_files, manifest)
    ours = {rel: _read(root, rel) for rel in sorted(present - foreign)}
    _refuse_open_conflicts(ours)
    original = dict(ours)

    plan = UpgradePlan(root, old_version, manifest)
    if not base_files:
        plan.notes.append(
            f"manca {BASE_DIR}/ (lo scheletro da cui è partito il progetto): le voci nuove del "
            "modello sono aggiunte, ma i testi restano come sono; confronta titoli e guida "
            "delle sezioni con il modello."
        )
    steps = [
        step
        for migration in sorted(manifest.migrations, key=lambda m: Version(m.version))
        if Version(old_version) < Version(migration.version) <= Version(manifest.version)
        for step in migration.steps
    ]
    mine = FileSet(
        ours,
        occupied=lambda rel: (
            rel not in original and rel not in foreign and os.path.lexists(root / rel)
        ),
    )
    base = FileSet({k: v for k, v in base_files.items() if k in names})
    apply(steps, mine, theirs)
    apply(steps, base, theirs)
    plan.notes += mine.notes
    for rel in sorted(theirs):
        if rel not in mine.files:
            plan.writes[rel] = theirs[rel]
            plan.changes.append(Change(rel, "nuovo", "sezione nuova del modello, da compilare"))
            continue
        if rel == manifest.project.file:
            merged = _merge_project_file(
                mine.files[rel], base.files.get(rel), theirs[rel], manifest
            )
        else:
            merged = merge_section(
                mine.files[rel], base.files.get(rel), theirs[rel], rel, manifest.version
            )
        plan.notes += merged.notes
        plan.conflicts += merged.conflicts
        if merged.text != original.get(rel):
            plan.writes[rel] = merged.text
            kind = "conflitti" if merged.conflicts else "unito"
            count = merged.conflicts
            detail = f"{count} {'conflitto' if count == 1 else 'conflitti'} da risolvere"
            detail = detail if count else ""
            if rel in mine.created:
                kind, detail = "nuovo", "sezione nuova, con i dati spostati da un'altra sezione"
            elif rel not in original:
                kind = "rinominato"
            plan.changes.append(Change(rel, kind, detail))
    for rel in sorted(set(mine.files) - set(theirs)):
        plan.moves[rel] = f"{REMOVED_DIR}/{rel}"
        plan.writes.setdefault(rel, original.get(rel, mine.files[rel]))  # as the user left it
        plan.changes.append(Change(rel, "spostato", f"non più nel modello: in {REMOVED_DIR}/"))
    for rel, text in sorted(mine.removed.items()):
        plan.moves[rel] = f"{REMOVED_DIR}/{rel}"
        plan.writes.setdefault(rel, text)
        plan.changes.append(Change(rel, "spostato", f"unito a un'altra sezione; in {REMOVED_DIR}/"))
    for rel in sorted(set(original) - set(mine.files) - set(mine.removed)):
        if rel not in plan.moves:
            plan.deletes.append(rel)  # renamed by a migration: written under its new name
    state_text = dict(state, versione=manifest.version, modello=manifest.id)
    plan.writes[STATE_FILE] = json.dumps(state_text, ensure_ascii=False, indent=2)
    for rel in base_files:
        if rel not in theirs and rel in names:
            plan.deletes.append(f"{BASE_DIR}/{rel}")
    for rel, text in theirs.items():
        plan.writes[f"{BASE_DIR}/{rel}"] = text
    _carry_pack(plan, pack, root)
    _set_aside(plan, foreign, mine.renamed)
    _refuse_unsafe_targets(plan)
    return plan


def _up_to_date(
    root: Path, version: str, manifest: TemplateManifest, *, chosen: bool
) -> UpgradePlan:
    """Nothing to do; a version older than the project's asked for explicitly is a mistake."""
    from packaging.version import Version

    if chosen and Version(manifest.version) < Version(version):
        raise PwkitError(
            f"Il progetto usa già il modello {manifest.id} alla versione {version}: la "
            f"{manifest.version} indicata con --modello è più vecchia.",
            hint="pwkit upgrade porta un progetto solo a una versione più recente del modello.",
        )
    return UpgradePlan(root, version, manifest, up_to_date=True)


def _users_own(
    present: set[str], theirs: dict[str, str], base: dict[str, str], manifest: TemplateManifest
) -> set[str]:
    """The user's files at paths where the new template puts a section the old one lacked.

    Such a file is the user's, not a section of the template: the upgrade leaves it as it is
    and puts what it would have written there beside it. Without the recorded base pwkit cannot
    tell, and merges it as a section (the user's words stay either way).
    """
    if not base:
        return set()
    return {
        rel for rel in present if rel in theirs and rel not in base and rel != manifest.project.file
    }


def _set_aside(plan: UpgradePlan, foreign: set[str], renamed: dict[str, str]) -> None:
    """What the upgrade would write over a user's file goes beside it: a conflict to merge.

    That is the template's new section, or (``renamed``: new name → old) the project's own
    section that a migration renames to that path: the message says which.
    """
    from pathlib import PurePosixPath

    for rel in sorted(foreign):
        text = plan.writes.pop(rel, None)
        if text is None:
            continue
        path = PurePosixPath(rel)
        aside, copies = f"{path.parent}/{path.stem}.modello-{plan.manifest.version}", 1
        candidate = aside + path.suffix
        while os.path.lexists(plan.root / candidate) or candidate in plan.writes:
            copies += 1
            candidate = f"{aside}-{copies}{path.suffix}"
        plan.writes[candidate] = text
        plan.set_aside[rel] = candidate
        plan.changes = [c for c in plan.changes if c.rel != rel]
        old = renamed.get(rel)
        what = (
            f"il testo della tua sezione {old} è in {candidate} (il modello la rinomina {rel})"
            if old is not None and old != rel
            else f"la sezione del modello è in {candidate}"
        )
        plan.changes.append(
            Change(
                rel,
                "conflitti",
                f"c'era già un tuo file, lasciato com'è; {what}: unisci i due testi in {rel}, "
                f"poi cancella {candidate}",
            )
        )


def _refuse_unsafe_targets(plan: UpgradePlan) -> None:
    """Every path the upgrade would write is a regular file or nothing, with no link on the way."""
    for rel in plan.touched:
        files.is_file(plan.root, rel)
    files.is_folder_or_absent(plan.root, BACKUP_DIR)
    files.is_file(plan.root, JOURNAL)


def _carry_pack(plan: UpgradePlan, pack: Path, root: Path) -> None:
    """A pack pwkit does not bundle travels with the project (``check`` reads it there)."""
    from pwkit.base.projectdir import CARRIED_PACK
    from pwkit.scaffold import carried_pack

    old = set(files.files_under(root, CARRIED_PACK))
    new = {f"{CARRIED_PACK}/{rel}": text for rel, text in carried_pack(pack).items()}
    plan.writes.update(new)
    plan.deletes += sorted(old - set(new))


def _refuse_open_conflicts(files: dict[str, str]) -> None:
    """Like git, no new merge over the unresolved conflicts of the previous one."""
    from pwkit.load.frontmatter import conflict_markers

    for rel, text in files.items():
        found = conflict_markers(rel, text)
        if found:
            raise PwkitError(
                f"{rel} ha ancora conflitti dell'aggiornamento precedente (dalla riga "
                f"{found[0].location.line}).",
                path=rel,
                hint="Risolvili prima (pwkit check li elenca con il codice PW012), poi ripeti "
                "pwkit upgrade.",
            )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _recorded_provincia(base: str | None) -> dict[str, str | None] | None:
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


def _read(root: Path, rel: str) -> str:
    """A project file's text (any line end made LF), read without following links."""
    from pwkit.load.text import MAX_FILE_BYTES

    raw = files.read_bytes(root, rel, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PwkitError(
            f"{rel} non è un testo UTF-8: l'aggiornamento non può unirlo.",
            path=root / rel,
            hint="Risalvalo in UTF-8 (pwkit check indica dove), poi ripeti pwkit upgrade.",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _merge_project_file(
    ours: str, base: str | None, theirs: str, manifest: TemplateManifest
) -> MergeResult:
    """``progetto.yaml``: new keys added, and the template pin moved to the new version."""
    rel = manifest.project.file
    try:
        merged = merge_front(ours, base, theirs, rel)
        doc = YamlText.of(merged.text)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("modello"), str):
            doc = doc.replace_scalar(("modello",), manifest.pin)
        else:
            merged.notes.append(f"{rel}: scrivi «modello: {manifest.pin}».")
        merged.text = doc.text
    except Exception:  # its YAML does not parse: left for the user, with a note
        return MergeResult(
            ours, notes=[f"{rel} non si legge (vedi pwkit check): aggiornalo a mano."]
        )
    return merged
