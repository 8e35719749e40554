"""OOXML lengths (twips or universal measures) read and written as python-docx does, in EMU."""

from __future__ import annotations

#: EMU in one twip (a twentieth of a point).
EMU_PER_TWIP = 635
#: EMU in one unit of a universal measure (``21cm``, ``8.5in``...).
_UNITS = {"mm": 36000, "cm": 360000, "in": 914400, "pt": 12700, "pc": 152400, "pi": 152400}


def twips_to_emu(value: str, *, signed: bool = False) -> int:
    """EMU of a ``ST_TwipsMeasure`` (``signed``: ``ST_SignedTwipsMeasure``) attribute value.

    A universal measure (``2.5cm``) is converted by its unit; plain twips of an unsigned
    measure must be an integer, a signed one may have decimals (rounded), as python-docx reads
    them. A value it cannot read raises ``ValueError`` as python-docx's did.
    """
    if "i" in value or "m" in value or "p" in value:
        return round(float(value[:-2]) * _UNITS[value[-2:]])
    twips = round(float(value)) if signed else int(value)
    return twips * EMU_PER_TWIP


def emu_to_twips(emu: int) -> str:
    """The attribute value of a length of ``emu`` EMU: whole twips, rounded."""
    return str(round(emu / EMU_PER_TWIP))
