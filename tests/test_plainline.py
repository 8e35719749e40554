"""Which command lines of ``pwkit check`` and ``export`` are read without typer, and as what."""

from __future__ import annotations

from pathlib import Path

import pytest

from pwkit.plainline import CheckOptions, ExportOptions, plain_options


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["check"], CheckOptions()),
        (["check", "progetto"], CheckOptions(folder=Path("progetto"))),
        (["check", "--no-cache", "p"], CheckOptions(folder=Path("p"), no_cache=True)),
        (["check", "-f", "json", "--strict"], CheckOptions(json=True, strict=True)),
        (["check", "--format=text", "p"], CheckOptions(folder=Path("p"))),
        (["check", "--ignore", "PW104,orphan"], CheckOptions(ignore="PW104,orphan")),
        (["check", "--sezione=011"], CheckOptions(section=11)),
        (["check", "p", "--sezione", "3"], CheckOptions(folder=Path("p"), section=3)),
        (["export"], ExportOptions()),
        (["export", "p", "--bozza"], ExportOptions(folder=Path("p"), draft=True)),
        (["export", "-o", "a b.docx", "p"], ExportOptions(Path("p"), output=Path("a b.docx"))),
        (
            ["export", "--output=x.docx", "--force"],
            ExportOptions(output=Path("x.docx"), force=True),
        ),
        (
            ["export", "--pdf", "--force", "--bozza"],
            ExportOptions(force=True, draft=True, pdf=True),
        ),
    ],
)
def test_plain_command_lines_are_read_as_typer_reads_them(
    args: list[str], options: CheckOptions | ExportOptions
) -> None:
    assert plain_options(args) == options


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["status"],
        ["--version", "check"],
        ["check", "--help"],
        ["check", "-h"],
        ["check", "--bogus"],
        ["check", "--no-cache=1"],
        ["check", "--strict", "--strict"],
        ["check", "-f", "json", "--format", "text"],
        ["check", "--format"],
        ["check", "--format", "JSON"],
        ["check", "--format="],
        ["check", "-fjson"],
        ["check", "-f=json"],
        ["check", "--ignore", "--strict"],
        ["check", "--ignore="],
        ["check", "--sezione", "x"],
        ["check", "--sezione", "+3"],
        ["check", "--sezione", " 3"],
        ["check", "--sezione", "٣"],
        ["check", "--", "p"],
        ["check", "-"],
        ["check", ""],
        ["check", "a", "b"],
        ["check", "--bozza"],
        ["export", "--strict"],
        ["export", "--help"],
        ["export", "--force", "--force"],
        ["export", "-o"],
        ["export", "-o", "--force"],
        ["export", "-o=x.docx"],
        ["export", "-ox.docx"],
        ["export", "--output="],
        ["export", "-o", "a.docx", "--output", "b.docx"],
        ["export", "--out", "x.docx"],
        ["export", "--pdf=1"],
        ["export", "a", "b"],
        ["export", "--", "p"],
    ],
    ids=lambda args: " ".join(args) or "-",
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert plain_options(args) is None
