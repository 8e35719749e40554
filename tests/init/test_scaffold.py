from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from pwkit.base.errors import PwkitError
from pwkit.check.pipeline import check_project
from pwkit.init.answers import InitAnswers
from pwkit.init.scaffold import init_project
from pwkit.pack.registry import bundled_pack
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
    import pwkit.init.scaffold as scaffold

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
    assert '"province-comuni-personale"' in state and '"1.1.0"' in state
    assert (fresh / ".pwkit" / "base" / "sezioni" / "06-servizi.md").read_text(
        encoding="utf-8"
    ) == (fresh / "sezioni" / "06-servizi.md").read_text(encoding="utf-8")


def test_terminal_questions_take_a_known_short_name_without_asking_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import pwkit.cli

    monkeypatch.setattr(pwkit.cli, "_interactive", lambda: True)
    target = tmp_path / "p"
    result = CliRunner().invoke(
        pwkit.cli.app, ["init", str(target)], input="monza brianza\nIl piano\n\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "non è tra le Province" not in result.output
    text = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert "Il piano" in text and "Monza e della Brianza" in text
    assert len(_comuni_rows(target)) == 55


def test_terminal_questions_about_a_single_candidate_say_its_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import pwkit.cli

    monkeypatch.setattr(pwkit.cli, "_interactive", lambda: True)
    target = tmp_path / "p"
    result = CliRunner().invoke(pwkit.cli.app, ["init", str(target)], input="Pescra\n9\n1\n\n\n\n")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "1. Pescara (provincia, Abruzzo, 46 Comuni) Scrivi 1 per sceglierla, un altro nome" in said
    )
    assert "Nessuna Provincia ha il numero 9: scrivi 1 o un nome." in said
    assert len(_comuni_rows(target)) == 46


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
    monkeypatch.setattr("pwkit.pack.sandbox.MAX_STEPS", 20_000)
    _refused(tmp_path, skeleton, "troppo lavoro (più di 20.000 operazioni")


def test_a_skeleton_taking_too_long_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pwkit.pack.sandbox.MAX_SECONDS", 0.0)  # the clock runs out at once
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


@pytest.mark.parametrize(
    "skeleton",
    [
        "{{ ('x' * 1999999) | filesizeformat }}",
        "{{ {}['k' * 100000] }}",
        "{{ " + "y" * 100000 + " }}",
    ],
)
def test_the_message_of_a_failing_skeleton_stays_short(tmp_path: Path, skeleton: str) -> None:
    """The text a failure quotes (a value, a name) is cut: the message is a few lines."""
    said = _refused(tmp_path, skeleton, "")
    assert len(said) < 800, len(said)


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


# --- init never picks the wrong Provincia (#15) -------------------------------------------


def _comuni_rows(target: Path) -> list[dict[str, str]]:
    with (target / "dati" / "comuni.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _on_terminal(monkeypatch: pytest.MonkeyPatch, args: list[str], answers: str) -> str:
    """``pwkit`` run as a person at the terminal types ``answers``; what they saw."""
    from typer.testing import CliRunner

    import pwkit.cli

    monkeypatch.setattr(pwkit.cli, "_interactive", lambda: True)
    result = CliRunner().invoke(pwkit.cli.app, args, input=answers)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def test_terminal_near_miss_is_asked_at_once_and_enter_picks_no_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p"
    said = _on_terminal(monkeypatch, ["init", str(target)], "Reggio\n\nIl piano\n\n\n")
    # The candidates come right after the answer, before the next question, with their type
    # and number of Comuni.
    listed = said.index("1. Reggio nell'Emilia")
    assert listed < said.index("Titolo del Project Work")
    assert "provincia, Emilia-Romagna, 42 Comuni" in said
    assert "2. Reggio Calabria" in said and "città metropolitana, Calabria, 97 Comuni" in said
    # Enter is «none of these»: the name is kept as a Provincia not in the list.
    assert _comuni_rows(target) == []
    progetto = (target / "progetto.yaml").read_text(encoding="utf-8")
    assert 'nome: "Reggio"' in progetto and "\n  codice_uts:" not in progetto
    assert "0 Comuni" in said


def test_terminal_near_miss_picked_by_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p"
    _on_terminal(monkeypatch, ["init", str(target)], "Reggio\n2\nIl piano\n\n\n")
    rows = _comuni_rows(target)
    assert len(rows) == 97 and all(r["codice_istat"].startswith("080") for r in rows)
    assert 'codice_uts: "280"' in (target / "progetto.yaml").read_text(encoding="utf-8")


def test_terminal_near_miss_typed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "p"
    said = _on_terminal(monkeypatch, ["init", str(target)], "Oristan\nOgliastra\nIl piano\n\n\n")
    assert "1. Oristano" in said
    rows = _comuni_rows(target)
    assert len(rows) == 23 and {r["comune"] for r in rows} >= {"Lanusei", "Tortolì"}


def test_terminal_fictional_name_is_confirmed_before_anything_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p"
    said = _on_terminal(monkeypatch, ["init", str(target)], "Valdoria\n\nIl piano\n\n\n")
    assert said.index("«Valdoria» non è") < said.index("Titolo del Project Work")
    assert _comuni_rows(target) == []
    assert "Il piano" in (target / "progetto.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "code", "count"),
    [("Reggio Emilia", "035", 42), ("Barletta", "110", 10), ("Pesaro-Urbino", "041", 50)],
)
def test_no_input_short_names_resolve_to_the_unit(
    tmp_path: Path, name: str, code: str, count: int
) -> None:
    target = tmp_path / "p"
    out = run_cli("init", target, "--provincia", name, "--no-input")
    assert f"{count} Comuni" in out.stdout
    assert len(_comuni_rows(target)) == count
    assert f'codice_uts: "{code}"' in (target / "progetto.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "candidates"),
    [
        ("Reggio", ["Reggio nell'Emilia (provincia", "Reggio Calabria (città metropolitana"]),
        ("Sud Sardegna", ["Medio Campidano", "Sulcis Iglesiente"]),
        ("Pescra", ["Pescara (provincia, Abruzzo, 46 Comuni)"]),
    ],
)
def test_no_input_ambiguous_or_near_miss_name_is_a_usage_error(
    tmp_path: Path, name: str, candidates: list[str]
) -> None:
    target = tmp_path / "p"
    out = run_cli("init", target, "--provincia", name, "--no-input", code=2)
    said = " ".join(out.stderr.split())
    assert f"«{name}» non è" in said
    for candidate in candidates:
        assert candidate in said, said
    assert "--fuori-elenco" in said
    assert not target.exists()


def test_no_input_unknown_name_needs_the_explicit_option(tmp_path: Path) -> None:
    target = tmp_path / "valdoria"
    out = run_cli("init", target, "--provincia", "Valdoria", "--no-input", code=2)
    assert "--fuori-elenco" in out.stderr
    assert not target.exists()

    out = run_cli("init", target, "--provincia", "Valdoria", "--fuori-elenco", "--no-input")
    said = " ".join(out.stdout.split())
    assert "0 Comuni" in said and "dati/comuni.csv" in said and "codice ISTAT" in said
    assert _comuni_rows(target) == []
    codes = {d.code for d in check_project(target).report}
    assert codes <= NOT_YET_FILLED


def test_the_explicit_option_refuses_a_province_of_the_list(tmp_path: Path) -> None:
    target = tmp_path / "p"
    out = run_cli("init", target, "--provincia", "BA", "--fuori-elenco", "--no-input", code=2)
    assert "Città metropolitana di Bari" in out.stderr
    assert not target.exists()


def test_the_explicit_option_is_in_the_help() -> None:
    out = run_cli("init", "--help")
    assert "--fuori-elenco" in out.stdout


def test_ogliastra_gets_its_comuni_with_the_codes_of_2026(tmp_path: Path) -> None:
    target = tmp_path / "og"
    out = run_cli("init", target, "--provincia", "Ogliastra", "--no-input")
    assert "Provincia dell'Ogliastra" in out.stdout and "23 Comuni" in out.stdout
    rows = _comuni_rows(target)
    assert len(rows) == 23
    assert all(r["codice_istat"].startswith("116") for r in rows)
    assert {"codice_istat": "116010", "comune": "Lanusei"}.items() <= rows[9].items()
    report = check_project(target).report
    assert {d.code for d in report} <= NOT_YET_FILLED


def test_sassari_is_the_citta_metropolitana_of_2026(tmp_path: Path) -> None:
    target = tmp_path / "ss"
    out = run_cli("init", target, "--provincia", "Sassari", "--no-input")
    assert "Città metropolitana di Sassari" in out.stdout
    assert len(_comuni_rows(target)) == 66


def _cover_and_header(
    tmp_path: Path, provincia: str, denominazione: str | None = None
) -> tuple[list[str], str]:
    """``init`` a project, complete its title page, export a draft; cover lines and header.

    With ``denominazione`` the commented line of ``progetto.yaml`` is enabled with that name.
    """
    import re

    from docx import Document

    target = tmp_path / "p"
    run_cli(
        "init",
        target,
        "--provincia",
        provincia,
        "--titolo",
        "Il piano",
        "--referente",
        "Anna Rossi",
        "--email",
        "a.rossi@ente.it",
        "--no-input",
    )
    progetto = target / "progetto.yaml"
    text = progetto.read_text(encoding="utf-8")
    if denominazione is not None:
        text = re.sub(
            r"^  # denominazione: .*$",
            f'  denominazione: "{denominazione}"',
            text,
            count=1,
            flags=re.MULTILINE,
        )
    progetto.write_text(
        re.sub(r'^(\s*-? *\w+: )"DA COMPILARE[^"]*"', r'\1"Dato"', text, flags=re.MULTILINE),
        encoding="utf-8",
    )
    out = tmp_path / "pw.docx"
    run_cli("export", target, "--bozza", "-o", out)
    document = Document(str(out))
    plain = [p.text.replace("’", "'") for p in document.paragraphs]  # typographic apostrophes
    return plain, document.sections[0].header.paragraphs[-1].text.replace("’", "'")


def test_bari_cover_names_the_citta_metropolitana(tmp_path: Path) -> None:
    cover, header = _cover_and_header(tmp_path, "Bari")
    assert "Città metropolitana di Bari" in cover
    assert not any("Provincia di Bari" in line for line in cover)
    assert header.startswith("Città metropolitana di Bari\t")


def test_l_aquila_cover_has_the_articulated_preposition(tmp_path: Path) -> None:
    cover, header = _cover_and_header(tmp_path, "L'Aquila")
    assert "Provincia dell'Aquila" in cover
    assert header.startswith("Provincia dell'Aquila\t")


def test_denominazione_in_progetto_yaml_names_the_body_everywhere(tmp_path: Path) -> None:
    cover, header = _cover_and_header(tmp_path, "BA", "Città metropolitana di Bari – Servizio HR")
    assert "Città metropolitana di Bari – Servizio HR" in cover
    assert header.startswith("Città metropolitana di Bari – Servizio HR\t")
