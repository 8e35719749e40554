"""Pydantic's plugins, which the ``pwkit`` command runs without.

The first time Pydantic builds a validator it looks for plugins: it imports
``importlib.metadata`` and reads the entry points of every installed distribution, ≈ 14 ms of
a cold check or export (`benchmarks/RESULTS.md`). pwkit's schemas use no plugin, so the
command (:func:`skip_discovery`; a program that imports pwkit as a library keeps its own
plugins) puts in place of Pydantic's loader a module that finds none.

That loader is a private module of Pydantic. Its stand-in answers ``get_plugins()`` itself only
for the Pydantic versions whose loader was read (``CHECKED``: one function, ``get_plugins()``,
imported by one module). For any other version, and for any other name, it hands over to the
real loader: a Pydantic that reorganises it makes pwkit slower by those milliseconds, never
wrong.
"""

import importlib
import sys
import types
from collections.abc import Iterable
from typing import Any

#: Pydantic's plugin loader, replaced in the ``pwkit`` command.
LOADER = "pydantic.plugin._loader"

#: The first and last Pydantic (major, minor) whose loader was read: 2.7 to 2.14.
CHECKED = ((2, 7), (2, 14))


def skip_discovery() -> None:
    """Let this process's Pydantic find no plugin, without looking (once, before it looks)."""
    if LOADER not in sys.modules:
        sys.modules[LOADER] = _NoPlugins(LOADER)


def checked(version: str) -> bool:
    """Whether Pydantic ``version`` (``2.14.4``, ``2.15.0b1``) is one whose loader was read."""
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    return CHECKED[0] <= (major, minor) <= CHECKED[1]


def _pydantic_version() -> str:
    from pydantic.version import VERSION

    return VERSION


class _NoPlugins(types.ModuleType):
    """Stands in for Pydantic's loader: no plugins, or the real loader's answer."""

    def get_plugins(self) -> Iterable[Any]:
        """No plugins on a checked Pydantic; otherwise whatever the real loader finds."""
        if checked(_pydantic_version()):
            return ()
        plugins: Iterable[Any] = self._real().get_plugins()
        return plugins

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # what the import system asks of any module (``__path__``)
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> types.ModuleType:
        """Pydantic's own loader, imported now and put back in its place."""
        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        return importlib.import_module(LOADER)
