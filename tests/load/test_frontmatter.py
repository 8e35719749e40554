from __future__ import annotations

import pytest

from pwkit.load.frontmatter import (
    conflict_block,
    conflict_markers,
    find_conflicts,
    join_front_matter,
    split_front_matter,
)


def test_front_matter_and_body_are_split_at_the_closing_line() -> None:
    split = split_front_matter("---\ntitolo: x\nn: 1\n---\n# Testo\n\nCorpo.\n")
    assert split.front == "titolo: x\nn: 1"
    assert split.body == "# Testo\n\nCorpo.\n"
    assert split.body_line == 5
    assert not split.unclosed


def test_a_file_without_front_matter_is_all_body() -> None:
    split = split_front_matter("# Testo\n---\n")
    assert (split.front, split.body, split.body_line, split.unclosed) == (
        None,
        "# Testo\n---\n",
        1,
        False,
    )


def test_a_front_matter_never_closed_is_told_apart() -> None:
    split = split_front_matter("---\ntitolo: x\n# Testo\n")
    assert split.front is None and split.unclosed
    assert split.body == "---\ntitolo: x\n# Testo\n"


@pytest.mark.parametrize(
    "text",
    ["---\na: 1\n---\nTesto.\n", "---\n---\nTesto.\n", "---  \na: 1\n---\n", "Solo testo.\n"],
)
def test_joining_what_was_split_gives_the_file_back(text: str) -> None:
    split = split_front_matter(text)
    joined = join_front_matter(split.front, split.body)
    assert joined == text.replace("---  \n", "---\n")


def test_a_conflict_written_by_upgrade_is_found_where_it_was_written() -> None:
    lines = ["Prima.", *conflict_block(["Mio."], ["Del modello."], "1.1.0"), "Dopo."]
    assert lines[1] == "<<<<<<< progetto" and lines[-2] == ">>>>>>> modello 1.1.0"
    assert find_conflicts("\n".join(lines), first_line=10) == [(11, 15)]
    [finding] = conflict_markers("sezioni/01-sintesi.md", "\n".join(lines), 10)
    assert finding.code == "PW012"
    assert str(finding.location) == "sezioni/01-sintesi.md:11:1"
    assert "righe 11–15" in finding.message
    assert "«<<<<<<< progetto», «=======» e «>>>>>>> modello …»" in finding.hint


def test_a_conflict_never_closed_is_found_from_its_start() -> None:
    assert find_conflicts("a\n<<<<<<< progetto\nb\n=======\n") == [(2, None)]
    [finding] = conflict_markers("x.md", "a\n<<<<<<< progetto\nb\n")
    assert "dalla riga 2" in finding.message
