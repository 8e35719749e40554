"""``plan_upgrade``: what an upgrade changes, computed in memory without touching a file.

``--dry-run`` shows the plan and stops; ``apply.apply_upgrade`` does it. Only regular files
inside the project are read or planned for writing (``files``): a link, a pipe or a folder on
the way stops the upgrade before anything is written.
"""

from __future__ import annotations

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
from pwkit.upgrade.merge import merge_project_file, merge_section
from pwkit.upgrade.migrations import FileSet, apply
from pwkit.upgrade.recorded import (
    BASE_DIR,
    STATE_FILE,
    read_base,
    read_state,
    render_theirs,
    resolve_pack,
)
from pwkit.validate.manifest import load_manifest

REMOVED_DIR = f"{STATE_DIR}/removed"


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


def plan_upgrade(root: Path, wanted: str | None = None) -> UpgradePlan:
    """Everything ``pwkit upgrade`` would do to the project in ``root``."""
    from packaging.version import Version

    from pwkit.init.skeletons import require_known_models

    state = read_state(root)
    pack = resolve_pack(state, wanted)
    manifest = load_manifest(pack)
    require_known_models(manifest, pack)
    old_version = state["versione"]
    if Version(manifest.version) <= Version(old_version):
        return _up_to_date(root, old_version, manifest, chosen=wanted is not None)
    base_files = read_base(root)
    theirs = render_theirs(state, base_files, manifest, pack)

    # Only files the templates know: a file the user added is never touched.
    names = set(theirs) | {rel for rel in base_files if rel.endswith((".md", ".yaml"))}
    present = {rel for rel in names if files.is_file(root, rel)}
    foreign = _users_own(present, theirs, base_files, manifest)
    ours = {rel: files.read_text(root, rel) for rel in sorted(present - foreign)}
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
    _merge_files(plan, mine, base, theirs, original)
    _set_removed(plan, mine, theirs, original)
    _record_template(plan, state, base_files, theirs, names)
    _carry_pack(plan, pack, root)
    _set_aside(plan, foreign, mine.renamed)
    _refuse_unsafe_targets(plan)
    return plan


def _merge_files(
    plan: UpgradePlan,
    mine: FileSet,
    base: FileSet,
    theirs: dict[str, str],
    original: dict[str, str],
) -> None:
    """Each file of the new template: new, or the project's merged with the template's changes."""
    manifest = plan.manifest
    for rel in sorted(theirs):
        if rel not in mine.files:
            plan.writes[rel] = theirs[rel]
            plan.changes.append(Change(rel, "nuovo", "sezione nuova del modello, da compilare"))
            continue
        if rel == manifest.project.file:
            merged = merge_project_file(
                mine.files[rel], base.files.get(rel), theirs[rel], rel, manifest.pin
            )
        else:
            merged = merge_section(
                mine.files[rel], base.files.get(rel), theirs[rel], rel, manifest.version
            )
        plan.notes += merged.notes
        plan.conflicts += merged.conflicts
        if merged.text != original.get(rel):
            plan.writes[rel] = merged.text
            plan.changes.append(_merged_change(rel, merged.conflicts, mine, original))


def _merged_change(rel: str, conflicts: int, mine: FileSet, original: dict[str, str]) -> Change:
    """How a merged file is listed: with its conflicts, or as new or renamed by a migration."""
    if rel in mine.created:
        return Change(rel, "nuovo", "sezione nuova, con i dati spostati da un'altra sezione")
    detail = f"{conflicts} {'conflitto' if conflicts == 1 else 'conflitti'} da risolvere"
    detail = detail if conflicts else ""
    if rel not in original:
        return Change(rel, "rinominato", detail)
    return Change(rel, "conflitti" if conflicts else "unito", detail)


def _set_removed(
    plan: UpgradePlan, mine: FileSet, theirs: dict[str, str], original: dict[str, str]
) -> None:
    """Files the new template drops or merges away go to ``.pwkit/removed/``, as they were."""
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


def _record_template(
    plan: UpgradePlan,
    state: dict[str, Any],
    base_files: dict[str, str],
    theirs: dict[str, str],
    names: set[str],
) -> None:
    """The new version and the new base in ``.pwkit/``, for the next upgrade."""
    manifest = plan.manifest
    state_text = dict(state, versione=manifest.version, modello=manifest.id)
    plan.writes[STATE_FILE] = json.dumps(state_text, ensure_ascii=False, indent=2)
    for rel in base_files:
        if rel not in theirs and rel in names:
            plan.deletes.append(f"{BASE_DIR}/{rel}")
    for rel, text in theirs.items():
        plan.writes[f"{BASE_DIR}/{rel}"] = text


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
    from pwkit.init.skeletons import carried_pack

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
