from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pwkit.load.markdown import Body, count_words, parser, words_in
from pwkit.pack.manifest import SectionSpec, WordLimits
from pwkit.rules.registry import check_prose

SPEC = SectionSpec(
    key="contesto",
    number=2,
    file="sezioni/02-contesto.md",
    title="Analisi del contesto",
    model="Contesto",
    words=WordLimits(min=5, max=40),
    subheadings=["Il territorio", "Il personale dei Comuni"],
    guidance="g",
    skeleton="s.j2",
)


def _check(text: str, first_line: int = 4) -> list[tuple[str, int | None, int | None]]:
    body = Body(text, first_line)
    return [
        (d.code, d.location.line, d.location.column) for d in check_prose(SPEC, SPEC.file, body)
    ]


def _words(text: str) -> int:
    return count_words(parser().parse(text))


def test_word_count_follows_the_spec_definition() -> None:
    assert _words("L'adesione dei Comuni è **volontaria** -- e gratuita.") == 7
    assert _words("## Titolo escluso\n\nUno due.\n\n<!-- guida: non contano -->\n") == 2
    assert _words("| a | b |\n|---|---|\n| uno | 2 |\n") == 4
    assert _words("Prima [[DA COMPILARE: testo del segnaposto]] dopo.") == 2
    assert _words("- uno\n- due\n\n1. tre\n") == 3


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(alphabet=" \t\n\x1c\x85\u2028\u3000_-*'’àé1²½Ⅻ٣"))
def test_a_word_is_a_run_between_spaces_with_a_letter_or_a_digit(text: str) -> None:
    assert words_in(text) == sum(1 for word in text.split() if any(c.isalnum() for c in word))


def test_clean_body_has_no_findings() -> None:
    text = "## Il territorio\n\nUno due tre quattro.\n\n## Il personale dei Comuni\n\nCinque sei.\n"
    assert _check(text) == []


def test_prose_placeholder_is_pw101_at_its_column_but_not_inside_guidance() -> None:
    text = (
        "## Il territorio\n<!-- guida: [[DA COMPILARE: no]] -->\nUno due tre "
        "[[DA COMPILARE: territorio]]\n\n## Il personale dei Comuni\n\nquattro cinque sei.\n"
    )
    assert _check(text) == [("PW101", 6, 13)]


def test_missing_subheading_is_pw102_at_first_body_line() -> None:
    text = "## Il territorio\n\nUno due tre quattro cinque sei.\n"
    assert _check(text) == [("PW102", 4, 1)]


def test_subheadings_compare_case_and_space_insensitively_and_setext_counts() -> None:
    text = (
        "##   il  TERRITORIO \n\nUno due tre.\n\nIl personale dei Comuni\n---\n\nquattro cinque.\n"
    )
    assert _check(text) == []


def test_out_of_order_subheading_is_pw102_at_that_heading() -> None:
    text = "## Il personale dei Comuni\n\nUno due tre.\n\n## Il territorio\n\nQuattro cinque.\n"
    assert _check(text) == [("PW102", 8, 1)]


def test_short_and_long_prose() -> None:
    short = "## Il territorio\n\nUno.\n\n## Il personale dei Comuni\n\nDue.\n"
    long = "## Il territorio\n\n" + "parola " * 50 + "\n\n## Il personale dei Comuni\n\nDue.\n"
    assert _check(short) == [("PW103", 4, 1)]
    assert _check(long) == [("PW104", 4, 1)]


def test_subheading_with_only_guidance_is_pw106() -> None:
    text = (
        "## Il territorio\n\n<!-- guida: scrivi qui -->\n\n## Il personale dei Comuni\n\n"
        "Uno due tre quattro cinque.\n"
    )
    assert _check(text) == [("PW106", 4, 1)]


def _table(columns: int, rows: int, cell: str = "1") -> str:
    header = "|" + "|".join(f"c{n}" for n in range(columns)) + "|\n"
    line = "|" + "-|" * columns + "\n"
    return header + line + ("|" + "|".join([cell] * columns) + "|\n") * rows


def _pw014(text: str) -> list[tuple[str, int | None, int | None]]:
    return [found for found in _check(text) if found[0] == "PW014"]


def _with_table(table: str) -> str:
    return (
        "## Il territorio\n\nUno due tre quattro.\n\n"
        + table
        + "\n## Il personale dei Comuni\n\nCinque sei.\n"
    )


def test_a_table_wider_than_word_allows_is_pw014_at_its_line() -> None:
    """Word's tables have at most 63 columns: a wider one cannot be edited in Word."""
    assert _pw014(_with_table(_table(63, 2))) == []
    assert _pw014(_with_table(_table(64, 2))) == [("PW014", 8, 1)]
    # A table interrupting a paragraph counts the same.
    text = (
        "## Il territorio\n\nUno due tre.\n"
        + _table(100, 1)
        + "\n## Il personale dei Comuni\n\nx\n"
    )
    assert _pw014(text) == [("PW014", 7, 1)]


def test_a_table_with_too_many_cells_is_pw014() -> None:
    assert _pw014(_with_table(_table(10, 1999))) == []  # 2,000 rows × 10 = 20,000 cells
    assert _pw014(_with_table(_table(10, 2000))) == [("PW014", 8, 1)]


def test_a_table_too_large_is_parsed_as_one_token_not_one_per_cell() -> None:
    """The parser's work on a 5,000-column table does not grow with its cells."""
    wide = _table(5000, 20)
    tokens = parser().parse(wide)
    assert [t.type for t in tokens] == ["table_too_large"]
    assert tokens[0].meta == {"columns": 5000, "rows": 21}
    assert tokens[0].map == [0, 22]
    normal = parser().parse(_table(63, 2))
    assert sum(t.type == "td_open" for t in normal) == 63 * 2


def test_words_of_a_table_too_large_still_count() -> None:
    assert _words(_table(63, 1, "parola")) == 63 * 2
    assert _words(_table(64, 1, "parola")) == 64 * 2
