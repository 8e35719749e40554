"""List numbering: multi-level bullet and decimal definitions, one ``w:num`` per numbered list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import element

if TYPE_CHECKING:
    from pwkit.render.docx.word import WordDocument

LEVELS = 9
#: Left indent of level 0 and the step per level, in twips.
INDENT = 360
_BULLETS = ("•", "–", "◦")
_ORDERED = (("decimal", "{}."), ("lowerLetter", "{})"), ("lowerRoman", "{}."))


def _abstract(abstract_id: int, *, ordered: bool) -> Any:
    """A nine-level ``w:abstractNum``; indentation grows with the level."""
    abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(element("w:nsid", val=f"{0x50570000 + abstract_id:08X}"))
    abstract.append(element("w:multiLevelType", val="hybridMultilevel"))
    for level in range(LEVELS):
        lvl = element("w:lvl", ilvl=str(level))
        lvl.append(element("w:start", val="1"))
        if ordered:
            fmt, text = _ORDERED[level % len(_ORDERED)]
            lvl.append(element("w:numFmt", val=fmt))
            lvl.append(element("w:lvlText", val=text.format(f"%{level + 1}")))
        else:
            lvl.append(element("w:numFmt", val="bullet"))
            lvl.append(element("w:lvlText", val=_BULLETS[level % len(_BULLETS)]))
        lvl.append(element("w:lvlJc", val="left"))
        ppr = element("w:pPr")
        ppr.append(element("w:ind", left=str(INDENT * (level + 1)), hanging=str(INDENT)))
        lvl.append(ppr)
        abstract.append(lvl)
    return abstract


#: Heading levels numbered 1, 1.1, 1.1.1 (Heading 4 stays unnumbered).
HEADING_LEVELS = 3
#: Indent of the heading text after its number, per level, in twips.
_HEADING_INDENT = (567, 709, 851)


def _heading_abstract(abstract_id: int, style_ids: tuple[str, ...]) -> Any:
    """A multilevel list linked to the heading styles: 1, 1.1, 1.1.1 (as Word's own)."""
    abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(element("w:nsid", val=f"{0x50570000 + abstract_id:08X}"))
    abstract.append(element("w:multiLevelType", val="multilevel"))
    for level in range(LEVELS):
        lvl = element("w:lvl", ilvl=str(level))
        lvl.append(element("w:start", val="1"))
        if level < len(style_ids):
            lvl.append(element("w:numFmt", val="decimal"))
            lvl.append(element("w:pStyle", val=style_ids[level]))
            text = ".".join(f"%{n + 1}" for n in range(level + 1))
            lvl.append(element("w:lvlText", val=text))
            lvl.append(element("w:lvlJc", val="left"))
            ppr = element("w:pPr")
            indent = str(_HEADING_INDENT[level])
            ppr.append(element("w:ind", left=indent, hanging=indent))
            lvl.append(ppr)
        else:
            lvl.append(element("w:numFmt", val="none"))
            lvl.append(element("w:lvlText", val=""))
            lvl.append(element("w:lvlJc", val="left"))
        abstract.append(lvl)
    return abstract


def _unnumbered_abstract(abstract_id: int) -> Any:
    """A list whose levels show nothing: cancels a style's numbering on one paragraph.

    ``numId 0`` would do the same in Word, but validators report it as a dangling reference.
    """
    abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
    abstract.append(element("w:nsid", val=f"{0x50570000 + abstract_id:08X}"))
    abstract.append(element("w:multiLevelType", val="singleLevel"))
    lvl = element("w:lvl", ilvl="0")
    lvl.append(element("w:start", val="1"))
    lvl.append(element("w:numFmt", val="none"))
    lvl.append(element("w:suff", val="nothing"))
    lvl.append(element("w:lvlText", val=""))
    lvl.append(element("w:lvlJc", val="left"))
    ppr = element("w:pPr")
    ppr.append(element("w:ind", left="0", firstLine="0"))
    lvl.append(ppr)
    abstract.append(lvl)
    return abstract


def _values(parent: Any, tag: str, attribute: str) -> list[str]:
    """The ``attribute`` of each child ``tag`` of ``parent`` that has it."""
    name = qn(attribute)
    return [
        child.get(name) for child in parent.iterchildren(qn(tag)) if child.get(name) is not None
    ]


class Numbering:
    """Adds pwkit's list definitions to the numbering part and hands out ``numId``s.

    Bullet lists share one ``w:num``. Every numbered list gets its own ``w:num`` with a
    ``startOverride`` on each level, otherwise Word continues the previous list.
    """

    def __init__(self, document: WordDocument, heading_style_ids: tuple[str, ...]) -> None:
        self._numbering = document.numbering
        self._next_num_id: int | None = None
        ids = [int(v) for v in _values(self._numbering, "w:abstractNum", "w:abstractNumId")]
        first = max(ids, default=-1) + 1
        self._bullet_abstract = first
        self._ordered_abstract = first + 1
        for abstract_id, ordered in ((first, False), (first + 1, True)):
            self._insert_abstract(_abstract(abstract_id, ordered=ordered))
        self._insert_abstract(_heading_abstract(first + 2, heading_style_ids))
        self._insert_abstract(_unnumbered_abstract(first + 3))
        self.bullet_num = self._add_num(self._bullet_abstract)
        #: The list the "List Number" style points to (used when a user applies the style).
        self.default_ordered_num = self._add_num(self._ordered_abstract)
        #: The list the heading styles point to: chapter numbers renumber when sections move.
        self.heading_num = self._add_num(first + 2)
        #: Attach a heading to this list to show it without a number (Allegati).
        self.unnumbered_num = self._add_num(first + 3)

    def _insert_abstract(self, abstract: Any) -> None:
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._numbering.append(abstract)

    def _add_num(self, abstract_id: int, starts: tuple[int, ...] = ()) -> int:
        """A new ``w:num`` on ``abstract_id``, with a ``startOverride`` per level if given.

        Built directly (python-docx looks for a free id among all ``w:num`` each time, which
        made documents with thousands of numbered lists slow).
        """
        if self._next_num_id is None:
            ids = [int(v) for v in _values(self._numbering, "w:num", "w:numId")]
            self._next_num_id = max(ids, default=0) + 1
        num_id, self._next_num_id = self._next_num_id, self._next_num_id + 1
        num = element("w:num", numId=str(num_id))
        num.append(element("w:abstractNumId", val=str(abstract_id)))
        for ilvl, start in enumerate(starts):
            override = element("w:lvlOverride", ilvl=str(ilvl))
            override.append(element("w:startOverride", val=str(start)))
            num.append(override)
        cleanup = self._numbering.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self._numbering.append(num)
        return num_id

    def ordered_list(self, start: int = 1, level: int = 0) -> int:
        """A new numbered list whose items at ``level`` start at ``start``."""
        starts = tuple(start if ilvl == level else 1 for ilvl in range(LEVELS))
        return self._add_num(self._ordered_abstract, starts)
