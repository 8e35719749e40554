"""The check cache keeps the validated data as plain JSON, for an export that needs no schemas."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pwkit.check import cache, pipeline
from tests.conftest import EXAMPLE, CliResult

Cli = Callable[..., CliResult]


def _stored(root: Path) -> dict[str, object] | None:
    return cache.load_data(root, cache.check_key(root, None))


def test_a_check_keeps_the_validated_data_as_plain_json(example: Path, cli: Cli) -> None:
    cli("check", example)
    stored = _stored(example)
    assert stored is not None
    project = pipeline.check_project(example).project
    assert project.progetto is not None
    assert stored["progetto"] == project.progetto.model_dump(mode="json")
    sections = stored["sections"]
    assert isinstance(sections, dict)
    assert list(sections) == [s.spec.file for s in project.sections]
    for section in project.sections:
        kept = sections[section.spec.file]
        assert section.data is not None and section.body is not None
        assert kept["data"] == section.data.model_dump(mode="json")
        assert kept["model"] == section.spec.model
        assert kept["body_line"] == section.body.first_line
    assert stored["comuni"] == [c.model_dump(mode="json") for c in project.comuni]
    assert stored["comuni_lines"] == list(project.comuni_lines)
    assert json.dumps(stored, ensure_ascii=False)  # plain values only


def test_data_that_does_not_validate_is_kept_as_none(example: Path, cli: Cli) -> None:
    section = next((example / "sezioni").glob("12-*.md"))
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("---\n", "---\nchiave_sconosciuta: 1\n", 1), "utf-8")
    cli("check", example, code=1)
    stored = _stored(example)
    assert stored is not None
    sections = stored["sections"]
    assert isinstance(sections, dict)
    assert sections[f"sezioni/{section.name}"]["data"] is None
    assert sections["sezioni/01-sintesi.md"]["data"] is not None


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
