"""The upgrade tests start from the example as template 1.0.0 made it (the example itself has
been upgraded to 1.1.0 with ``pwkit upgrade``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

VALDORIA_1_0 = REPO / "tests" / "data" / "valdoria-1.0.0"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the bundled example as it was in template 1.0.0."""
    target = tmp_path / "provincia-di-valdoria"
    shutil.copytree(VALDORIA_1_0, target)
    return target
