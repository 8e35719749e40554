"""A check report written to a file or a pipe: the very text rich writes there, without rich."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from pwkit import console
from pwkit.base.diagnostics import CheckReport, Diagnostic, Location, Severity
from pwkit.console import findings, plain

#: Text with what rich's markup and rendering treat specially, and what they leave alone.
_TEXT = st.text(
    alphabet=st.sampled_from(list("ab [/]\\#@=: ")) | st.sampled_from(list("\t\r\n\x07\x1b«»漢→✓")),
    max_size=12,
) | st.text(max_size=12)


def _report(texts: list[tuple[str, str, str]], errors: int) -> CheckReport:
    found = [
        Diagnostic(
            f"PW{100 + i}",
            Severity.ERROR if i < errors else Severity.WARNING,
            message,
            hint,
            Location(file, i + 1 if i % 2 else None, i if i % 3 else None),
            slug="rule",
        )
        for i, (file, message, hint) in enumerate(texts)
    ]
    return CheckReport(found, sections_total=16, sections_complete=16 - errors)


def _drawn_by_rich(report: CheckReport, strict: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    written = io.StringIO()
    drawn = Console(file=written, highlight=False, soft_wrap=True, emoji=False)
    monkeypatch.setattr(console, "_out", drawn, raising=False)
    findings.print_with_rich(report, strict=strict)
    return written.getvalue()


@settings(deadline=None, max_examples=300)
@example(texts=[("f", "fine riga \\", "h")], errors=0, strict=False)
@example(texts=[("f", "a\\[b", "c\\[/]")], errors=1, strict=False)
@example(texts=[("f", "spazi  ", "\ttab")], errors=0, strict=True)
@given(
    texts=st.lists(st.tuples(_TEXT, _TEXT, _TEXT), max_size=4),
    errors=st.integers(0, 4),
    strict=st.booleans(),
)
def test_lines_written_plainly_are_what_rich_writes(
    texts: list[tuple[str, str, str]], errors: int, strict: bool
) -> None:
    report = _report(texts, errors)
    lines = findings.report_lines(report, strict=strict)
    with pytest.MonkeyPatch.context() as monkeypatch:
        drawn = _drawn_by_rich(report, strict, monkeypatch)
    if plain.as_written(lines):
        assert "".join(f"{line}\n" for line in lines) == drawn


def test_a_usual_report_is_written_plainly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _report(
        [("sezioni/11-piano.md", "La fase F2 inizia prima di «F1».", "Correggi [[F1]].")], 1
    )
    drawn = _drawn_by_rich(report, False, monkeypatch)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setattr(console, "_out", object())  # printing through rich would fail
    findings.print_report(report)
    assert capsys.readouterr().out == drawn
    assert drawn.endswith("✗ 1 errore, 0 avvisi, sezioni complete 15/16\n")
