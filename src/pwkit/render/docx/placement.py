"""Generated tables moved where the prose places them, or where the pack puts them by default.

A section's tables are built after its prose. Each one (its caption, the table and what
follows up to the next caption) then moves before the marker ``<!-- tabella: NAME -->`` of
the prose, or else to the end of the sub-heading the pack declares for it (``tables`` in
``manifest.yaml``); a table the pack does not declare stays at the end of the section. The
table numbers are put back in document order afterwards (``renumber_tables``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pwkit.render.docx.ns import qn

if TYPE_CHECKING:
    from pwkit.pack.manifest import SectionSpec, TableSpec
    from pwkit.render.docx.context import RenderContext

_SECT_PR = qn("w:sectPr")
_INSTR_TEXT, _FLD_CHAR, _W_T = qn("w:instrText"), qn("w:fldChar"), qn("w:t")


def _style_of(element: Any) -> str | None:
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else str(style.get(qn("w:val")))


def _text(element: Any) -> str:
    return " ".join("".join(t.text or "" for t in element.iter(qn("w:t"))).split())


def _caption_of(group: list[Any]) -> str:
    for element in group:
        caption = element.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if caption is not None:
            return str(caption.get(qn("w:val")))
    return ""


def _spec_for(caption: str, spec: SectionSpec) -> TableSpec | None:
    for table in spec.tables:
        if caption == table.caption or caption.startswith(table.caption + " "):
            return table
    return None


def _groups(ctx: RenderContext, first: Any) -> list[list[Any]]:
    """The generated blocks from ``first`` on, one group per caption; none past a section break.

    Blocks before the first caption, and everything from a section break on (the landscape
    Gantt), are not in any group: they stay where they are.
    """
    caption_style = ctx.style_id("Caption")
    groups: list[list[Any]] = []
    element = first
    while element is not None and element.tag != _SECT_PR:
        if next(element.iter(_SECT_PR), None) is not None:
            break
        if _style_of(element) == caption_style:
            groups.append([])
        if groups:
            groups[-1].append(element)
        element = element.getnext()
    return groups


def _end_of_subheading(ctx: RenderContext, start: Any, stop: Any, title: str) -> Any | None:
    """The heading (level 1–2) ending the sub-heading ``title``, between ``start`` and ``stop``."""
    levels = {ctx.style_id("Heading 1"), ctx.style_id("Heading 2")}
    wanted = " ".join(title.split()).casefold()
    found = False
    element = start.getnext()
    while element is not None and element is not stop:
        if _style_of(element) in levels:
            if found:
                return element
            found = _text(element).casefold() == wanted
        element = element.getnext()
    return stop if found else None


def last_block(ctx: RenderContext) -> Any:
    """The last block of the body (the closing section properties aside)."""
    body = ctx.document.body
    last = body[-1]
    return last.getprevious() if last.tag == _SECT_PR else last


def place_tables(
    ctx: RenderContext,
    spec: SectionSpec,
    heading: Any,
    prose_end: Any,
    anchors: dict[str, Any],
) -> None:
    """Move the tables generated after ``prose_end``, the last block of the section's prose.

    ``heading`` is the chapter's heading; ``anchors`` the empty paragraphs the prose left at
    its markers, by table name: they are removed here.
    """
    first = prose_end.getnext()
    moves = []
    for group in _groups(ctx, first) if first is not None else []:
        table = _spec_for(_caption_of(group), spec)
        if table is None:
            continue
        target = anchors.get(table.name)
        if target is None and table.after is not None:
            target = _end_of_subheading(ctx, heading, first, table.after)
        if target is not None and target is not first:
            moves.append((group, target))
    for group, target in moves:
        for element in group:
            target.addprevious(element)
    for anchor in anchors.values():
        anchor.getparent().remove(anchor)


def renumber_tables(ctx: RenderContext, first: Any) -> None:
    """The cached numbers of the ``SEQ Tabella`` fields from block ``first`` on, in document order.

    Called once a chapter's tables are in place, with its heading: the numbers go on from
    those of the chapters before it.
    """
    block = first
    while block is not None:
        for instr in block.iter(_INSTR_TEXT):
            if not (instr.text or "").strip().startswith("SEQ Tabella"):
                continue
            ctx.numbered_tables += 1
            run = instr.getparent().getnext()
            while run is not None and run.find(_FLD_CHAR) is None:
                run = run.getnext()
            result = run.getnext() if run is not None else None  # the run after «separate»
            text = result.find(_W_T) if result is not None else None
            if text is not None:
                text.text = str(ctx.numbered_tables)
        block = block.getnext()
