"""JSON Schemas of ``progetto.yaml`` and of every section's data, for editors.

The VS Code YAML extension validates a YAML file that names its schema in a
``# yaml-language-server: $schema=…`` line; it does not look inside the front matter of
Markdown files (redhat-developer/vscode-yaml#207), so only ``progetto.yaml`` gets that line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pwkit.pack.manifest import TemplateManifest

#: Where ``init`` keeps the schemas inside a project, and the line it puts in progetto.yaml.
PROJECT_SCHEMA_DIR = ".pwkit/schemi"
MODELINE = f"# yaml-language-server: $schema={PROJECT_SCHEMA_DIR}/progetto.schema.json\n"


def _strip_model_docstrings(schema: Any) -> Any:
    """Drop the (English, developer) class docstrings; keep the Italian field descriptions."""
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key == "description" and schema.get("type") == "object":
                continue
            out[key] = _strip_model_docstrings(value)
        return out
    if isinstance(schema, list):
        return [_strip_model_docstrings(v) for v in schema]
    return schema


def schemas(manifest: TemplateManifest) -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for ``progetto.yaml`` and each section of the template."""
    from pwkit.model.progetto import Progetto
    from pwkit.model.sections import SECTION_MODELS

    out: dict[str, dict[str, Any]] = {}
    targets: list[tuple[str, str, Any]] = [
        (
            "progetto.schema.json",
            f"Frontespizio del Project Work ({manifest.project.file})",
            Progetto,
        ),
    ]
    for spec in manifest.sections:
        stem = Path(spec.file).name.removesuffix(".md")
        targets.append(
            (f"{stem}.schema.json", f"{spec.title} ({spec.file})", SECTION_MODELS[spec.model])
        )
    for name, title, model in targets:
        schema = _strip_model_docstrings(model.model_json_schema())
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            "description": f"Modello {manifest.pin}: dati strutturati in YAML.",
            **{k: v for k, v in schema.items() if k != "title"},
        }
    return out


def write_schemas(manifest: TemplateManifest, folder: Path, *, force: bool = False) -> list[Path]:
    """Write every schema into ``folder`` (created if needed); return the files written.

    An existing schema file is replaced only with ``force``.
    """
    from pwkit.base.fsutil import write_output

    written = []
    for name, schema in schemas(manifest).items():
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        write_output(path, _writer(text), force=force)
        written.append(path)
    return written


def _writer(text: str) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return write
