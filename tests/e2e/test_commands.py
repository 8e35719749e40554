"""``pwkit status``, ``pwkit rules``, ``pwkit schema`` and the rule catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pwkit.base.findings import resolve_codes
from pwkit.pack.catalogue import rules
from tests.conftest import EXAMPLE, REPO, edit, run_cli

#: The codes of ``rules.md`` (the product spec), to compare with the catalogue.
SPEC_CODES = (
    # PW001–PW011 from the spec, PW012 (conflicts left by `pwkit upgrade`) from #8;
    # PW410 (the optional «aderente» column against comuni_target) from #7;
    # PW013 (reference document not a usable .docx), PW014 (table too large), PW015 (table
    # cells beyond the header) from #15; PW107 (a heading skipping a level) and PW108 (a
    # marker placing no table of the section) from #18; PW512–PW515 (rules of template 1.1.0)
    # from #19.
    [f"PW{n:03d}" for n in range(1, 16)]
    + [f"PW{n}" for n in range(101, 109)]
    + [f"PW{n}" for n in range(201, 207)]
    + [f"PW{n}" for n in range(301, 311)]
    + [f"PW{n}" for n in range(401, 411)]
    + [f"PW{n}" for n in range(501, 516)]
)


def test_catalogue_lists_exactly_the_codes_of_the_spec() -> None:
    assert list(rules()) == SPEC_CODES


def test_every_rule_is_documented_with_examples() -> None:
    for info in rules().values():
        assert info.summary and info.explanation, info.code
        assert info.wrong.strip() and info.right.strip() and info.wrong != info.right, info.code
        assert info.slug == info.slug.lower() and " " not in info.slug, info.code
    slugs = [info.slug for info in rules().values()]
    assert len(slugs) == len(set(slugs))


def test_codes_and_slugs_resolve() -> None:
    assert resolve_codes(["pw204", "bad-id", "PW301/whatever", "nope"]) == (
        {"PW204", "PW201", "PW301"},
        ["nope"],
    )


def test_rules_command_lists_and_explains() -> None:
    listing = run_cli("rules").stdout
    assert [line.split()[0] for line in listing.splitlines() if line[:1].strip()] == SPEC_CODES
    one = run_cli("rules", "orphan").stdout
    assert one.startswith("PW204/orphan (avviso)")
    assert "Sbagliato" in one and "Corretto" in one
    assert "PW999" in run_cli("rules", "PW999", code=2).stderr


def test_ignore_takes_slugs_and_refuses_unknown_names(example: Path) -> None:
    edit(
        example / "sezioni" / "01-sintesi.md",
        "servizi_prioritari: [S1, S2]",
        "servizi_prioritari: [S1]",
    )
    run_cli("check", example, "--strict", code=1)
    run_cli("check", example, "--strict", "--ignore", "priority-not-in-summary")
    out = run_cli("check", example, "--ignore", "PW2O6", code=2)
    assert "PW2O6" in out.stderr


def test_status_of_the_example() -> None:
    out = run_cli("status", EXAMPLE, "--oggi", "2026-04-01").stdout
    assert "Completamento complessivo: 100%" in out
    assert "Mancano 29 giorni" in out
    data = json.loads(run_cli("status", EXAMPLE, "--oggi", "2026-04-01", "-f", "json").stdout)
    assert data["completion"] == 100 and data["days_left"] == 29
    assert len(data["sections"]) == 16
    assert all(s["completion"] == 100 and s["errors"] == 0 for s in data["sections"])


def test_status_of_a_fresh_project(fresh: Path) -> None:
    data = json.loads(run_cli("status", fresh, "--oggi", "2026-05-02", "-f", "json").stdout)
    assert data["completion"] == 0 and data["days_left"] is None
    assert all(s["completion"] == 0 and s["placeholders"] > 0 for s in data["sections"])
    assert data["other_errors"] > 0
    text = run_cli("status", fresh, "--oggi", "2026-05-02").stdout
    assert "si è chiusa il 30/04/2026" in text and "passata da" not in text


def test_status_counts_partial_work(example: Path) -> None:
    edit(example / "sezioni" / "06-servizi.md", "priorita: 1", "priorita: DA COMPILARE")
    data = json.loads(run_cli("status", example, "-f", "json").stdout)
    [services] = [s for s in data["sections"] if s["number"] == 6]
    assert services["placeholders"] == 1 and services["errors"] == 1
    assert services["completion"] == 50
    assert 90 < data["completion"] < 100


def test_status_rejects_a_bad_date(example: Path) -> None:
    assert "AAAA-MM-GG" in run_cli("status", example, "--oggi", "1/4/2026", code=2).stderr


def test_schema_writes_every_schema_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "schemi"
    run_cli("schema", "--out", out)
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 17 and "progetto.schema.json" in names
    services = json.loads((out / "06-servizi.schema.json").read_text(encoding="utf-8"))
    assert services["title"].startswith("Catalogo dei servizi")
    item = services["$defs"]["ServizioTutele"]
    assert item["additionalProperties"] is False
    assert item["properties"]["id"]["pattern"] == "^S[0-9]+$"
    assert "description" in item["properties"]["priorita"]
    (out / "06-servizi.schema.json").write_text("mio", encoding="utf-8")
    run_cli("schema", "--out", out, code=2)
    assert (out / "06-servizi.schema.json").read_text(encoding="utf-8") == "mio"
    run_cli("schema", "--out", out, "--force")
    assert json.loads((out / "06-servizi.schema.json").read_text(encoding="utf-8"))


def test_schema_shows_the_vocabularies_of_template_1_1_0(tmp_path: Path) -> None:
    out = tmp_path / "schemi"
    run_cli("schema", "--out", out)

    def schema(name: str) -> str:
        return (out / name).read_text(encoding="utf-8")

    services = json.loads(schema("06-servizi.schema.json"))["$defs"]
    assert set(services["RuoloPrivacy"]["enum"]) == {"titolare", "contitolare", "responsabile"}
    assert set(services["Dpia"]["enum"]) == {"svolta", "prevista", "non_necessaria"}
    assert {"misure_anticorruzione", "trattamento_dati"} <= set(
        services["ServizioTutele"]["properties"]
    )
    legal = set(services["BaseGiuridica"]["enum"])
    assert {"L350_3C61", "L68_1999", "DLGS66_2010", "DLGS165_57", "DL80_3C4BIS"} <= legal
    assert {"CCNL_FL_2022_2024", "DLGS165_35BIS", "L241_6BIS", "DLGS33_19"} <= legal
    assert {"poc", "pn_capacita_coesione", "pnrr"} <= set(
        json.loads(schema("10-economia.schema.json"))["$defs"]["FonteFinanziamento"]["enum"]
    )
    assert "corruzione_trasparenza" in schema("12-rischi.schema.json")
    assert "capacita_assunzionale" in schema("07-organizzazione.schema.json")
    assert "fonte_data" in schema("04-buone-pratiche.schema.json")
    assert "edizione" in schema("progetto.schema.json")


def test_rules_lists_the_new_codes_with_their_sources() -> None:
    lines = run_cli("rules").stdout.splitlines()
    for code, source in (
        ("PW512", "art. 35-bis D.Lgs."),
        ("PW513", "GDPR"),
        ("PW514", "sezione 4"),
        ("PW515", "art. 33 DL 34/2019"),
    ):
        at = next(i for i, line in enumerate(lines) if line.startswith(code))
        assert "Fonte:" in lines[at + 1] and source in " ".join(lines[at + 1 : at + 3]), code
    assert "Fonte: Regolamento UE 2016/679" in run_cli("rules", "PW513").stdout


def test_init_points_progetto_yaml_at_its_schema(fresh: Path) -> None:
    first = (fresh / "progetto.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=.pwkit/schemi/progetto.schema.json"
    schema = json.loads(
        (fresh / ".pwkit" / "schemi" / "progetto.schema.json").read_text(encoding="utf-8")
    )
    assert "provincia" in schema["properties"]


@pytest.mark.parametrize("project", ["fresh", "example"])
def test_no_rule_crashes_on_partial_projects(project: str, request: pytest.FixtureRequest) -> None:
    root = request.getfixturevalue(project)
    # Knock out one section at a time: rules must report, never raise.
    from pwkit.check.pipeline import check_project

    for section in sorted((root / "sezioni").glob("*.md")):
        text = section.read_text(encoding="utf-8")
        section.write_text("---\n: rotto\n---\n", encoding="utf-8")
        check_project(root)
        section.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "case", sorted(p.name for p in (REPO / "tests" / "data" / "projects").iterdir())
)
def test_rules_report_but_never_raise_on_broken_projects(case: str) -> None:
    root = REPO / "tests" / "data" / "projects" / case
    out = run_cli("check", root, "--format", "json", code=1)
    assert json.loads(out.stdout)["summary"]["errors"] > 0
