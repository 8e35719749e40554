"""One reading of the schemas' annotations: numbers, allowed values, ids."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from pwkit.check.pipeline import check_project
from pwkit.model.analisi import Comune
from pwkit.model.common import IdDef, IdRef, Small
from pwkit.model.introspect import (
    choices,
    defining_models,
    id_kinds,
    number_field,
    type_at,
    walk_ids,
    wants_text,
)
from pwkit.model.servizio import CatalogoServizi, Economia, Servizio
from tests.conftest import EXAMPLE


def test_number_fields_say_their_kind() -> None:
    popolazione = number_field(Comune, ("popolazione",))
    fte = number_field(Comune, ("fte_personale",))
    assert popolazione is not None and popolazione.type is int and not popolazione.small
    assert fte is not None and fte.small
    assert number_field(Comune, ("comune",)) is None
    assert wants_text(Comune, ("comune",)) and not wants_text(Comune, ("popolazione",))


def test_allowed_values_and_types_are_read_through_optional_and_lists() -> None:
    assert choices(Comune, ("aderente",)) == ["si", "no"]
    assert type_at(Comune, ("nessuna",)) is None
    importo = number_field(Economia, ("costi", 0, "importo"))
    assert importo is not None and importo.type is Decimal


@cache
def _catalogue() -> CatalogoServizi:
    data = check_project(EXAMPLE).project.get(CatalogoServizi)
    assert data is not None
    return data


def test_id_walk_finds_each_id_with_the_item_that_holds_it() -> None:
    data = _catalogue()
    defined = [use for use in walk_ids(data) if isinstance(use.marker, IdDef)]
    servizi = [use for use in defined if use.path[0] == "servizi"]
    assert [use.path for use in servizi] == [("servizi", i, "id") for i in range(len(servizi))]
    assert [use.value for use in servizi] == [s.id for s in data.servizi]
    assert [use.holder for use in servizi] == list(data.servizi)


def test_the_models_defining_each_kind_of_id() -> None:
    assert CatalogoServizi in defining_models()["S"]
    assert all(kind.isupper() for kind in defining_models())


def test_id_kinds_of_a_section() -> None:
    assert "S" in id_kinds(CatalogoServizi, "IdDef")
    assert all(isinstance(k, str) for k in id_kinds(CatalogoServizi, "IdRef"))
    assert IdRef  # the markers the kinds come from


def test_the_schema_markers_are_equal_by_value_and_never_to_a_tuple() -> None:
    # Pydantic keeps them as they are in each field's metadata; a marker that were a tuple
    # would equal (and be taken for) any tuple of the same items.
    assert IdDef("S") in Servizio.model_fields["id"].metadata
    assert IdDef("S") == IdDef("S") != IdDef("OS") and IdRef(("S",)) == IdRef(("S",))
    assert IdDef("S") != ("S",) and IdRef(("S",)) != (("S",),) and Small() != ()
    assert len({IdDef("S"), IdDef("S"), IdRef(("S",)), Small(), Small()}) == 3
