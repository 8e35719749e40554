"""A pack declares the tables each section's data builds and where they go by default."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pwkit.base.errors import PwkitError
from pwkit.pack.registry import bundled_pack
from pwkit.validate.manifest import load_manifest


def test_the_bundled_pack_places_the_cost_table_under_its_subheading() -> None:
    economia = next(s for s in load_manifest(bundled_pack()).sections if s.key == "economia")
    tables = {table.name: table for table in economia.tables}
    assert tables["costi"].caption == "Voci di costo"
    assert tables["costi"].after == "Costi"


def test_a_table_after_a_subheading_the_section_lacks_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "modello"
    shutil.copytree(bundled_pack(), pack)
    manifest = pack / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('after: "Costi"', 'after: "Spese"', 1), encoding="utf-8")
    with pytest.raises(PwkitError) as error:
        load_manifest(pack)
    assert "Spese" in str(error.value) + str(error.value.hint or "")
