"""pwkit's YAML reader: YAML 1.2 core values, positions, refusals, on both event sources."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pwkit.load import yamldata as yamlread
from pwkit.load.yamldata import YamlProblem, parse, resolve


@pytest.fixture(params=["libyaml", "python"])
def source(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each test with libyaml's events and with PyYAML's own parser (no libyaml)."""
    if request.param == "python":
        from yaml.loader import SafeLoader

        monkeypatch.setattr(yamlread, "_events", SafeLoader)
    return str(request.param)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("~", None), ("null", None), ("", None), ("true", True), ("False", False),
        ("yes", "yes"), ("no", "no"), ("on", "on"), ("010", 10), ("0o17", 15), ("0x1F", 31),
        ("-3", -3), ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5), ("-.inf", -math.inf),
        ("2026-04-20", "2026-04-20"), ("1_000", "1_000"), ("3bis", "3bis"),
    ],
)  # fmt: skip
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, value: Any) -> None:
    assert resolve(text) == value and type(resolve(text)) is type(value)


def test_nan_is_read() -> None:
    assert math.isnan(resolve(".nan"))


def test_data_and_positions(source: str) -> None:
    parsed = parse('a: 1\nb: [x, "010"]\nc:\n  - d: yes\n    e: !!str 12\n')
    assert parsed.data == {"a": 1, "b": ["x", "010"], "c": [{"d": "yes", "e": "12"}]}
    assert parsed.keys[("c", 0, "e")] == (4, 4)
    assert parsed.values[("b", 1)] == (1, 7)
    assert parsed.values[("c", 0, "d")] == (3, 7)


def test_line_separators_do_not_break_lines(source: str) -> None:
    parsed = parse("a: uno\u2028due\u0085tre\nb: 2\n")
    assert parsed.data == {"a": "uno\u2028due\u0085tre", "b": 2}
    assert parsed.keys[("b",)] == (1, 0)


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("a: &x 1\nb: *x\n", "anchor", 0),
        ("a: 1\nb: !!python/object:os.system x\n", "tag", 1),
        ("a: !!binary aGk=\n", "tag", 0),
        ("a: !!int tre\n", "tag-value", 0),
        ("a: 1\na: 2\n", "duplicate-key", 1),
        ("%YAML 1.1\n---\na: 1\n", "directive", 0),
        ("a: 1\n---\nb: 2\n", "documents", 1),
        ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)), "depth", 50),
    ],
)
def test_what_project_files_never_need_is_refused(
    source: str, text: str, kind: str, line: int
) -> None:
    with pytest.raises(YamlProblem) as refused:
        parse(text)
    assert refused.value.kind == kind
    assert refused.value.position[0] == line


def test_complex_and_odd_keys_are_kept_for_the_schema_to_refuse(source: str) -> None:
    parsed = parse("? [a, b]\n: 1\n1: uno\nnull: due\n")
    assert parsed.data == {("a", "b"): 1, 1: "uno", None: "due"}


def test_plain_scalars_read_as_floats_keep_their_text(source: str) -> None:
    parsed = parse('a: 37.500\nb: [1.5, "2.50", 3]\nc:\n  d: 1.234e3\n1.5: x\n')
    assert parsed.data["a"] == 37.5
    assert parsed.texts == {("a",): "37.500", ("b", 0): "1.5", ("c", "d"): "1.234e3"}


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        (".inf", [()]),
        ("a: 1\nb: [2, .nan, -.inf]\nc: 10000000000000000\nd: -1000000000000000\n",
         [("b", 1), ("b", 2), ("c",)]),
        ("a: !!float .inf\nb: !!int 0x38D7EA4C68001\n", [("a",), ("b",)]),
        ('a: ".inf"\nb: !!str 10000000000000000\nc: 1e308\n', []),
        ("1e999: x\n10000000000000000: y\n? [.inf, {a: .nan}]\n: 1\n", []),
        ("- [1, {a: [.nan]}]\n", [(0, 1, "a", 0)]),
    ],
)  # fmt: skip
def test_numbers_out_of_range_are_recorded_where_they_are_values(
    source: str, text: str, paths: list[tuple[Any, ...]]
) -> None:
    assert parse(text).out_of_range == paths


def _out_of_range_by_walking(data: Any) -> list[tuple[Any, ...]]:
    """The paths of numbers out of range, found by walking the data as pwkit once did."""
    found = []
    for path, number in yamlread.walk(data):
        if isinstance(number, bool) or not isinstance(number, int | float):
            continue
        if isinstance(number, float) and math.isfinite(number):
            continue
        if isinstance(number, int) and abs(number) <= 10**15:
            continue
        found.append(path)
    return found


_scalars = st.one_of(
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(alphabet="abc .:-#[]{}019", max_size=6),
)
_keys = st.one_of(
    st.text(alphabet="abc .-019", max_size=4), st.integers(), st.floats(allow_nan=False)
)
_data = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_data, st.booleans())
def test_the_numbers_out_of_range_recorded_are_those_a_walk_finds(data: Any, flow: bool) -> None:
    import yaml

    parsed = parse(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))
    assert parsed.out_of_range == _out_of_range_by_walking(parsed.data)
