"""The test template 1.1.0: the bundled pack with one change of each kind an upgrade handles."""

from __future__ import annotations

import shutil
from pathlib import Path

from pwkit.templates import bundled_pack

VERSION = "1.1.0"
OLD_SERVICES_HEADING = "## Perimetro dei servizi"
NEW_SERVICES_HEADING = "## Perimetro e destinatari dei servizi"
MIGRATIONS = """
migrations:
  - version: "1.1.0"
    steps:
      - rename_file: {old: sezioni/09-piattaforme.md, new: sezioni/09-strumenti-digitali.md}
      - change_value:
          file: sezioni/09-strumenti-digitali.md
          path: "piattaforme[].titolarita"
          old: mercato
          new: riuso
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_pack(target: Path) -> Path:
    """Write the 1.1.0 pack into ``target`` (a new folder) and return it."""
    shutil.copytree(bundled_pack(), target)
    manifest = target / "manifest.yaml"
    _replace(manifest, 'version: "1.0.0"', f'version: "{VERSION}"')
    _replace(manifest, "file: sezioni/09-piattaforme.md", "file: sezioni/09-strumenti-digitali.md")
    _replace(manifest, '"Perimetro dei servizi"', f'"{NEW_SERVICES_HEADING[3:]}"')
    manifest.write_text(manifest.read_text(encoding="utf-8") + MIGRATIONS, encoding="utf-8")
    services = target / "sezioni" / "06-servizi.md.j2"
    _replace(services, "    # note_giuridiche:", "    note_giuridiche:")
    return target
