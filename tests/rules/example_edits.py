"""Put a rule's catalogue example in its place in a copy of the bundled example project.

The catalogue says where each example goes (``file``, ``part``, ``at``); this module writes it
there, reading the example as a person would:

- ``data``: the example's keys replace those of the data at ``at`` (the rest of the data stays).
  Below them, a list holds the items shown and a mapping the keys shown, plus what the schema
  requires and the example leaves out for brevity, taken from the project's item with the same
  id (or at the same position). A line ``...`` stands for the rest as in the project. Values
  are written as the example writes them (``37.500`` stays ``37.500``). An example that is not
  YAML (a syntax mistake) replaces the front matter as it is.
- ``prose``: the example is the section's text after its front matter.
- ``csv``: with its header, the example is the Comuni file; without, its rows replace the rows
  of the same codes.
- ``text``: the example is the whole file.
- ``files``: the example lists files: those listed exist, ``(NAME mancante)`` is missing.

In ``prose`` and ``text`` an invisible character is written as its escape (``\\x0b``).
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from pwkit.pack.catalogue import ExamplePlace

MARKER = "…"
_ELISION = re.compile(r"^( *)(?:\.\.\.|…)\s*$")
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")
_CLOSE = "\n---\n"


def apply_example(root: Path, place: ExamplePlace, text: str) -> None:
    """Write ``text``, a catalogue example, where ``place`` says in the project at ``root``."""
    writers = {"data": _data, "prose": _prose, "csv": _csv, "text": _text, "files": _files}
    writers[place.part](root, place, text)


# --- prose, whole files, the Comuni CSV, listings of files ----------------------------------------


def _unescaped(text: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _text(root: Path, place: ExamplePlace, text: str) -> None:
    (root / place.file).write_text(_unescaped(text) + "\n", encoding="utf-8")


def _split(path: Path) -> tuple[str, str]:
    """The front matter (without its ``---`` lines) and the body of a section file."""
    text = path.read_text(encoding="utf-8")
    end = text.index(_CLOSE, 3)
    return text[4 : end + 1], text[end + len(_CLOSE) :]


def _prose(root: Path, place: ExamplePlace, text: str) -> None:
    path = root / place.file
    front, _ = _split(path)
    path.write_text(f"---\n{front}---\n{_unescaped(text)}\n", encoding="utf-8")


def _csv(root: Path, place: ExamplePlace, text: str) -> None:
    path = root / place.file
    rows = text.split("\n")
    if rows[0].startswith("codice_istat,"):
        path.write_text(text + "\n", encoding="utf-8")
        return
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    for row in rows:
        code = row.split(",", 1)[0]
        same = [i for i, line in enumerate(lines) if line.split(",", 1)[0] == code]
        if same:
            lines[same[0]] = row
        else:
            lines.append(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _files(root: Path, place: ExamplePlace, text: str) -> None:
    folder = ""
    for line in text.split("\n"):
        name = line.strip()
        if not line.startswith(" ") and name.endswith("/"):
            folder = name
            continue
        path = root / (folder if line.startswith(" ") else "") / name.strip("()")
        missing = re.fullmatch(r"\((\S+) mancante\)", name)
        if missing:
            (root / folder / missing.group(1)).unlink()
        elif not name.startswith("(") and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")


# --- YAML data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verbatim:
    """A value of the example as written: its YAML tag, text and quoting."""

    tag: str
    value: str
    style: str | None


class _Dumper(yaml.SafeDumper):
    """Writes the project's values as YAML and the example's values as the example wrote them."""


_Dumper.add_representer(
    Verbatim, lambda dumper, v: dumper.represent_scalar(v.tag, v.value, style=v.style)
)


def _data(root: Path, place: ExamplePlace, text: str) -> None:
    try:
        example = _python(yaml.compose(_marked(text), Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        path = root / place.file
        _, body = _split(path)
        path.write_text(f"---\n{text}\n---\n{body}", encoding="utf-8")
        return
    if not isinstance(example, dict) or place.at:
        _overlay_file(root, place.file, place.at, example)
        return
    for file in dict.fromkeys(place.file_of(key) for key in example):
        mine = {key: value for key, value in example.items() if place.file_of(key) == file}
        _overlay_file(root, file, (), mine)


def _marked(text: str) -> str:
    """The example with each ``...`` line made a YAML marker: a list item, or a key.

    It is an item where the nearest line at its indentation is one.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _ELISION.match(line)
        if match is None:
            continue
        indent = match.group(1)
        around = [*lines[index + 1 :], *reversed(lines[:index])]
        level = [other for other in around if other.strip() and _depth(other) <= len(indent)]
        item = bool(level) and level[0].startswith(f"{indent}- ")
        lines[index] = f"{indent}- {MARKER}" if item else f"{indent}{MARKER}: ~"
    return "\n".join(lines)


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _python(node: yaml.Node | None) -> Any:
    """The example as Python data: keys as YAML reads them, values kept as written."""
    if isinstance(node, yaml.MappingNode):
        return {yaml.safe_load(yaml.serialize(key)): _python(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_python(item) for item in node.value]
    if isinstance(node, yaml.ScalarNode):
        return Verbatim(node.tag, node.value, node.style)
    return None


def _overlay_file(root: Path, file: str, at: tuple[str | int, ...], example: Any) -> None:
    """Write the example at ``at`` in the data of ``file``."""
    path = root / file
    data, body, model = _read_data(path, file)
    annotation: Any = model
    holder: Any = None
    key: str | int = ""
    target = data
    for step in at:
        annotation = _step_annotation(annotation, step)
        holder, key = target, _index(target, step)
        target = target[key]
    if isinstance(example, dict):
        here = _model(annotation)
        for name, value in example.items():
            if name != MARKER:
                target[name] = _complete(value, target.get(name), _field(here, name))
    else:
        holder[key] = _complete(example, target, annotation)
    dumped = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    path.write_text(dumped if body is None else f"---\n{dumped}---\n{body}", encoding="utf-8")


def _read_data(path: Path, file: str) -> tuple[Any, str | None, type[BaseModel]]:
    """The data of a file, its body (``None`` for ``progetto.yaml``) and its model."""
    from pwkit.model.progetto import Progetto
    from pwkit.model.sections import SECTION_MODELS
    from pwkit.pack.registry import bundled_pack
    from pwkit.validate.manifest import load_manifest

    if file == "progetto.yaml":
        return yaml.safe_load(path.read_text(encoding="utf-8")), None, Progetto
    front, body = _split(path)
    spec = next(s for s in load_manifest(bundled_pack()).sections if s.file == file)
    return yaml.safe_load(front), body, SECTION_MODELS[spec.model]


def _index(container: Any, step: str | int) -> str | int:
    """The key or list position ``step`` names: a list item is named by its id or position."""
    if isinstance(container, list) and isinstance(step, str):
        return next(i for i, item in enumerate(container) if item.get("id") == step)
    return step


def _step_annotation(annotation: Any, step: str | int) -> Any:
    model = _model(annotation)
    if model is not None and isinstance(step, str) and step in model.model_fields:
        return model.model_fields[step].annotation
    return annotation  # a list item: the list's annotation names the item's model


def _model(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds (through ``list``, ``| None`` and ``Annotated``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model(arg)
            if found is not None:
                return found
    return None


def _field(model: type[BaseModel] | None, name: Any) -> Any:
    if model is None or name not in model.model_fields:
        return None
    return model.model_fields[name].annotation


def _required(model: type[BaseModel] | None, name: Any) -> bool:
    return (
        model is not None and name in model.model_fields and model.model_fields[name].is_required()
    )


def _complete(example: Any, project: Any, annotation: Any) -> Any:
    """The example's value with what it leaves out taken from the project's value."""
    model = _model(annotation)
    if isinstance(example, dict):
        elided = MARKER in example
        out = {
            key: _complete(
                value, project.get(key) if isinstance(project, dict) else None, _field(model, key)
            )
            for key, value in example.items()
            if key != MARKER
        }
        if isinstance(project, dict):
            for key, value in project.items():
                if key not in out and (elided or _required(model, key)):
                    out[key] = value
        return out
    if isinstance(example, list):
        return _complete_list(example, project if isinstance(project, list) else [], annotation)
    return example


def _complete_list(example: list[Any], project: list[Any], annotation: Any) -> list[Any]:
    """The items shown, each completed from the project's item of the same id or position.

    With a ``...`` item, the project's other items stay too, in their places.
    """
    shown = [item for item in example if not (isinstance(item, Verbatim) and item.value == MARKER)]
    used: dict[int, Any] = {}
    completed = []
    for position, item in enumerate(shown):
        index = _matching(item, project, position, used)
        value = _complete(item, project[index] if index is not None else None, annotation)
        completed.append(value)
        if index is not None:
            used[index] = value
    if len(shown) == len(example):
        return completed
    unmatched = [value for value in completed if all(value is not v for v in used.values())]
    return [used.get(i, item) for i, item in enumerate(project)] + unmatched


def _matching(item: Any, project: list[Any], position: int, used: dict[int, Any]) -> int | None:
    ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, Verbatim):
        for index, candidate in enumerate(project):
            if (
                index not in used
                and isinstance(candidate, dict)
                and candidate.get("id") == ident.value
            ):
                return index
    free = [i for i in range(len(project)) if i not in used]
    if position < len(project) and position not in used:
        return position
    return free[0] if free else None
