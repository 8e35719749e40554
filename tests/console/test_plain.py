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


@settings(deadline=None, max_examples=200)
@example(message="Il file «a [b]» è stato scritto")
@example(message="C:\\percorso\\")
@given(message=_TEXT)
def test_a_line_or_a_warning_written_plainly_is_what_rich_writes(message: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, say in (("_out", console.info), ("_err", console.warn)):
            drawn = io.StringIO()
            rich = Console(file=drawn, highlight=False, soft_wrap=True, emoji=False)
            monkeypatch.setattr(console, name, rich, raising=False)
            written = io.StringIO()
            monkeypatch.setattr(f"sys.{'stdout' if name == '_out' else 'stderr'}", written)
            monkeypatch.setattr(plain, "_not_a_terminal", lambda stream: True)
            say(message)
            monkeypatch.setattr(plain, "_not_a_terminal", lambda stream: False)
            say(message)
            assert written.getvalue() in ("", drawn.getvalue())


def test_a_usual_line_and_warning_are_written_without_rich(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setattr(console, "_out", object())  # printing through rich would fail
    monkeypatch.setattr(console, "_err", object())
    console.info("Documento scritto: export/PW-VD-v1.0.docx")
    console.warn("Bozza con 2 errori aperti [vedi sotto].")
    said = capsys.readouterr()
    assert said.out == "Documento scritto: export/PW-VD-v1.0.docx\n"
    assert said.err == "Attenzione: Bozza con 2 errori aperti [vedi sotto].\n"
