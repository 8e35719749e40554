"""The exported documents are valid OOXML for Microsoft's Open XML SDK and openxml-audit.

The SDK (npm ``@ooxml-tools/validate``, the .NET validator compiled to WebAssembly) is what
Word itself is closest to; ``.ci/run`` installs it into ``.ci/node`` and the test runs it where
``node`` is present. openxml-audit is its pure-Python port, installed with the test extras.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.e2e.conftest import DOCUMENTS

NODE_DIR = REPO / ".ci" / "node"
VALIDATE_SCRIPT = NODE_DIR / "validate.mjs"
VALIDATOR_PACKAGE = NODE_DIR / "node_modules" / "@ooxml-tools" / "validate"


def _sdk_errors(paths: list[Path]) -> dict[str, list[dict[str, Any]]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node non installato")
    if not VALIDATOR_PACKAGE.is_dir():
        pytest.skip("validatore Open XML SDK non installato: npm ci --prefix .ci/node")
    run = subprocess.run(
        [node, str(VALIDATE_SCRIPT), *(str(p) for p in paths)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        cwd=NODE_DIR,
    )
    found: dict[str, list[dict[str, Any]]] = json.loads(run.stdout)
    return {Path(path).stem: errors for path, errors in found.items()}


def test_the_open_xml_sdk_finds_no_error(exported: dict[str, Path]) -> None:
    errors = _sdk_errors([exported[name] for name in DOCUMENTS])
    assert set(errors) == set(DOCUMENTS)
    described = {
        name: [(e["path"]["partUri"], e["path"]["xpath"], e["description"]) for e in found]
        for name, found in errors.items()
    }
    assert described == {name: [] for name in DOCUMENTS}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_openxml_audit_finds_no_error(name: str, exported: dict[str, Path]) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    result = validator.validate(str(exported[name]))
    assert [(e.error_type, e.description, e.part_uri, e.path) for e in result.errors] == []
