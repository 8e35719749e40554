"""Rewriting YAML text to new data: only what changed is rewritten, every result re-parsed."""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Any

import pytest

from pwkit.edit.yamldiff import EditFailed
from pwkit.edit.yamledit import rewrite
from pwkit.load.frontmatter import split_front_matter
from pwkit.load.yamldata import parse, walk
from tests.conftest import REPO

TEXT = """\
# Rischi del progetto
rischi:
  - id: R1
    descrizione: "Saturazione dello staff"   # il più probabile
    probabilita: 3
    impatto: 4
    mitigazione:
      - Avvio scaglionato
      - Calendario annuale
    responsabile: RU2
  # il secondo rischio
  - id: R2
    descrizione: >-
      Le nuove assunzioni non si concludono entro novembre,
      ritardando l'avvio dei due servizi.
    probabilita: 2
    impatto: 4
    mitigazione: [Elenchi di idonei]
    responsabile: RU1
note: |
  Prima riga.
  Seconda riga.
servizi: [S1, S2]
valore: 3.50
"""


def _changed(old: str, new: str) -> list[str]:
    """The lines removed (-) and added (+) from ``old`` to ``new``."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _data() -> Any:
    return copy.deepcopy(parse(TEXT).data)


def test_the_same_data_gives_the_same_text() -> None:
    assert rewrite(TEXT, _data()) == TEXT


def test_changing_one_value_changes_only_its_bytes() -> None:
    data = _data()
    data["rischi"][0]["probabilita"] = 5
    new = rewrite(TEXT, data)
    assert _changed(TEXT, new) == ["-    probabilita: 3", "+    probabilita: 5"]


def test_a_quoted_value_keeps_its_quotes_and_its_comment() -> None:
    data = _data()
    data["rischi"][0]["descrizione"] = "Saturazione del personale"
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        '-    descrizione: "Saturazione dello staff"   # il più probabile',
        '+    descrizione: "Saturazione del personale"   # il più probabile',
    ]


def test_a_folded_block_stays_folded() -> None:
    data = _data()
    data["rischi"][1]["descrizione"] = data["rischi"][1]["descrizione"].replace(
        "novembre", "dicembre"
    )
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        "-      Le nuove assunzioni non si concludono entro novembre,",
        "+      Le nuove assunzioni non si concludono entro dicembre,",
    ]


def test_a_literal_block_stays_literal() -> None:
    data = _data()
    data["note"] = "Prima riga.\nSeconda riga, cambiata.\n"
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        "-  Seconda riga.",
        "+  Seconda riga, cambiata.",
    ]


def test_a_flow_list_stays_a_flow_list() -> None:
    data = _data()
    data["servizi"] = ["S1", "S3", "S4"]
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        "-servizi: [S1, S2]",
        "+servizi: [S1, S3, S4]",
    ]


def test_a_new_optional_key_goes_after_the_key_before_it() -> None:
    data = _data()
    item = data["rischi"][0]
    data["rischi"][0] = {
        **{k: v for k, v in item.items() if k != "responsabile"},
        "contingenza": "Comando temporaneo dai Comuni maggiori",
        "responsabile": "RU2",
    }
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        "+    contingenza: Comando temporaneo dai Comuni maggiori"
    ]
    new = rewrite(TEXT, data)
    assert new.index("contingenza") < new.index("responsabile: RU2")


def test_a_removed_key_takes_its_lines_with_it() -> None:
    data = _data()
    del data["rischi"][0]["mitigazione"]
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        "-    mitigazione:",
        "-      - Avvio scaglionato",
        "-      - Calendario annuale",
    ]


def test_a_row_added_at_the_end_is_written_in_the_lists_style() -> None:
    data = _data()
    data["rischi"].append(
        {
            "id": "R3",
            "descrizione": "Ricorsi sulle selezioni",
            "probabilita": 2,
            "impatto": 4,
            "mitigazione": ["Regole scritte nel bando"],
            "responsabile": "RU3",
        }
    )
    assert _changed(TEXT, rewrite(TEXT, data)) == [
        "+  - id: R3",
        "+    descrizione: Ricorsi sulle selezioni",
        "+    probabilita: 2",
        "+    impatto: 4",
        "+    mitigazione:",
        "+      - Regole scritte nel bando",
        "+    responsabile: RU3",
    ]


def test_a_removed_row_takes_its_lines_and_its_comment() -> None:
    data = _data()
    del data["rischi"][1]
    new = rewrite(TEXT, data)
    assert "R2" not in new and "il secondo rischio" not in new
    assert all(line.startswith("-") for line in _changed(TEXT, new))
    assert parse(new).data == data


def test_reordered_rows_keep_their_own_bytes() -> None:
    data = _data()
    data["rischi"].reverse()
    new = rewrite(TEXT, data)
    assert parse(new).data == data
    assert sorted(new.splitlines()) == sorted(TEXT.splitlines())
    assert new.index("# il secondo rischio") < new.index("id: R2") < new.index("id: R1")


def test_a_value_that_would_read_as_a_number_is_quoted() -> None:
    data = _data()
    data["rischi"][0]["responsabile"] = "058"
    new = rewrite(TEXT, data)
    assert parse(new).data["rischi"][0]["responsabile"] == "058"


@pytest.mark.parametrize(
    "value",
    [
        "Testo: con i due punti",
        "# non un commento",
        "“virgolette” di Word",
        "riga uno\nriga due",
        " spazio iniziale",
        "",
        "true",
        "- trattino",
        "a\u2028b",
    ],
)
def test_any_text_is_written_so_that_it_reads_back_the_same(value: str) -> None:
    data = _data()
    data["rischi"][0]["responsabile"] = value
    data["servizi"][1] = value
    new = rewrite(TEXT, data)
    assert parse(new).data == data


def test_a_null_value_becomes_a_list_of_rows() -> None:
    text = "fasi:\nattivita: []\n"
    data = {"fasi": [{"id": "F1", "nome": "Avvio"}], "attivita": [{"id": "A1"}]}
    new = rewrite(text, data)
    assert parse(new).data == data
    assert new.startswith("fasi:\n  - id: F1\n    nome: Avvio\n")


def test_an_empty_document_gets_the_data() -> None:
    data = {"kpi_chiave": ["K1", "K2"], "comuni_target": 40}
    assert rewrite("", data) == "kpi_chiave: [K1, K2]\ncomuni_target: 40"
    assert parse(rewrite("# solo un commento\n", data)).data == data


def test_an_unchanged_float_keeps_how_it_was_typed() -> None:
    data = _data()
    data["rischi"][0]["impatto"] = 5
    assert "valore: 3.50" in rewrite(TEXT, data)


def test_data_yaml_cannot_hold_is_refused() -> None:
    data = _data()
    data["rischi"][0]["impatto"] = object()
    with pytest.raises(EditFailed):
        rewrite(TEXT, data)


EXAMPLES = sorted((REPO / "examples").glob("provincia-di-*/sezioni/*.md"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_every_value_of_the_examples_can_be_changed_alone(path: Path) -> None:
    """Each value of a sample changed alone: the result reads as meant, few lines change."""
    front = split_front_matter(path.read_text(encoding="utf-8")).front or ""
    parsed = parse(front)
    leaves = [p for p, v in walk(parsed.data) if p and not isinstance(v, dict | list)]
    for where in leaves[:: max(1, len(leaves) // 12)]:
        data = copy.deepcopy(parsed.data)
        holder = data
        for part in where[:-1]:
            holder = holder[part]
        old = holder[where[-1]]
        holder[where[-1]] = old + 1 if isinstance(old, int) else f"{old} (rivisto)"
        new = rewrite(front, data)
        assert parse(new).data == data
        assert len(_changed(front, new)) <= 4, (where, _changed(front, new))
