"""The rules' thresholds have one source: the manifest of a pack (pwkit's own by default)."""

from __future__ import annotations

import shutil
from pathlib import Path

from pwkit.pack.manifest import Thresholds, bundled_manifest, default_thresholds
from pwkit.pack.registry import bundled_pack
from pwkit.validate.manifest import load_manifest


def _pack_without_thresholds(tmp_path: Path, keep: str = "") -> Path:
    pack = tmp_path / "modello"
    shutil.copytree(bundled_pack(), pack)
    manifest = pack / "manifest.yaml"
    lines = manifest.read_text(encoding="utf-8").split("\n")
    start = lines.index("thresholds:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    kept = [line for line in lines[start + 1 : end] if keep and line.startswith(f"  {keep}:")]
    lines[start:end] = ["thresholds:", *kept] if kept else []
    manifest.write_text("\n".join(lines), encoding="utf-8")
    return pack


def test_a_pack_without_thresholds_gets_those_of_the_bundled_pack(tmp_path: Path) -> None:
    manifest = load_manifest(_pack_without_thresholds(tmp_path))
    assert manifest.thresholds == bundled_manifest(bundled_pack()).thresholds


def test_a_pack_giving_one_threshold_gets_the_others_from_the_bundled_pack(
    tmp_path: Path,
) -> None:
    pack = _pack_without_thresholds(tmp_path, keep="min_risks")
    text = (pack / "manifest.yaml").read_text(encoding="utf-8")
    (pack / "manifest.yaml").write_text(
        text.replace("  min_risks: 5", "  min_risks: 7"), encoding="utf-8"
    )
    thresholds = load_manifest(pack).thresholds
    assert thresholds.min_risks == 7
    assert thresholds.high_exposure == bundled_manifest(bundled_pack()).thresholds.high_exposure


def test_the_code_holds_no_threshold_value_of_its_own() -> None:
    assert all(field.is_required() for field in Thresholds.model_fields.values())
    assert set(default_thresholds()) == set(Thresholds.model_fields)
