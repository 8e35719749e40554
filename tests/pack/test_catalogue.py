"""The rule catalogue is one YAML file of content, read by all that explains the rules."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest
import yaml

from pwkit import ISTAT_SITUATION
from pwkit.base.datewindow import FIRST_DATE, LAST_DATE
from pwkit.base.italian import long_date
from pwkit.pack import catalogue
from pwkit.pack.catalogue import rules

RULES_PACKAGE = Path(catalogue.__file__).parents[1] / "rules"


def _raw() -> dict[str, dict[str, object]]:
    text = resources.files("pwkit.pack").joinpath("catalogue.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_every_rule_text_comes_from_the_packaged_yaml() -> None:
    raw = _raw()
    assert list(rules()) == sorted(raw)
    for code, info in rules().items():
        entry = raw[code]
        assert (info.slug, info.severity.value) == (entry["slug"], entry["severity"])
        if "{{" not in str(entry["summary"]):
            assert info.summary == entry["summary"]
        example = entry["example"]
        assert isinstance(example, dict)
        assert (info.wrong, info.right) == (example["wrong"], example["right"])
        if "{{" not in str(entry["explanation"]):
            assert info.explanation == entry["explanation"]


def test_no_rule_module_writes_a_catalogue_text() -> None:
    declaring = []
    for path in sorted(RULES_PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id in ("RuleInfo", "declare"):
                declaring.append(path.name)
    assert declaring == []


def test_the_facts_a_text_names_are_filled_from_their_one_definition() -> None:
    explanation = rules()["PW006"].explanation
    assert f"dal {long_date(FIRST_DATE)} al {long_date(LAST_DATE)}:" in explanation
    assert f"(situazione al {ISTAT_SITUATION})" in rules()["PW401"].explanation
    for info in rules().values():
        for text in (info.summary, info.explanation, info.wrong, info.right):
            assert "{{" not in text, info.code


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("[]", "needs exactly"),
        ("{slug: x, severity: errore, summary: s, explanation: e}", "needs exactly"),
        (
            "{slug: x, severity: errore, summary: s, explanation: '{{nope}}',"
            " example: {file: f, part: prose, wrong: w, right: r}}",
            "unknown fact {{nope}}",
        ),
        (
            "{slug: x, severity: errore, summary: 3, explanation: e,"
            " example: {file: f, part: prose, wrong: w, right: r}}",
            "summary is not text",
        ),
        (
            "{slug: x, severity: errore, summary: s, explanation: e,"
            " example: {file: f, part: poem, wrong: w, right: r}}",
            "part is not one of",
        ),
        (
            "{slug: x, severity: errore, summary: s, explanation: e,"
            " example: {file: f, part: data, at: S1, wrong: w, right: r}}",
            "at is not a list",
        ),
        (
            "{slug: x, severity: errore, summary: s, explanation: e,"
            " example: {part: data, wrong: w, right: r}}",
            "example needs",
        ),
    ],
)
def test_a_malformed_entry_is_refused_with_its_code(entry: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        catalogue._entry("PW999", yaml.safe_load(entry), {})
    assert "PW999" in str(caught.value)


def test_a_finding_carries_its_rule_slug() -> None:
    from pwkit.base.diagnostics import Location
    from pwkit.base.findings import finding, grouped

    made = finding("PW301", "m", "h", Location("sezioni/11-piano.md", 3, 5))
    many = grouped("PW401", "m", "h", [Location("dati/comuni.csv", 2, 1)] * 2)
    assert (made.slug, many.slug) == ("activity-dates", "istat-code")
    assert made.to_json()["slug"] == "activity-dates"


def test_diagnostics_import_nothing_of_pwkit() -> None:
    """A finding is plain data: its module does not reach back into the catalogue (no cycle)."""
    source = (Path(catalogue.__file__).parents[1] / "base" / "diagnostics.py").read_text(
        encoding="utf-8"
    )
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert [name for name in imported if name and name.startswith("pwkit")] == []


def test_the_rule_texts_state_the_thresholds_of_the_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pwkit.pack import manifest

    real = manifest.bundled_manifest

    def edited(pack: Path) -> manifest.TemplateManifest:
        loaded = real(pack)
        changes = {
            "min_response_rate": 0.25,
            "months_after_programme": 18,
            "staff_per_1000": (3, 25),
        }
        thresholds = loaded.thresholds.model_copy(update=changes)
        return loaded.model_copy(update={"thresholds": thresholds})

    monkeypatch.setattr(manifest, "bundled_manifest", edited)
    catalogue.rules.cache_clear()
    try:
        texts = rules()
        assert "meno del 25% dei Comuni" in texts["PW404"].explanation
        assert (
            texts["PW308"].summary == "Il piano copre meno di 18 mesi dopo la fine del programma."
        )
        assert "tra 3 e 25 dipendenti ogni 1.000 abitanti" in texts["PW402"].explanation
    finally:
        catalogue.rules.cache_clear()


def test_a_finding_needs_neither_the_schemas_nor_the_template() -> None:
    """The loader makes findings too: it must not pull the layers above it in."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pwkit.base.diagnostics import Location\n"
        "from pwkit.base.findings import finding\n"
        "made = finding('PW003', 'm', 'h', Location('progetto.yaml', 1, 1))\n"
        "above = ('pydantic', 'pwkit.model', 'pwkit.pack', 'pwkit.load')\n"
        "loaded = [m for m in above if m in sys.modules]\n"
        "print(made.slug, loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "yaml-syntax []"
