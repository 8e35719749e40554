"""Three-way merge of one section file: the project's version, the old and the new template's.

- **Front matter**, key by key: a key the new template adds (absent from the old one) is added
  to the project with the template's placeholder, in every list item it belongs to; a key the
  new template dropped is kept, and reported; every value the project holds is kept.
- **Prose**, line by line with ``merge3``: what only the template changed (guidance, headings,
  placeholders the project had not touched) is taken; what only the project changed is kept.
  Where both changed the same region, the template's changes are replayed line by line on the
  project's text when they do not touch what the project wrote (a renamed heading the project
  kept; a placeholder or guidance the project replaced); otherwise both versions are kept
  between labelled conflict markers, which ``pwkit check`` reports (PW012) until resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pwkit.base.sourcemap import Path_
from pwkit.load.frontmatter import conflict_block, join_front_matter, split_front_matter
from pwkit.upgrade.yamltext import ANY, EditFailed, YamlText, get, matches, shape

_GUIDANCE_OR_PLACEHOLDER = re.compile(
    r"^\s*(<!--.*-->|<!--.*|.*-->|\[\[DA COMPILARE[^\]]*\]\]|DA COMPILARE)?\s*$"
)


@dataclass
class MergeResult:
    """The merged text of one file and what the user should know about it."""

    text: str
    conflicts: int = 0
    notes: list[str] = field(default_factory=list)


def merge_front(ours: str, base: str | None, theirs: str, rel: str) -> MergeResult:
    """Key-level merge of front matter (YAML text): adds the template's new keys."""
    mine, new = YamlText.of(ours), YamlText.of(theirs)
    old = YamlText.of(base) if base is not None else None
    known = old.key_shapes() if old is not None else mine.key_shapes()
    result = MergeResult(ours)
    added: set[Path_] = set()
    for key_shape in sorted(new.key_shapes() - known, key=lambda k: (len(k), str(k))):
        if any(key_shape[: len(a)] == a for a in added):
            continue  # inside a block already added whole
        example = next(iter(p for p in new.parsed.keys if shape(p) == key_shape), None)
        if example is None:
            continue
        block, value = new.take_block(example), get(new.data, example)
        parent_shape, name = key_shape[:-1], key_shape[-1]
        siblings = list(get(new.data, example[:-1]))
        before = siblings[: siblings.index(name)]
        for parent in list(matches(mine.data, parent_shape)):
            holder = get(mine.data, parent)
            if not isinstance(holder, dict) or name in holder:
                continue
            after = next((k for k in reversed(before) if k in holder), None)
            try:
                mine = mine.insert_block(parent, name, block, value, after)
            except EditFailed:
                result.notes.append(
                    f"{rel}: non ho potuto aggiungere la nuova voce «{_dotted(key_shape)}»: "
                    "aggiungila a mano (vedi lo scheletro del modello)."
                )
        added.add(key_shape)
    if old is not None:
        dropped = old.key_shapes() - new.key_shapes()
        for key_shape in sorted(dropped & mine.key_shapes()):
            if key_shape[:-1] in dropped:
                continue  # reported with its parent
            result.notes.append(
                f"{rel}: la voce «{_dotted(key_shape)}» non è più prevista dal modello: è "
                "rimasta nel file; spostane il contenuto dove serve e cancellala."
            )
    result.text = mine.text
    return result


def _dotted(key_shape: Path_) -> str:
    return ".".join("[]" if part == ANY else str(part) for part in key_shape).replace(".[]", "[]")


def merge_prose(ours: str, base: str | None, theirs: str, version: str) -> MergeResult:
    """Line-level three-way merge of Markdown prose (``base`` missing: the project's text)."""
    from merge3 import Merge3

    if base is None:
        return MergeResult(ours)
    a, o, b = ours.split("\n"), base.split("\n"), theirs.split("\n")
    if not any(_is_guidance_start(line) for line in a):
        # The project deleted the guidance (as it may): without it on the template's side
        # too, the lines the project kept (headings) line up with the template's.
        o, b = _without_guidance(o), _without_guidance(b)
    merged: list[str] = []
    conflicts = 0
    for region in Merge3(o, a, b).merge_regions():
        kind = region[0]
        if kind == "unchanged":
            merged += o[region[1] : region[2]]
        elif kind in ("same", "a"):
            merged += a[region[1] : region[2]]
        elif kind == "b":
            merged += b[region[1] : region[2]]
        else:
            a0, a1, b0, b1 = region[3], region[4], region[5], region[6]  # type: ignore[misc]
            z0, z1 = region[1], region[2]
            mine, template = a[a0:a1], b[b0:b1]
            refined = _refine(o[z0:z1], mine, template)
            if refined is not None:
                merged += refined
            else:
                conflicts += 1
                merged += conflict_block(mine, template, version)
    return MergeResult("\n".join(merged), conflicts)


def _filler(line: str) -> bool:
    """Guidance, a placeholder or a blank line: template text, never the user's."""
    return bool(_GUIDANCE_OR_PLACEHOLDER.match(line))


def _refine(base: list[str], mine: list[str], template: list[str]) -> list[str] | None:
    """Resolve a region both sides changed, when the changes do not touch the same text.

    The template's changes are replayed on the project's lines: a line the project kept
    (a heading, a placeholder not yet filled) takes the template's new wording; a placeholder
    or guidance the project replaced with its own text stays replaced. ``None`` when the
    template changed text the project changed too, or added or removed text of its own: a
    real conflict.
    """
    from difflib import SequenceMatcher

    result = list(mine)
    opcodes = SequenceMatcher(a=base, b=template, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        old, new = base[i1:i2], template[j1:j2]
        if tag == "equal":
            continue
        if tag == "replace" and len(old) == len(new):
            for before, after in zip(old, new, strict=True):
                if before.strip() and before in result:  # the project kept this line
                    result[result.index(before)] = after
                elif not _filler(after):
                    return None
        elif all(_filler(line) for line in old + new):
            continue  # guidance or placeholders added or dropped: the project's text stands
        else:
            return None
    return result


def _is_guidance_start(line: str) -> bool:
    return line.lstrip().startswith("<!-- guida")


def _without_guidance(lines: list[str]) -> list[str]:
    """The lines without ``<!-- guida: … -->`` comments (and the blank line after each)."""
    kept: list[str] = []
    inside = skip_blank = False
    for line in lines:
        if not inside and _is_guidance_start(line):
            inside = True
        if inside:
            if "-->" in line:
                inside, skip_blank = False, True
            continue
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = False
        kept.append(line)
    return kept


def merge_section(ours: str, base: str | None, theirs: str, rel: str, version: str) -> MergeResult:
    """Merge a whole section file (front matter by key, prose by line)."""
    mine, template = split_front_matter(ours), split_front_matter(theirs)
    old = split_front_matter(base) if base is not None else None
    notes: list[str] = []
    front = mine.front
    if mine.front is not None and template.front is not None:
        try:
            merged_front = merge_front(mine.front, old.front if old else None, template.front, rel)
        except Exception:  # the project's front matter does not parse: left as it is
            notes.append(
                f"{rel}: i dati in testa al file non si leggono (vedi pwkit check), quindi non "
                "sono stati aggiornati: confrontali con il modello."
            )
        else:
            front, notes = merged_front.text, merged_front.notes
    prose = merge_prose(mine.body, old.body if old else None, template.body, version)
    return MergeResult(join_front_matter(front, prose.text), prose.conflicts, notes + prose.notes)


def merge_project_file(ours: str, base: str | None, theirs: str, rel: str, pin: str) -> MergeResult:
    """``progetto.yaml``: new keys added, and the template pin moved to the new version."""
    try:
        merged = merge_front(ours, base, theirs, rel)
        doc = YamlText.of(merged.text)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("modello"), str):
            doc = doc.replace_scalar(("modello",), pin)
        else:
            merged.notes.append(f"{rel}: scrivi «modello: {pin}».")
        merged.text = doc.text
    except Exception:  # its YAML does not parse: left for the user, with a note
        return MergeResult(
            ours, notes=[f"{rel} non si legge (vedi pwkit check): aggiornalo a mano."]
        )
    return merged
