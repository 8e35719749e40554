"""The check cache keeps the validated data as plain JSON, for an export that needs no schemas."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from pwkit.check import cache, pipeline
from pwkit.check.plain import encode
from pwkit.load.markdown import keep_tokens
from pwkit.model.enums import Area
from pwkit.model.plain import Record, is_model, loads
from tests.conftest import EXAMPLE, REPO, CliResult

Cli = Callable[..., CliResult]
EXAMPLES = [*sorted((REPO / "examples").iterdir()), REPO / "tests" / "data" / "valdoria-1.0.0"]


def _stored(root: Path) -> dict[str, Any] | None:
    return cache.load_data(root, cache.check_key(root, None))


def _same(model: Any, kept: Any, where: str = "") -> None:
    """``kept`` (read back) is ``model`` (validated): same classes, fields, values and types."""
    if isinstance(model, BaseModel):
        assert isinstance(kept, Record), where
        assert all(is_model(kept, cls.__name__) for cls in type(model).__mro__[:-3]), where
        assert list(kept.__dict__) == list(model.__dict__), where
        for name, value in model.__dict__.items():
            _same(value, kept.__dict__[name], f"{where}.{name}")
    elif isinstance(model, list | tuple):
        assert type(kept) is type(model) and len(kept) == len(model), where
        for index, (a, b) in enumerate(zip(model, kept, strict=True)):
            _same(a, b, f"{where}[{index}]")
    elif isinstance(model, dict):
        assert isinstance(kept, dict) and list(kept) == list(model), where
        for key, value in model.items():
            _same(value, kept[key], f"{where}[{key!r}]")
    else:
        assert type(kept) is type(model) and kept == model, where


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_a_check_keeps_the_validated_data_as_they_were_validated(
    source: Path, tmp_path: Path, cli: Cli
) -> None:
    import shutil

    project_dir = tmp_path / source.name
    shutil.copytree(source, project_dir, ignore=shutil.ignore_patterns("export"))
    cli("check", project_dir)
    stored = _stored(project_dir)
    assert stored is not None
    project = pipeline.check_project(project_dir).project
    _same(project.progetto, stored["progetto"], "progetto")
    assert [s["spec"] for s in stored["sections"]] == [s.spec.file for s in project.sections]
    for section, kept in zip(project.sections, stored["sections"], strict=True):
        _same(section.data, kept["data"], section.spec.file)
        assert section.body is not None
        text, first_line, tokens = kept["body"]
        assert [text, first_line] == [section.body.text, section.body.first_line]
        assert tokens == keep_tokens(section.body.tokens)
    _same(list(project.comuni), stored["comuni"], "comuni")
    assert stored["comuni_lines"] == list(project.comuni_lines)
    manifest = stored["manifest"]
    for vocabulary, labels in manifest.labels.items():
        for value in [*labels, "valore_senza_etichetta"]:
            assert manifest.label(vocabulary, value) == project.manifest.label(vocabulary, value)


def test_values_json_lacks_come_back_with_their_type() -> None:
    values = {
        "area": Area.FORMAZIONE,
        "date": dt.date(2026, 4, 30),
        "moment": dt.datetime(2026, 4, 30, 12, 5),
        "money": Decimal("12000.50"),
        "pair": (1, "a"),
        "years": {2026: Decimal("1"), 2027: 2.5},
        "dollar": {"$d": "not a date"},
        "text": "2026-04-30",
    }
    back = loads(json.dumps(encode(values)))
    assert back == values
    assert [type(v) for v in back.values()] == [type(v) for v in values.values()]
    with pytest.raises(TypeError):
        encode({"file": Path("x")})


def test_data_that_does_not_validate_is_kept_as_none(example: Path, cli: Cli) -> None:
    section = next((example / "sezioni").glob("12-*.md"))
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("---\n", "---\nchiave_sconosciuta: 1\n", 1), "utf-8")
    cli("check", example, code=1)
    stored = _stored(example)
    assert stored is not None
    kept = {s["spec"]: s for s in stored["sections"]}
    assert kept[f"sezioni/{section.name}"]["data"] is None
    assert kept["sezioni/01-sintesi.md"]["data"] is not None


def test_the_data_of_an_edited_project_is_not_given(example: Path, cli: Cli) -> None:
    cli("check", example)
    old_key = cache.check_key(example, None)
    progetto = example / "progetto.yaml"
    progetto.write_text(progetto.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _stored(example) is None
    cli("check", example)
    assert _stored(example) is not None
    assert cache.load_data(example, old_key) is None


def test_no_cache_keeps_no_data(example: Path, cli: Cli, private_cache: Path) -> None:
    cli("check", example, "--no-cache")
    assert _stored(example) is None
    assert not list(private_cache.rglob("*.json"))


_READ_PLAIN = """
import sys
from pathlib import Path
from pwkit.check import cache
root = Path(sys.argv[1])
data = cache.load_data(root, cache.check_key(root, None))
print(len(data["sections"]), "pydantic" in sys.modules, "yaml" in sys.modules)
"""


def test_plain_data_is_read_without_pydantic_or_yaml(example: Path, private_cache: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE.parents[1] / "src")}
    env["PWKIT_CACHE_DIR"] = str(private_cache)
    subprocess.run([sys.executable, "-m", "pwkit", "check", str(example)], env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-c", _READ_PLAIN, str(example)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["16", "False", "False"]
