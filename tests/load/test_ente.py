"""The name of the body that writes the project work: its type and the right preposition."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pwkit.load.ente import body_name


@dataclass(frozen=True)
class _Provincia:
    nome: str
    codice_uts: str | None = None
    denominazione: str | None = None


@pytest.mark.parametrize(
    ("nome", "codice_uts", "expected"),
    [
        ("Bari", "272", "Città metropolitana di Bari"),
        ("Sassari", "312", "Città metropolitana di Sassari"),
        ("Cagliari", "318", "Città metropolitana di Cagliari"),
        ("Reggio Calabria", "280", "Città metropolitana di Reggio Calabria"),
        ("L'Aquila", "066", "Provincia dell'Aquila"),
        ("La Spezia", "011", "Provincia della Spezia"),
        ("Ogliastra", "116", "Provincia dell'Ogliastra"),
        ("Medio Campidano", "117", "Provincia del Medio Campidano"),
        ("Sulcis Iglesiente", "119", "Provincia del Sulcis Iglesiente"),
        ("Gallura Nord-Est Sardegna", "113", "Provincia della Gallura Nord-Est Sardegna"),
        ("Verbano-Cusio-Ossola", "103", "Provincia del Verbano-Cusio-Ossola"),
        ("Monza e della Brianza", "108", "Provincia di Monza e della Brianza"),
        ("Oristano", "115", "Provincia di Oristano"),
        ("Trapani", "081", "Libero consorzio comunale di Trapani"),
        ("Trento", "022", "Provincia autonoma di Trento"),
        ("Udine", "030", "Ente di decentramento regionale di Udine"),
        ("Roma", "258", "Città metropolitana di Roma Capitale"),
        ("Valdoria", None, "Provincia di Valdoria"),
        ("Montalto", None, "Provincia di Montalto"),
        ("La Valle", None, "Provincia della Valle"),
        ("L’Isola", None, "Provincia dell’Isola"),
        ("Il Piano", None, "Provincia del Piano"),
        ("Sassari", "090", "Provincia di Sassari"),  # a unit of 2025: no type known any more
    ],
)
def test_the_name_follows_the_unit_type_with_the_right_preposition(
    nome: str, codice_uts: str | None, expected: str
) -> None:
    assert body_name(_Provincia(nome, codice_uts)) == expected


def test_progetto_yaml_can_override_the_name() -> None:
    provincia = _Provincia("Bari", "272", "Città Metropolitana di Bari – Servizio Personale")
    assert body_name(provincia) == "Città Metropolitana di Bari – Servizio Personale"


def test_a_blank_override_is_ignored() -> None:
    assert body_name(_Provincia("Bari", "272", "   ")) == "Città metropolitana di Bari"
