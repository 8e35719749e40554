"""What one ``pwkit apri`` server knows: where it started, the open project, its secrets."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pwkit.base.errors import PwkitError
from pwkit.web.security import Secrets

#: Writes the details of an internal error somewhere for the user to send; returns where.
CrashLog = Callable[[BaseException], str | None]


class NoProject(PwkitError):
    """A page of a project was asked while none is open (the new-project form is shown)."""


@dataclass
class Site:
    """The state of one server: one user, one project at a time.

    ``start`` is the folder ``apri`` was given (or the current one); ``root`` the project
    open in it, ``None`` until the new-project form has made one. Calls into the library
    that read or write the project hold ``lock``, one at a time.
    """

    start: Path
    keys: Secrets = field(default_factory=Secrets)
    root: Path | None = None
    crash_log: CrashLog | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    workspace: Any = None
    """The open project as the editing API keeps it between requests (``None`` until used)."""

    def project(self) -> Path:
        """The open project's root; :class:`NoProject` when there is none yet."""
        if self.root is None:
            raise NoProject("Nessun Project Work aperto.", hint="Creane uno dal modulo.")
        return self.root

    def open(self, root: Path) -> None:
        """Make ``root`` the project every page shows from now on."""
        self.root = root
        self.workspace = None
