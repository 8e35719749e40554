"""Declarative migrations of a template pack: data in ``manifest.yaml``, never code.

```yaml
migrations:
  - version: "1.1.0"          # applied when a project moves from below 1.1.0 to 1.1.0 or later
    steps:
      - rename_file: {old: sezioni/09-piattaforme.md, new: sezioni/09-strumenti.md}
      - rename_key: {file: sezioni/06-servizi.md, path: "servizi[].volume_annuo", new: volume}
      - change_value: {file: sezioni/06-servizi.md, path: "servizi[].area",
                       old: consulenza, new: consulenza_ccnl}
      - move_key: {file: sezioni/16-sostenibilita.md, path: evoluzione,
                   to: sezioni/15-competenze.md}
      - split_section: {file: sezioni/14-rete.md, new: sezioni/14b-rete.md, keys: [scambi_rete]}
      - merge_sections: {file: sezioni/15-competenze.md, into: sezioni/07-organizzazione.md}
```

A ``path`` is dotted; ``[]`` after a key means «in every item of this list». Steps run in
order on the project's files and on the merge base alike, so that the three-way merge compares
like with like. A step that would create a file where the project already has one (a section,
``dati/comuni.csv``, an annex, or a file an earlier step made) stops the upgrade: a pack's
migration never overwrites a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pwkit.base.errors import TemplateError
from pwkit.base.sourcemap import Path_
from pwkit.load.frontmatter import join_front_matter, split_front_matter
from pwkit.pack.manifest import (
    ChangeValue,
    MergeSections,
    MoveKey,
    RenameFile,
    RenameKey,
    SplitSection,
    Step,
)
from pwkit.upgrade.yamltext import ANY, EditFailed, YamlText, get, matches


def parse_path(text: str) -> Path_:
    """``servizi[].volume_annuo`` → ``("servizi", "*", "volume_annuo")``."""
    parts: list[Any] = []
    for piece in text.split("."):
        name, brackets = piece.removesuffix("[]"), piece.endswith("[]")
        if not name:
            raise ValueError(f"percorso non valido: {text}")
        parts.append(name)
        if brackets:
            parts.append(ANY)
    return tuple(parts)


@dataclass
class FileSet:
    """Section files by project-relative name, being migrated; with what happened."""

    files: dict[str, str]
    removed: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    created: dict[str, str] = field(default_factory=dict)
    """Files a step created from the new template (split sections)."""
    renamed: dict[str, str] = field(default_factory=dict)
    """New name → the name the file had before the steps (``rename_file``)."""
    occupied: Callable[[str], bool] | None = None
    """Whether a project file not in ``files`` exists at a path; ``None``: files may be
    replaced (the merge base, which only mirrors the project)."""

    def refuse_existing(self, target: str, action: BaseModel) -> None:
        """Stop the upgrade if ``action`` would create ``target`` over an existing file."""
        if self.occupied is None:
            return
        if target in self.files or self.occupied(target):
            raise TemplateError(
                f"Il modello vuole {_intent(action)}, ma {target} esiste già nel progetto e "
                "verrebbe sovrascritto: l'aggiornamento non è stato fatto, nessun file è "
                "cambiato.",
                path=target,
                hint="È un errore del modello (le migrazioni in manifest.yaml): segnalalo a chi "
                "lo distribuisce e non usarlo finché non è corretto.",
            )


def apply(steps: list[Step], files: FileSet, new_skeletons: dict[str, str]) -> None:
    """Run ``steps`` in order on ``files`` (``new_skeletons``: the new template's files)."""
    for step in steps:
        action = step.action
        try:
            _apply(action, files, new_skeletons)
        except (EditFailed, KeyError, ValueError) as exc:
            files.notes.append(f"migrazione non applicata ({_describe(action)}): {exc}")


def _describe(action: BaseModel) -> str:
    return f"{type(action).__name__} {action.model_dump()}"


def _intent(action: BaseModel) -> str:
    """What a step that creates a file means to do, in Italian."""
    if isinstance(action, RenameFile):
        return f"rinominare {action.old} in {action.new}"
    if isinstance(action, SplitSection):
        return f"spostare una parte di {action.file} in una sezione nuova, {action.new}"
    return _describe(action)


def _front(files: FileSet, rel: str) -> tuple[YamlText, str]:
    split = split_front_matter(files.files[rel])
    if split.front is None:
        raise EditFailed(f"{rel} non ha dati in testa")
    return YamlText.of(split.front), split.body


def _apply(action: BaseModel, files: FileSet, skeletons: dict[str, str]) -> None:
    if isinstance(action, RenameFile):
        if action.old in files.files:
            files.refuse_existing(action.new, action)
            files.files[action.new] = files.files.pop(action.old)
            files.renamed[action.new] = files.renamed.pop(action.old, action.old)
        return
    if (
        isinstance(action, RenameKey | ChangeValue | MoveKey | SplitSection)
        and action.file not in files.files
    ):
        return
    if isinstance(action, RenameKey):
        doc, body = _front(files, action.file)
        for path in sorted(matches(doc.data, parse_path(action.path)), reverse=True):
            doc = doc.rename_key(path, action.new)
        files.files[action.file] = join_front_matter(doc.text, body)
    elif isinstance(action, ChangeValue):
        doc, body = _front(files, action.file)
        for path in list(matches(doc.data, parse_path(action.path))):
            if get(doc.data, path) == action.old:
                doc = doc.replace_scalar(path, action.new)
        files.files[action.file] = join_front_matter(doc.text, body)
    elif isinstance(action, MoveKey):
        _move_keys(files, action.file, action.to, [action.path])
    elif isinstance(action, SplitSection):
        files.refuse_existing(action.new, action)
        if action.new not in files.files:
            if action.new not in skeletons:
                raise EditFailed(f"{action.new} non è nel nuovo modello")
            files.files[action.new] = files.created[action.new] = skeletons[action.new]
        _move_keys(files, action.file, action.new, action.keys, replace=True)
    elif isinstance(action, MergeSections):
        if action.file not in files.files or action.into not in files.files:
            return
        source_doc, source_body = _front(files, action.file)
        _move_keys(files, action.file, action.into, list(source_doc.data))
        into = split_front_matter(files.files[action.into])
        files.files[action.into] = join_front_matter(
            into.front, into.body.rstrip("\n") + "\n\n" + source_body
        )
        files.removed[action.file] = files.files.pop(action.file)


def _move_keys(
    files: FileSet, source: str, target: str, keys: list[str], *, replace: bool = False
) -> None:
    """Move top-level ``keys`` from ``source`` to ``target`` (``replace``: over the target's)."""
    source_doc, source_body = _front(files, source)
    target_doc, target_body = _front(files, target)
    for key in keys:
        if key not in source_doc.data:
            continue
        if key in target_doc.data:
            if not replace:
                raise EditFailed(f"{target} ha già la voce {key}")
            target_doc, _ = target_doc.remove_key((key,))
        block = source_doc.take_block((key,))
        value = source_doc.data[key]
        source_doc, _ = source_doc.remove_key((key,))
        target_doc = target_doc.insert_block((), key, block, value)
    files.files[source] = join_front_matter(source_doc.text, source_body)
    files.files[target] = join_front_matter(target_doc.text, target_body)
