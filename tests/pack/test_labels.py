"""Labels of vocabulary codes: the pack's own, else pwkit's pack's, else the code as written."""

from __future__ import annotations

from pwkit.pack.registry import bundled_pack
from pwkit.validate.manifest import load_manifest


def test_a_code_newer_than_the_pack_has_the_label_of_pwkits_pack() -> None:
    older = load_manifest(bundled_pack(version="1.0.0"))
    assert "pnrr" not in older.labels["FonteFinanziamento"]
    assert older.label("FonteFinanziamento", "pnrr") == "PNRR"
    assert older.label("CategoriaRischio", "corruzione_trasparenza") == "Corruzione e trasparenza"


def test_the_packs_own_label_wins_and_an_unknown_code_reads_as_written() -> None:
    older = load_manifest(bundled_pack(version="1.0.0"))
    custom = older.model_copy(update={"labels": {"FonteFinanziamento": {"pnrr": "Fondi PNRR"}}})
    assert custom.label("FonteFinanziamento", "pnrr") == "Fondi PNRR"
    assert custom.label("FonteFinanziamento", "fondo_nuovo") == "fondo nuovo"
