"""A template pack adds a 17th section, prose only, with no change to pwkit's code.

The section is declared in the pack's manifest (model ``SoloTesto``) and has its skeleton;
``init`` creates it, ``check`` holds it to the manifest's word limits and sub-headings, and
``export`` puts it in the document after section 16.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx import Document

from pwkit.pack.registry import bundled_pack
from tests.conftest import EXAMPLE, run_cli

PACK_ID = "province-comuni-glossario"
SECTION = """
  - key: glossario
    number: 17
    file: sezioni/17-glossario.md
    title: "Glossario dei termini del servizio"
    model: SoloTesto
    words: {min: 20, max: 400}
    subheadings:
      - "Termini"
    skeleton: sezioni/17-glossario.md.j2
    guidance: |
      I termini che un amministratore comunale potrebbe non conoscere, con una riga ciascuno.
"""

SKELETON = """---
---
<!-- guida: {{ section.guidance }} -->

## Termini

[[DA COMPILARE: i termini e il loro significato]]
"""

PROSE = """---
---
## Termini

Interpello: la richiesta con cui un Comune chiede agli idonei dell'elenco se sono disponibili
all'assunzione. Elenco di idonei: la lista di chi ha superato la selezione unica e resta valida
per tre anni. Convenzione: l'accordo tra enti che regola il servizio associato.
"""


def _pack_with_17_sections(tmp_path: Path) -> Path:
    pack = tmp_path / "modello"
    shutil.copytree(bundled_pack(), pack)
    manifest = pack / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "\nthresholds:" in text  # the section goes after the last one
    text = text.replace("\nthresholds:", SECTION + "\nthresholds:", 1)
    manifest.write_text(text.replace("id: province-comuni-personale", f"id: {PACK_ID}"), "utf-8")
    (pack / "sezioni" / "17-glossario.md.j2").write_text(SKELETON, encoding="utf-8")
    return pack


def test_a_pack_adds_a_prose_section_that_is_checked_and_exported(tmp_path: Path) -> None:
    pack = _pack_with_17_sections(tmp_path)
    root = tmp_path / "progetto"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export", ".pwkit"))
    # The example, moved onto the pack that has a 17th section: init it, then keep its texts.
    made = tmp_path / "nuovo"
    run_cli("init", made, "--fuori-elenco", "--provincia", "Valdoria", "--no-input",
            "--modello", pack)  # fmt: skip
    new = made / "sezioni" / "17-glossario.md"
    assert "[[DA COMPILARE" in new.read_text(encoding="utf-8")
    for rel in (".pwkit/modello.json", ".pwkit/modello", "sezioni/17-glossario.md"):
        source, target = made / rel, root / rel
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    progetto = root / "progetto.yaml"
    text = progetto.read_text(encoding="utf-8")
    progetto.write_text(text.replace("province-comuni-personale@", f"{PACK_ID}@"), "utf-8")

    findings = json.loads(run_cli("check", root, "-f", "json", code=1).stdout)["diagnostics"]
    assert {(d["code"], d["file"]) for d in findings} == {
        ("PW101", "sezioni/17-glossario.md"),
        ("PW103", "sezioni/17-glossario.md"),
    }

    (root / "sezioni" / "17-glossario.md").write_text(PROSE, encoding="utf-8")
    run_cli("check", root, "--strict")
    out = tmp_path / "pw.docx"
    run_cli("export", root, "-o", out)
    chapters = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert chapters[-2:] == [
        "Sostenibilità, sviluppi e trasferibilità",
        "Glossario dei termini del servizio",
    ]
    assert any("Interpello" in p.text for p in Document(str(out)).paragraphs)
