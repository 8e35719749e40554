from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.version import InvalidVersion, Version

from pwkit.pack.manifest import bundled_manifest, template_version
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


_plain = st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=5).map(
    lambda numbers: ".".join(map(str, numbers))
)
_versions = st.one_of(
    _plain,
    st.lists(st.sampled_from(["0", "00", "1", "01", "10", "."]), max_size=6).map("".join),
    st.tuples(
        st.sampled_from(["", " ", "v", "1!"]),
        _plain,
        st.sampled_from(["", "rc1", "a2", ".post1", ".dev0", "+local", " ", "\n", "x", "."]),
    ).map("".join),
)


def _pep440_key(text: str) -> Version:
    """The version ``packaging`` reads, ``0`` for text it refuses (as ``version_key`` does)."""
    try:
        return Version(text.strip())
    except InvalidVersion:
        return Version("0")


@settings(max_examples=500, deadline=None)
@given(_versions, _versions)
def test_versions_compare_as_pep_440_compares_them(a: str, b: str) -> None:
    assert (version_key(a) < version_key(b)) == (_pep440_key(a) < _pep440_key(b))
    assert (version_key(a) == version_key(b)) == (_pep440_key(a) == _pep440_key(b))
    assert (version_key(a) > version_key(b)) == (_pep440_key(a) > _pep440_key(b))
    assert (version_key(a) <= version_key(b)) == (_pep440_key(a) <= _pep440_key(b))


@settings(max_examples=500, deadline=None)
@given(_versions)
def test_a_template_version_is_accepted_as_pep_440_accepts_it(text: str) -> None:
    try:
        Version(text)
    except InvalidVersion:
        with pytest.raises(ValueError, match="non è un numero di versione"):
            template_version(text)
    else:
        assert template_version(text) == text


def test_plain_releases_are_compared_without_packaging() -> None:
    code = (
        "import sys\n"
        "from pwkit.pack.manifest import bundled_manifest, template_version\n"
        "from pwkit.pack.registry import bundled_pack, older_versions, version_key\n"
        "bundled_manifest(bundled_pack())\n"
        "assert template_version('1.10.0') == '1.10.0'\n"
        "assert version_key('1.1') == version_key('1.1.0') < version_key('1.10')\n"
        "assert older_versions() == sorted(older_versions(), key=version_key)\n"
        "print('packaging' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"
