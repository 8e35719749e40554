"""Each catalogue example, in its place: the wrong text breaks the rule, the right one does not.

``pwkit rules CODE`` shows users a wrong and a right example; the catalogue says where each goes
in a project (``tests/rules/example_edits.py`` writes it there, in a copy of the bundled
example). An example may take for granted something the bundled example is not (a file it names,
a column of the Comuni file): ``SITUATIONS`` sets that up. An example may describe a text
instead of showing it (``(una sezione di 900 parole…)``): ``STAND_INS`` writes the text it
describes, and only for an example that says it is describing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pwkit.check.pipeline import check_project
from pwkit.pack.catalogue import RuleInfo, rules
from tests.conftest import EXAMPLE
from tests.rules.example_edits import apply_example

Edit = Callable[[Path, RuleInfo], None]


def _attachments(*names: str) -> Edit:
    def write(root: Path, info: RuleInfo) -> None:
        from docx import Document

        for name in names:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".docx":
                Document().save(str(path))
            else:
                path.write_bytes(b"%PDF-1.4 allegato")

    return write


def _joining_column(joining: int) -> Edit:
    def write(root: Path, info: RuleInfo) -> None:
        path = root / "dati" / "comuni.csv"
        header, *rows = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        marked = [f"{row},{'si' if n < joining else 'no'}" for n, row in enumerate(rows)]
        path.write_text("\n".join([f"{header},aderente", *marked]) + "\n", encoding="utf-8")

    return write


#: What an example takes for granted and the bundled example project does not have.
SITUATIONS: dict[str, Edit] = {
    "PW010": _attachments("allegati/convenzione.pdf"),
    "PW013": _attachments("allegati/carta-intestata.doc", "allegati/carta-intestata.docx"),
    "PW410": _joining_column(28),
}


def _body(root: Path, info: RuleInfo) -> tuple[Path, str, str]:
    path = root / info.place.file
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 3) + len("\n---\n")
    return path, text[:end], text[end:]


def _saved_in_windows_1252(root: Path, info: RuleInfo) -> None:
    path, front, _ = _body(root, info)
    path.write_bytes(f"{front}Città\n".encode("cp1252"))


def _table_written_out(root: Path, info: RuleInfo) -> None:
    path, front, _ = _body(root, info)
    years = range(2015, 2091)
    rows = [
        "| Comune | " + " | ".join(str(y) for y in years) + " |",
        "|---" * (len(years) + 1) + "|",
        "| Dorena | " + " | ".join("12" for _ in years) + " |",
    ]
    path.write_text(front + "\n".join(rows) + "\n", encoding="utf-8")


def _own_text(times: int) -> Edit:
    def write(root: Path, info: RuleInfo) -> None:
        path, front, body = _body(root, info)
        path.write_text(front + "\n\n".join([body] * times), encoding="utf-8")

    return write


#: Examples that describe a text rather than show it, and the text they describe.
STAND_INS: dict[tuple[str, str], Edit] = {
    ("PW002", "wrong"): _saved_in_windows_1252,
    ("PW014", "wrong"): _table_written_out,
    ("PW103", "right"): _own_text(1),
    ("PW104", "wrong"): _own_text(3),
    ("PW104", "right"): _own_text(1),
}


#: Findings of data that is not read (a rule cannot check what is left out).
UNREADABLE = {"PW003", "PW004", "PW006"}


def _examples() -> list[object]:
    return [
        pytest.param(code, side, id=f"{code}-{side}")
        for code in rules()
        for side in ("wrong", "right")
    ]


@pytest.mark.parametrize(("code", "side"), _examples())
def test_the_example_breaks_the_rule_only_when_wrong(code: str, side: str, tmp_path: Path) -> None:
    info = rules()[code]
    root = tmp_path / "progetto"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
    if code in SITUATIONS:
        SITUATIONS[code](root, info)
    if (code, side) in STAND_INS:
        STAND_INS[code, side](root, info)
    else:
        apply_example(root, info.place, getattr(info, side))
    report = list(check_project(root).report)
    found = [f"{d.location} {d.code} {d.message}" for d in report]
    reported = [d for d in report if d.code == code]
    if side == "wrong":
        assert reported, found
        return
    assert reported == [], found
    if info.place.part == "data" and code not in UNREADABLE:
        # The right data is read whole: the rule had it to check, and found nothing.
        assert {d.code for d in report} & UNREADABLE == set(), found


@pytest.mark.parametrize(("code", "side"), list(STAND_INS))
def test_a_stand_in_replaces_only_an_example_that_describes(code: str, side: str) -> None:
    text = getattr(rules()[code], side)
    assert "(" in text or "…" in text, text
