"""File-system safety: outputs written whole, never over an existing entry without --force."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pwkit.base.errors import OutputExistsError, PwkitError
from pwkit.base.fsutil import refuse_overwrite, write_output


def _rival(path: Path, text: str = "altro"):  # type: ignore[no-untyped-def]
    """A writer that finds ``path`` taken by someone else while it was writing."""

    def write(tmp: Path) -> None:
        tmp.write_text("mio", encoding="utf-8")
        path.write_text(text, encoding="utf-8")

    return write


def test_a_name_taken_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "pw.docx"
    with pytest.raises(OutputExistsError, match="esiste già"):
        write_output(target, _rival(target), force=False)
    assert target.read_text(encoding="utf-8") == "altro"
    assert [p.name for p in tmp_path.iterdir()] == ["pw.docx"]


def test_force_replaces_a_name_taken_while_writing(tmp_path: Path) -> None:
    target = tmp_path / "pw.docx"
    write_output(target, _rival(target), force=True)
    assert target.read_text(encoding="utf-8") == "mio"
    assert [p.name for p in tmp_path.iterdir()] == ["pw.docx"]


@pytest.mark.parametrize("code", [errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK])
def test_without_hard_links_the_name_is_still_taken_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def no_links(*_: object, **__: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    fresh = tmp_path / "nuovo.docx"
    write_output(fresh, lambda tmp: tmp.write_text("mio", encoding="utf-8"), force=False)
    assert fresh.read_text(encoding="utf-8") == "mio"
    taken = tmp_path / "preso.docx"
    with pytest.raises(OutputExistsError):
        write_output(taken, _rival(taken), force=False)
    assert taken.read_text(encoding="utf-8") == "altro"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nuovo.docx", "preso.docx"]


def test_a_dangling_link_is_an_existing_entry(tmp_path: Path) -> None:
    link = tmp_path / "pw.docx"
    link.symlink_to(tmp_path / "manca" / "pw.docx")
    with pytest.raises(OutputExistsError):
        refuse_overwrite(link, force=False)
    with pytest.raises(OutputExistsError):
        write_output(link, lambda tmp: tmp.write_text("mio", encoding="utf-8"), force=False)
    assert link.is_symlink() and not (tmp_path / "manca").exists()
    write_output(link, lambda tmp: tmp.write_text("mio", encoding="utf-8"), force=True)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "mio"
    assert not (tmp_path / "manca").exists()


def test_a_missing_folder_is_refused_unless_it_is_the_commands_own(tmp_path: Path) -> None:
    with pytest.raises(PwkitError, match="non esiste"):
        refuse_overwrite(tmp_path / "manca" / "pw.docx", force=False)
    refuse_overwrite(tmp_path / "export" / "pw.docx", force=False, new_folder=True)
    with pytest.raises(PwkitError, match="non esiste"):
        refuse_overwrite(tmp_path / "a" / "export" / "pw.docx", force=False, new_folder=True)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    def broken(tmp: Path) -> None:
        tmp.write_text("metà", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        write_output(tmp_path / "export" / "pw.docx", broken, force=False)
    assert list(tmp_path.iterdir()) == []
