"""Building blocks of the schemas: base model, dates, money, ranges and typed ids.

Ids are plain strings for validation: a malformed id or a reference to the wrong kind is a
rule finding (PW201/PW202) with a precise Italian message, not a schema error. The kind of
each id field is recorded as metadata (``IdDef``/``IdRef``) that the rules read.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from pwkit.base.datewindow import FIRST_DATE, LAST_DATE
from pwkit.base.italian import long_date

#: Every id kind: prefix → Italian name of the entity (used in messages).
ID_KINDS: dict[str, str] = {
    "S": "servizio",
    "OS": "obiettivo specifico",
    "RA": "risultato atteso",
    "RU": "ruolo",
    "OG": "organo",
    "P": "piattaforma",
    "F": "fase",
    "A": "attività",
    "M": "milestone",
    "R": "rischio",
    "K": "KPI",
    "ST": "stakeholder",
    "FO": "azione formativa",
}

ID_PATTERN = re.compile(r"^(OS|RA|RU|OG|ST|FO|S|P|F|A|M|R|K)(\d+)$")


class _Marker:
    """Metadata of a schema's field, equal by value (and hashable) over its ``__slots__``.

    A plain class, as metadata Pydantic passes on untouched: a named tuple would equal any tuple
    of the same items, and a dataclass costs more to create.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Marker) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class IdDef(_Marker):
    """Marks a field that defines an id of one kind."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind


class IdRef(_Marker):
    """Marks a field that refers to an id of one of the given kinds."""

    __slots__ = ("kinds",)

    def __init__(self, kinds: tuple[str, ...]) -> None:
        self.kinds = kinds


class LeftOutField(AttributeError):
    """A field of partial data (``pwkit.validate.parts``) that was left out because it is not valid.

    Reading it raises this instead of returning a value pwkit could not check: a rule that
    needs it is not applied (``pwkit.rules.run_rules``).
    """


class Model(BaseModel):
    """Base of every schema: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        validate_default=False,
        defer_build=True,
    )

    if not TYPE_CHECKING:
        # Only reached for a field missing from ``__dict__``: never for validated data.
        def __getattr__(self, name: str) -> Any:
            if name in type(self).__pydantic_fields__:
                raise LeftOutField(f"{type(self).__name__}.{name}")
            return super().__getattr__(name)


class Small(_Marker):
    """Marks a quantity always far below a thousand (FTE, hours per person).

    Written ``1.500``, such a number is one and a half: three digits after a point are its
    decimals, never thousands (elsewhere ``1.500`` reads both ways and is a finding).
    """

    __slots__ = ()


_ISO_DATE = re.compile(r"\d{4,}-\d{1,2}-\d{1,2}")


def _to_date(value: Any) -> Any:
    """Accept ISO strings as dates; refuse numbers (pydantic would read them as timestamps).

    A date outside ``FIRST_DATE``–``LAST_DATE`` is refused too.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_from_datetime_parsing", "not a date") from None
    if not isinstance(value, dt.date):
        raise PydanticCustomError("date_type", "not a date")
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError(
            "date_out_of_window",
            "date outside {first}–{last}",
            {"first": long_date(FIRST_DATE), "last": long_date(LAST_DATE)},
        )
    return value


def _date_or_text(value: Any) -> Any:
    """What looks like a date (``2026-10-01``) is read as one, so it is checked as one."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return _to_date(value)
    return value


def _to_decimal(value: Any) -> Any:
    """Read money exactly: floats through ``str`` (never ``Decimal(float)``)."""
    if isinstance(value, bool):
        raise PydanticCustomError("decimal_type", "not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise PydanticCustomError("decimal_parsing", "not a number") from None
    raise PydanticCustomError("decimal_type", "not a number")


def _not_bool(value: Any) -> Any:
    """YAML ``si``/``no`` are strings in YAML 1.2, but ``true`` is a bool: not a number."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "not a number")
    return value


Data = Annotated[dt.date, BeforeValidator(_to_date)]
Denaro = Annotated[Decimal, BeforeValidator(_to_decimal)]
Numero = Annotated[float, BeforeValidator(_not_bool), Field(allow_inf_nan=False)]
Intero = Annotated[int, BeforeValidator(_not_bool)]
NumeroPiccolo = Annotated[Numero, Small()]
"""A number far below a thousand (FTE, hours per person): ``1.500`` is 1.5."""
Testo = Annotated[str, StringConstraints(min_length=1)]
DataOTesto = Annotated[Data | Testo, BeforeValidator(_date_or_text)]
"""A date or a text such as «autunno 2026»; a text shaped as a date must be a valid one."""


Scala1_3 = Annotated[int, BeforeValidator(_not_bool), Field(ge=1, le=3)]
Scala1_4 = Annotated[int, BeforeValidator(_not_bool), Field(ge=1, le=4)]
Scala1_5 = Annotated[int, BeforeValidator(_not_bool), Field(ge=1, le=5)]


def _id_field(kind: str) -> Any:
    return Field(
        description=f"Identificativo univoco ({ID_KINDS[kind]}): {kind} seguito da un numero, "
        f"ad esempio {kind}1.",
        json_schema_extra={"pattern": f"^{kind}[0-9]+$"},
    )


def _ref_field(*kinds: str) -> Any:
    names = " o ".join(ID_KINDS[k] for k in kinds)
    examples = ", ".join(f"{k}1" for k in kinds)
    return Field(
        description=f"Identificativo di un {names} ({examples}).",
        json_schema_extra={"pattern": "^(" + "|".join(kinds) + ")[0-9]+$"},
    )


ServizioId = Annotated[str, IdDef("S"), _id_field("S")]
ObiettivoId = Annotated[str, IdDef("OS"), _id_field("OS")]
RisultatoId = Annotated[str, IdDef("RA"), _id_field("RA")]
RuoloId = Annotated[str, IdDef("RU"), _id_field("RU")]
OrganoId = Annotated[str, IdDef("OG"), _id_field("OG")]
PiattaformaId = Annotated[str, IdDef("P"), _id_field("P")]
FaseId = Annotated[str, IdDef("F"), _id_field("F")]
AttivitaId = Annotated[str, IdDef("A"), _id_field("A")]
MilestoneId = Annotated[str, IdDef("M"), _id_field("M")]
RischioId = Annotated[str, IdDef("R"), _id_field("R")]
KpiId = Annotated[str, IdDef("K"), _id_field("K")]
StakeholderId = Annotated[str, IdDef("ST"), _id_field("ST")]
AzioneFormativaId = Annotated[str, IdDef("FO"), _id_field("FO")]

ServizioRef = Annotated[str, IdRef(("S",)), _ref_field("S")]
ObiettivoRef = Annotated[str, IdRef(("OS",)), _ref_field("OS")]
RuoloRef = Annotated[str, IdRef(("RU",)), _ref_field("RU")]
PiattaformaRef = Annotated[str, IdRef(("P",)), _ref_field("P")]
FaseRef = Annotated[str, IdRef(("F",)), _ref_field("F")]
AttivitaRef = Annotated[str, IdRef(("A",)), _ref_field("A")]
KpiRef = Annotated[str, IdRef(("K",)), _ref_field("K")]
ResponsabileRef = Annotated[str, IdRef(("RU", "OG")), _ref_field("RU", "OG")]
