"""The bundled ISTAT list of 2026: units, aliases, near misses and the codes no longer in force."""

from __future__ import annotations

import pytest

from pwkit.load import istat


def test_the_bundled_list_is_the_one_in_force_in_2026() -> None:
    units = istat.provinces()
    assert len(units) == 110
    assert sum(len(u.comuni) for u in units.values()) == 7894
    assert "21 febbraio 2026" in istat.ISTAT_SITUATION
    assert "Fonte: ISTAT" in istat.ISTAT_CREDIT and "CC BY 4.0" in istat.ISTAT_CREDIT
    sassari = units["312"]
    assert (sassari.nome, sassari.tipo) == ("Sassari", "città metropolitana")
    assert len(sassari.comuni) == 66
    assert "090" not in units and "111" not in units  # the Sardinian units of 2025


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ogliastra", "116"),
        ("Sassari", "312"),
        ("Gallura Nord-Est Sardegna", "113"),
        ("Reggio Emilia", "035"),
        ("reggio-emilia", "035"),
        ("Barletta", "110"),
        ("Andria", "110"),
        ("Trani", "110"),
        ("BAT", "110"),
        ("Pesaro-Urbino", "041"),
        ("Pesaro Urbino", "041"),
        ("Pesaro", "041"),
        ("Bolzano", "021"),
        ("Bozen", "021"),
        ("Forli-Cesena", "040"),
        ("Forlì Cesena", "040"),
        ("Massa Carrara", "045"),
        ("Monza", "108"),
        ("Monza Brianza", "108"),
        ("Reggio Calabria", "280"),
        ("Reggio di Calabria", "280"),
        ("Verbania", "103"),
        ("VCO", "103"),
        ("Carbonia", "119"),
        ("Carbonia-Iglesias", "119"),
        ("Gallura", "113"),
        ("Olbia-Tempio", "113"),
        ("Aosta", "007"),
        ("L'Aquila", "066"),
        ("Città metropolitana di Bari", "272"),
        ("Provincia dell'Aquila", "066"),
        ("Provincia della Spezia", "011"),
        ("Libero consorzio comunale di Trapani", "081"),
    ],
)
def test_names_short_names_and_aliases_resolve_to_their_unit(name: str, code: str) -> None:
    unit = istat.find_province(name)
    assert unit is not None, name
    assert unit.codice_uts == code


@pytest.mark.parametrize("name", ["Reggio", "Sud Sardegna", "Pescra", "Valdoria", "Montalto"])
def test_near_misses_and_unknown_names_resolve_to_nothing(name: str) -> None:
    assert istat.find_province(name) is None


def test_an_ambiguous_name_offers_every_unit_it_may_mean() -> None:
    names = [u.nome for u in istat.province_candidates("Reggio")]
    assert names[:2] == ["Reggio nell'Emilia", "Reggio Calabria"]


def test_a_unit_that_no_longer_exists_offers_the_units_that_took_its_comuni() -> None:
    names = {u.nome for u in istat.province_candidates("Sud Sardegna")}
    assert {"Medio Campidano", "Sulcis Iglesiente", "Cagliari"} <= names


def test_a_typo_offers_the_close_unit_and_a_fictional_name_nothing_far() -> None:
    assert [u.nome for u in istat.province_candidates("Pescra")][:1] == ["Pescara"]
    assert [u.nome for u in istat.province_candidates("Oristan")][:1] == ["Oristano"]
    for fictional in ("Valdoria", "Lagoverde"):
        assert istat.province_candidates(fictional) == [], fictional


def test_a_comune_name_offers_its_unit() -> None:
    assert [u.nome for u in istat.province_candidates("Lanusei")] == ["Ogliastra"]


def test_every_alias_names_a_unit_of_the_list() -> None:
    units = istat.provinces()
    for alias, code in istat.aliases().items():
        assert code in units, alias


@pytest.mark.parametrize(
    ("old", "new", "comune"),
    [
        ("090003", "112001", "Alghero"),
        ("111001", "117001", "Arbus"),
        ("111081", "116023", "Seui"),
        ("018082", "018094", "Montalto Pavese"),
        ("024027", "024129", "Castegnero Nanto"),
        ("024071", "024129", "Castegnero Nanto"),
    ],
)
def test_codes_no_longer_in_force_name_the_code_in_force(old: str, new: str, comune: str) -> None:
    change = istat.code_in_force(old)
    assert change is not None, old
    assert (change.codice_istat, change.comune) == (new, comune)
    in_force = {c.codice_istat for u in istat.provinces().values() for c in u.comuni}
    assert new in in_force and old not in in_force


def test_codes_in_force_have_no_replacement() -> None:
    assert istat.code_in_force("112001") is None
    assert istat.code_in_force("108001") is None
    assert istat.code_in_force("990001") is None


def test_units_no_longer_in_force_name_their_successors() -> None:
    retired = istat.retired_unit("090")
    assert retired is not None
    assert retired.nome == "Sassari"
    assert [u.codice_uts for u in retired.successori] == ["312", "113"]
    assert istat.retired_unit("108") is None


def test_one_unit_read_alone_is_the_unit_of_the_whole_list() -> None:
    istat.provinces.cache_clear()
    alone = {code: istat.province(code) for code in ("312", "021", "110", "001", "090", "")}
    units = istat.provinces()
    assert alone == {code: units.get(code) for code in alone}
    assert alone["312"] is not None and len(alone["312"].comuni) == 66
    assert all(istat.province(code) == unit for code, unit in units.items())
