from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from pwkit.checker import check_project
from pwkit.errors import PwkitError
from pwkit.scaffold import InitAnswers, init_project
from pwkit.templates import bundled_pack
from tests.conftest import run_cli

NOT_YET_FILLED = {"PW101", "PW103", "PW105", "PW106"}


def test_init_real_province_prefills_its_comuni(tmp_path: Path) -> None:
    target = tmp_path / "prova-mb"
    out = run_cli("init", target, "--provincia", "MB", "--no-input")
    assert "55 Comuni" in out.stdout
    with (target / "dati" / "comuni.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 55
    assert {r["comune"] for r in rows} >= {"Monza", "Vimercate", "Desio"}
    assert all(len(r["codice_istat"]) == 6 for r in rows)
    progetto = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Monza e della Brianza" in progetto and '"108"' in progetto


def test_fresh_project_has_only_not_yet_filled_findings(fresh: Path) -> None:
    report = check_project(fresh).report
    codes = {d.code for d in report}
    assert report.errors
    assert codes <= NOT_YET_FILLED, codes - NOT_YET_FILLED
    # Every section asks to be written.
    assert {d.location.file for d in report if d.code == "PW103"} == {
        f"sezioni/{p.name}" for p in (fresh / "sezioni").iterdir()
    }


def test_check_of_fresh_project_exits_1(fresh: Path) -> None:
    out = run_cli("check", fresh, code=1)
    assert "PW101" in out.stdout


@pytest.mark.parametrize("name", ["monza e della brianza", "Monza  e della BRIANZA", "mb"])
def test_province_name_forgives_case_and_spaces(tmp_path: Path, name: str) -> None:
    result = init_project(tmp_path / "p", InitAnswers(provincia=name))
    assert result.provincia is not None and result.provincia.sigla == "MB"


def test_accents_are_forgiven(tmp_path: Path) -> None:
    result = init_project(tmp_path / "p", InitAnswers(provincia="forli-cesena"))
    assert result.provincia is not None and result.provincia.sigla == "FC"


def test_unknown_province_is_accepted_with_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "valdoria"
    out = run_cli("init", target, "--provincia", "Valdoria", "--no-input")
    assert "non è una Provincia dell'elenco ISTAT" in out.stderr
    assert (target / "dati" / "comuni.csv").read_text(encoding="utf-8").count("\n") == 1
    codes = {d.code for d in check_project(target).report}
    assert codes <= NOT_YET_FILLED


def test_options_fill_the_title_page(tmp_path: Path) -> None:
    target = tmp_path / "p"
    init_project(
        target,
        InitAnswers("MB", "Centro servizi «Persone»: il piano", "Anna Rossi", "a.rossi@prov.it"),
        today=dt.date(2026, 2, 10),
    )
    text = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Anna Rossi" in text and "a.rossi@prov.it" in text and "2026-02-10" in text
    report = check_project(target).report
    assert not [d for d in report if d.location.file == "progetto.yaml" and d.code != "PW101"]


def test_refuses_a_non_empty_folder_and_touches_nothing(tmp_path: Path) -> None:
    target = tmp_path / "occupata"
    target.mkdir()
    (target / "appunti.txt").write_text("mio", encoding="utf-8")
    out = run_cli("init", target, "--no-input", code=2)
    assert "non è vuota" in out.stderr
    assert [p.name for p in target.iterdir()] == ["appunti.txt"]
    assert (target / "appunti.txt").read_text(encoding="utf-8") == "mio"


def test_failure_midway_removes_only_what_init_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nuova"
    calls = {"n": 0}
    import pwkit.scaffold as scaffold

    real = scaffold._write_new

    def failing(root: Path, rel: str, text: str) -> list[Path]:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disco pieno")
        return real(root, rel, text)

    monkeypatch.setattr(scaffold, "_write_new", failing)
    with pytest.raises(OSError):
        init_project(target, InitAnswers(provincia="MB"))
    assert not target.exists()

    existing = tmp_path / "vuota"
    existing.mkdir()
    calls["n"] = 0
    with pytest.raises(OSError):
        init_project(existing, InitAnswers(provincia="MB"))
    assert existing.is_dir() and not any(existing.iterdir())


def test_bundled_template_is_found_from_the_source_tree() -> None:
    pack = bundled_pack()
    assert (pack / "manifest.yaml").is_file()


def test_unknown_template_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PwkitError, match=r"manifest\.yaml"):
        init_project(tmp_path / "p", InitAnswers(), template=tmp_path)


def test_state_records_template_and_base(fresh: Path) -> None:
    state = (fresh / ".pwkit" / "modello.json").read_text(encoding="utf-8")
    assert '"province-comuni-personale"' in state and '"1.0.0"' in state
    assert (fresh / ".pwkit" / "base" / "sezioni" / "06-servizi.md").read_text(
        encoding="utf-8"
    ) == (fresh / "sezioni" / "06-servizi.md").read_text(encoding="utf-8")


def test_terminal_questions_and_closest_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import pwkit.cli

    monkeypatch.setattr(pwkit.cli, "_interactive", lambda: True)
    target = tmp_path / "p"
    result = CliRunner().invoke(
        pwkit.cli.app, ["init", str(target)], input="monza brianza\nIl piano\n\n\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "Intendevi «Monza e della Brianza»?" in result.output
    text = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Il piano" in text and "Monza e della Brianza" in text


# --- what a template pack may make: size, work, numbers (#15) -------------------------------

SKELETON = "sezioni/01-sintesi.md.j2"


def _pack_with(tmp_path: Path, skeleton: str, rel: str = SKELETON) -> Path:
    import shutil

    pack = tmp_path / "modello"
    shutil.copytree(bundled_pack(), pack)
    (pack / rel).write_text(skeleton, encoding="utf-8")
    return pack


def _refused(tmp_path: Path, skeleton: str, fragment: str, rel: str = SKELETON) -> str:
    pack = _pack_with(tmp_path, skeleton, rel)
    target = tmp_path / "nuovo"
    out = run_cli("init", target, "--provincia", "MB", "--no-input", "--modello", pack, code=2)
    said = " ".join(out.stderr.split())
    assert f"Lo scheletro {rel} del modello non si può usare" in said, said
    assert fragment in said, said
    assert not target.exists()
    return said


@pytest.mark.parametrize(
    "skeleton",
    [
        "{{ 'x' * 3000000 }}",
        "{{ 'x' * 300000000 }}",
        "{{ ('x' * 1000) * 3000 }}",
        "{{ 'x' * 1500000 + 'y' * 1500000 }}",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s | length }}",
        "{% set l = [0] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}{{ l | length }}",
        "{{ 'ab' | center(300000000) }}",
        "{{ 'ab'.ljust(300000000) | length }}",
        "{{ 'x' | indent(300000000, true) }}",
        "{{ '%300000000d' % 1 }}",
        "{{ '%*d' % (300000000, 1) }}",
        "{{ '{:>300000000}'.format(1) }}",
        "{{ '%300000000s' | format('a') }}",
        "{% set b = 'x' * 1000000 %}{{ (b ~ b ~ b) | length }}",
        "{% set b = 'x' * 1000000 %}{{ b.replace('x', 'yyyy') | length }}",
        "{% set b = ['x' * 1000000] * 5 %}{{ b | join(',') | length }}",
        "{% set b = 'x' * 1000000 %}{{ ('%s' * 5) % (b, b, b, b, b) }}",
        "{{ [1] | batch(300000000, 0) | list | length }}",
        "{{ 9 ** 999999 }}",
        "{{ (10 ** 900) * (10 ** 900) }}",
    ],
)
def test_a_skeleton_making_something_too_big_is_refused(tmp_path: Path, skeleton: str) -> None:
    _refused(tmp_path, skeleton, "troppo grand")


def test_the_whole_project_is_bounded_too(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "modello"
    shutil.copytree(bundled_pack(), pack)
    for skeleton in (pack / "sezioni").glob("*.j2"):
        skeleton.write_text("{{ 'x' * 1900000 }}\n", encoding="utf-8")
    target = tmp_path / "nuovo"
    out = run_cli("init", target, "--provincia", "MB", "--no-input", "--modello", pack, code=2)
    assert "supererebbero in tutto 20.000.000 di caratteri" in " ".join(out.stderr.split())
    assert not target.exists()


@pytest.mark.parametrize(
    "skeleton",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(60) }}",
        "{% for x in [1] recursive %}{% if loop.depth < 2 %}{{ loop(range(100000)) }}{% endif %}"
        "{% endfor %}",
        "{% set b = 'x' * 1000000 %}{% for i in range(100000) %}{{ b.count('y') }}{% endfor %}",
    ],
)
def test_a_skeleton_with_too_much_work_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skeleton: str
) -> None:
    monkeypatch.setattr("pwkit.sandbox.MAX_STEPS", 20_000)
    _refused(tmp_path, skeleton, "troppo lavoro (più di 20.000 operazioni")


def test_a_skeleton_taking_too_long_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pwkit.sandbox.MAX_SECONDS", 0.0)  # the clock runs out at once
    skeleton = "{% for i in range(3) %}{{ i }}{% endfor %}"
    _refused(tmp_path, skeleton, "impiega troppo tempo", rel="progetto.yaml.j2")


@pytest.mark.parametrize(
    ("skeleton", "fragment"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ '%d' % 'x' }}", "TypeError"),
        ("{{ lipsum(1000000) }}", "variabile"),
    ],
)
def test_a_skeleton_that_fails_is_the_packs_problem_not_an_internal_error(
    tmp_path: Path, skeleton: str, fragment: str
) -> None:
    _refused(tmp_path, skeleton, fragment)


def test_what_real_skeletons_do_still_works(tmp_path: Path) -> None:
    skeleton = (
        "{% import '_macros.j2' as m with context %}---\nservizi_prioritari: []\n---\n"
        "{{ '-' * 40 }} {{ 2 ** 10 }} {{ '%5.1f' | format(3.14159) }} {{ '{:,}'.format(12000000) }}"
        " {{ 'a' ~ 1 ~ 'b' }} {{ ['x', 'y'] | join('+') }} {{ 'ab'.center(6, '.') }}"
        " {{ '%-4s|' % 'ab' }} {{ 'a-b'.replace('-', ' e ') }} {{ 12000000 | filesizeformat }}\n"
        "{% for s in manifest.sections if s.number < 3 %}{{ loop.index }}/{{ loop.length }}"
        " {{ s.title }}\n{% endfor %}"
        "{% for x in [[1, [2]], [3]] recursive %}{{ x if x is number else loop(x) }}{% endfor %}"
        ".\n"
        "{{ m.q(provincia.nome) }}\n"
    )
    pack = _pack_with(tmp_path, skeleton)
    run_cli("init", tmp_path / "nuovo", "--provincia", "MB", "--no-input", "--modello", pack)
    text = (tmp_path / "nuovo" / "sezioni" / "01-sintesi.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert body.splitlines() == [
        "-" * 40 + " 1024   3.1 12,000,000 a1b x+y ..ab.. ab  | a e b 12.0 MB",
        "1/2 Sintesi del Project Work",
        "2/2 Analisi del contesto territoriale",
        "123.",
        '"Monza e della Brianza"',
    ]


def test_a_pack_carrying_a_huge_file_is_refused(tmp_path: Path) -> None:
    pack = _pack_with(tmp_path, "# " + "x" * 2_100_000 + "\n", rel="note.yaml")
    target = tmp_path / "nuovo"
    out = run_cli("init", target, "--provincia", "MB", "--no-input", "--modello", pack, code=2)
    said = " ".join(out.stderr.split())
    assert "Il file note.yaml del modello è troppo grande" in said, said
    assert not target.exists()


def test_a_huge_skeleton_is_not_even_read(tmp_path: Path) -> None:
    _refused(tmp_path, "{# " + "x" * 2_100_000 + " #}\n", "è un file troppo grande (più di 2 MB)")
