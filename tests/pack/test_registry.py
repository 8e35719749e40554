from __future__ import annotations

from pwkit.pack.manifest import bundled_manifest
from pwkit.pack.registry import Pin, bundled_pack, parse_pin, version_key


def test_a_pin_is_read_and_written_back_the_same() -> None:
    pin = parse_pin("province-comuni-personale@1.1.0rc1")
    assert pin == Pin("province-comuni-personale", "1.1.0rc1")
    assert str(pin) == "province-comuni-personale@1.1.0rc1"


def test_text_without_an_at_sign_is_no_pin() -> None:
    assert parse_pin("province-comuni-personale") is None


def test_a_pin_is_split_at_its_first_at_sign_as_typed() -> None:
    assert parse_pin("a@b@c") == Pin("a", "b@c")
    assert parse_pin(" a@1.0 ") == Pin(" a", "1.0 ")


def test_the_manifest_pin_is_a_pin() -> None:
    manifest = bundled_manifest(bundled_pack())
    assert parse_pin(manifest.pin) == Pin(manifest.id, manifest.version)


def test_versions_compare_as_versions_and_nonsense_comes_first() -> None:
    assert version_key("1.10.0") > version_key("1.9.0")
    assert version_key(" 1.1.0 ") == version_key("1.1.0")
    assert version_key("non è una versione") < version_key("0.0.1")
