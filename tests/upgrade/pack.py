"""A test template 1.5.0: bundled pack 1.0.0 with one change of each kind an upgrade handles."""

from __future__ import annotations

import shutil
from pathlib import Path

from pwkit.pack.registry import bundled_pack

VERSION = "1.5.0"
OLD_SERVICES_HEADING = "## Perimetro dei servizi"
NEW_SERVICES_HEADING = "## Perimetro e destinatari dei servizi"
MIGRATIONS = """
migrations:
  - version: "1.0.0"
    steps:
      - rename_key: {file: sezioni/06-servizi.md, path: "servizi[].volume", new: volume_annuo}
      - change_value:
          file: sezioni/06-servizi.md
          path: "servizi[].area"
          old: paghe
          new: gestione_economica
      - move_key: {file: sezioni/05-obiettivi.md, path: kpi_chiave, to: sezioni/01-sintesi.md}
      - split_section:
          file: sezioni/14-rete.md
          new: sezioni/15-competenze.md
          keys: [azioni_formative]
      - merge_sections: {file: sezioni/16b-trasferibilita.md, into: sezioni/16-sostenibilita.md}
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
    """Write the test pack into ``target`` (a new folder) and return it."""
    shutil.copytree(bundled_pack(version="1.0.0"), target)
    manifest = target / "manifest.yaml"
    _replace(manifest, 'version: "1.0.0"', f'version: "{VERSION}"')
    _replace(manifest, "file: sezioni/09-piattaforme.md", "file: sezioni/09-strumenti-digitali.md")
    _replace(manifest, '"Perimetro dei servizi"', f'"{NEW_SERVICES_HEADING[3:]}"')
    manifest.write_text(manifest.read_text(encoding="utf-8") + MIGRATIONS, encoding="utf-8")
    services = target / "sezioni" / "06-servizi.md.j2"
    _replace(services, "    # note_giuridiche:", "    note_giuridiche:")
    return target


LEGACY = "0.9.0"
TRANSFER_HEADING = "## Trasferibilità ad altre Province"


def _cut_key(text: str, key: str) -> tuple[str, str]:
    """Remove a top-level key's lines from a section's front matter; (new text, the lines)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and lines[end] != "---":
        if lines[end].strip() and not lines[end].startswith((" ", "- ")):
            break
        end += 1
    block = "\n".join(lines[start:end]).rstrip("\n")
    return "\n".join(lines[:start] + lines[end:]), block


def _add_key(text: str, block: str) -> str:
    """Append a top-level key's lines at the end of a section's front matter."""
    head, rest = text[4:].split("\n---\n", 1)
    return f"---\n{head}\n{block}\n---\n{rest}"


def make_legacy(folder: Path) -> None:
    """Turn the project in ``folder`` (and its merge base) into a project of template 0.9.0.

    Version 0.9.0 is the 1.0.0 layout before the migrations of 1.0.0: ``volume`` for
    ``volume_annuo``, ``paghe`` for ``gestione_economica``, ``kpi_chiave`` in section 5, the
    training actions in section 14 (no section 15), the transferability in a section 16b.
    """
    for root in (folder, folder / ".pwkit" / "base"):
        sections = root / "sezioni"
        services = sections / "06-servizi.md"
        _replace(services, "    volume_annuo:", "    volume:")
        text = services.read_text(encoding="utf-8")
        services.write_text(text.replace("area: gestione_economica", "area: paghe"), "utf-8")
        summary, objectives = sections / "01-sintesi.md", sections / "05-obiettivi.md"
        text, block = _cut_key(summary.read_text(encoding="utf-8"), "kpi_chiave")
        summary.write_text(text, encoding="utf-8")
        objectives.write_text(_add_key(objectives.read_text(encoding="utf-8"), block), "utf-8")
        training, network = sections / "15-competenze.md", sections / "14-rete.md"
        text, block = _cut_key(training.read_text(encoding="utf-8"), "azioni_formative")
        network.write_text(_add_key(network.read_text(encoding="utf-8"), block), "utf-8")
        training.unlink()
        sustainability = sections / "16-sostenibilita.md"
        text, block = _cut_key(sustainability.read_text(encoding="utf-8"), "elementi_trasferibili")
        before, heading, after = text.partition(TRANSFER_HEADING)
        sustainability.write_text(before.rstrip("\n") + "\n", encoding="utf-8")
        (sections / "16b-trasferibilita.md").write_text(
            f"---\n{block}\n---\n{heading}{after}", encoding="utf-8"
        )
    _replace(folder / "progetto.yaml", "@1.0.0", f"@{LEGACY}")
    _replace(folder / ".pwkit" / "modello.json", '"1.0.0"', f'"{LEGACY}"')
