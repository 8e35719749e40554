"""Failures of the operating system, told to an officer in Italian with what to do."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from pwkit.base.errors import _OS_REASONS, os_failure
from tests.conftest import EXAMPLE, run_cli

#: The errors an officer meets writing to a PC, a USB stick or a network share.
EXPLAINED = (
    "EFBIG", "ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "ENAMETOOLONG", "EMFILE", "ENFILE",
    "EIO", "EXDEV", "ELOOP", "ENOENT", "ENOTDIR", "EISDIR", "EEXIST", "EBUSY", "ETXTBSY",
    "EINVAL", "ENOTEMPTY", "ESTALE", "ETIMEDOUT", "ENOMEM", "EAGAIN", "ENODEV", "ENXIO",
)  # fmt: skip


@pytest.mark.parametrize("name", sorted(set(EXPLAINED) | set(_OS_REASONS)))
def test_every_named_os_error_is_explained_in_italian(name: str) -> None:
    if not hasattr(errno, name):
        pytest.skip(f"{name} non esiste su questo sistema")
    code = getattr(errno, name)
    error = os_failure(OSError(code, "Some English text", "/dati/pw/export/pw.docx"))
    said = f"{error.message} {error.hint}"
    assert name in _OS_REASONS
    assert error.message.startswith("Operazione non riuscita su /dati/pw/export/pw.docx: ")
    assert name.casefold() not in said.casefold() and "Some English text" not in said
    assert "errore del sistema" not in said.casefold()
    assert error.hint and error.hint.endswith(".") and len(error.hint) > 25, error.hint
    assert error.exit_code == 2


def test_two_paths_are_both_named() -> None:
    error = os_failure(OSError(errno.EXDEV, "Invalid cross-device link", "/a/x.tmp", None, "/b/x"))
    assert "/a/x.tmp" in error.message and "/b/x" in error.message


def test_an_unknown_os_error_is_still_said_in_italian_through_the_funnel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwkit.render.docx

    target = tmp_path / "pw.docx"

    def failing(*_: object, **__: object) -> None:
        raise OSError(4242, "Strange device state", str(target))

    monkeypatch.setattr(pwkit.render.docx, "export_docx", failing)
    out = run_cli("export", EXAMPLE, "-o", target, code=2)
    said = " ".join(out.stderr.split())
    assert f"Operazione non riuscita su {target}" in said
    assert "il sistema operativo ha segnalato un errore" in said
    assert "«Strange device state», codice 4242" in said
    assert "supporto informatico" in said
