"""Draft export (``pwkit export --bozza``): markers, placeholders and the open points.

A draft says so everywhere a reader may look: in every page header, on the title page, in
the document properties, and at the end, where the findings of the check are listed (and
attached as Word comments to the sections they concern). Placeholders left in the prose
are highlighted instead of hidden (``placeholders``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pwkit.base.diagnostics import Severity
from pwkit.render.docx.context import MissingStyleError
from pwkit.render.docx.ns import nsdecls, qn
from pwkit.render.docx.oxml import (
    element,
    paragraph_text,
    run_element,
    set_p_property,
    set_run_color,
    xml_safe,
)
from pwkit.render.docx.package import parse_xml
from pwkit.render.docx.tables import Column, data_table
from pwkit.render.docx.watermark import add_watermark
from pwkit.render.docx.xml_text import attribute, run_content

if TYPE_CHECKING:
    from pwkit.base.diagnostics import CheckReport, Diagnostic
    from pwkit.render.docx.context import RenderContext

#: Title of the closing chapter of a draft, after the annexes (unnumbered).
OPEN_POINTS_TITLE = "Punti aperti (bozza)"
#: What the headers and the title page say.
DRAFT_MARK = "BOZZA"
DRAFT_NOTICE = "BOZZA – documento non definitivo"
#: ``content_status`` of a draft's core properties.
DRAFT_STATUS = "Bozza"
#: Who the findings' comments are from (no date: two exports must be identical).
COMMENT_AUTHOR = "Controllo pwkit"
COMMENT_INITIALS = "PW"
#: Comments beside one heading at most; the rest are counted in one more comment. Hundreds of
#: comments on a heading help nobody (and python-docx adds each in time linear in the others).
MAX_COMMENTS_PER_SECTION = 25
#: Colour of the draft marks (dark red, readable in print and in grey), as ``w:color``.
DRAFT_COLOR = "C00000"

_SEVERITY_LABELS = {Severity.ERROR: "Errore", Severity.WARNING: "Avviso"}
_W_P, _W_R, _W_PPR, _W_PSTYLE = qn("w:p"), qn("w:r"), qn("w:pPr"), qn("w:pStyle")
_W_VAL, _W_ID, _W_COMMENT = qn("w:val"), qn("w:id"), qn("w:comment")


def add_mark(p: Any) -> Any:
    """Append to ``w:p`` the run of :data:`DRAFT_NOTICE`, bold dark red: how a draft says so."""
    r = run_element(p, DRAFT_NOTICE, bold=True)
    set_run_color(r, DRAFT_COLOR)
    return r


def add_draft_notice(ctx: RenderContext) -> None:
    """The title-page line that says the document is a draft (drafts only)."""
    if ctx.draft is None:
        return
    add_mark(ctx.paragraph(style="Frontespizio"))


def mark_header(ctx: RenderContext, p: Any, partname: str) -> None:
    """The draft mark, centred in an empty header ``w:p``, and the diagonal watermark.

    ``partname`` is the name of the header part the paragraph is in (``/word/header2.xml``):
    the watermark's shape ids come from its number. Drafts only: the watermark «BOZZA» then
    stands behind every page the header is on.
    """
    if ctx.draft is None:
        return
    set_p_property(p, "w:jc", val="center")
    add_mark(p)
    add_watermark(p, DRAFT_MARK, partname)


# -- the closing chapter ---------------------------------------------------------------


def _open_points(report: CheckReport) -> list[Diagnostic]:
    """Errors first, then warnings, each in the report's order."""
    return [*report.errors, *report.warnings]


def _part_names(ctx: RenderContext) -> dict[str, str]:
    """Project file → the part of the document a reader knows it as."""
    names = {spec.file: spec.title for spec in ctx.project.manifest.sections}
    names["progetto.yaml"] = "Frontespizio"
    names[ctx.project.comuni_file] = "Elenco dei Comuni"
    return names


def section_of(ctx: RenderContext, diagnostic: Diagnostic) -> str:
    """The part of the document a finding concerns (a section title, «Frontespizio»…)."""
    return _part_names(ctx).get(diagnostic.location.file, "Progetto nel suo insieme")


#: A project file named in a message (``sezioni/05-obiettivi.md``, ``../fuori.csv``).
_FILE = re.compile(r"[\w./-]*[\w-]\.(?:md|ya?ml|csv|docx)\b")


def for_reader(ctx: RenderContext, message: str) -> str:
    """A finding's message without file names and line numbers: the parts of the document."""
    names = _part_names(ctx)
    message = re.sub(r",? riga \d+", "", message)
    message = _FILE.sub(lambda m: names.get(m.group(), "un file del progetto"), message)
    return message.replace("(, ", "(").replace("()", "").strip()


def open_point_row(
    ctx: RenderContext, number: int, diagnostic: Diagnostic
) -> list[str | list[str] | None]:
    """One row of the open-points table: number, severity, part of the document, what."""
    return [
        str(number),
        _SEVERITY_LABELS[diagnostic.severity],
        section_of(ctx, diagnostic),
        for_reader(ctx, diagnostic.message),
    ]


def _summary(errors: int, warnings: int) -> str:
    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return (
        "Questo documento è una bozza. Il controllo del progetto ha trovato "
        f"{count(errors, 'errore', 'errori')} e {count(warnings, 'avviso', 'avvisi')}, elencati "
        "qui sotto con la parte del documento a cui si riferiscono: gli errori saranno risolti "
        "prima della consegna, gli avvisi sono punti da valutare. Ogni punto compare anche come "
        "commento accanto al titolo della sezione."
    )


def _add_open_points(ctx: RenderContext, report: CheckReport) -> None:
    ctx.heading(OPEN_POINTS_TITLE, 1, numbered=False)
    points = _open_points(report)
    if not points:
        ctx.paragraph(
            "Questo documento è una bozza. Il controllo del progetto non ha trovato punti "
            "aperti, né errori né avvisi: il testo può diventare la versione definitiva."
        )
        return
    ctx.paragraph(_summary(len(report.errors), len(report.warnings)))
    data_table(
        ctx,
        "Punti aperti segnalati dal controllo",
        [
            Column("N.", 0.5, "right"),
            Column("Gravità", 0.8),
            Column("Parte del documento", 1.8),
            Column("Punto aperto", 4.6),
        ],
        [open_point_row(ctx, n, d) for n, d in enumerate(points, start=1)],
    )


# -- comments --------------------------------------------------------------------------


def _anchors(ctx: RenderContext) -> dict[str, Any]:
    """Where each file's findings are attached (a ``w:p``): section files on their Heading 1.

    ``progetto.yaml`` goes on the title, the Comuni file on the section that uses it;
    anything else on the open-points heading.
    """
    body = ctx.document.body
    heading_1 = ctx.style_id("Heading 1")
    title_style = ctx.style_id("Title")
    headings: dict[str, Any] = {}
    title: Any = None
    for p in body.iterchildren(_W_P):
        style = _style_of(p)
        if style == heading_1:
            headings.setdefault(paragraph_text(p), p)
        elif style == title_style and title is None:
            title = p
    anchors: dict[str, Any] = {}
    for spec in ctx.project.manifest.sections:
        if spec.title in headings:
            anchors[spec.file] = headings[spec.title]
            if spec.model == "Contesto":
                anchors.setdefault(ctx.project.comuni_file, headings[spec.title])
    if title is not None:
        anchors["progetto.yaml"] = title
    anchors[""] = headings[OPEN_POINTS_TITLE]
    return anchors


def _style_of(p: Any) -> str | None:
    """The styleId of a ``w:p``'s paragraph style, if it has one."""
    ppr = p.find(_W_PPR)
    pstyle = ppr.find(_W_PSTYLE) if ppr is not None else None
    return pstyle.get(_W_VAL) if pstyle is not None else None


def comment_text(diagnostic: Diagnostic) -> str:
    """The text of a finding's comment: code, severity, place, message and hint."""
    severity = _SEVERITY_LABELS[diagnostic.severity]
    lines = [f"{diagnostic.code} – {severity} ({diagnostic.location})", diagnostic.message]
    if diagnostic.hint:
        lines.append(f"→ {diagnostic.hint}")
    return xml_safe("\n".join(lines))


#: The styles python-docx writes into comments, by styleId, with their Word names.
_COMMENT_STYLES = {
    "CommentText": (
        "annotation text",
        "paragraph",
        '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
    ),
    "CommentReference": ("annotation reference", "character", '<w:rPr><w:sz w:val="16"/></w:rPr>'),
}


def _comment_styles(ctx: RenderContext) -> dict[str, str]:
    """python-docx's comment styleIds → the document's (a style is added when missing).

    A reference document written by Italian Word has these styles under localised ids.
    """
    styles = ctx.document.styles
    ids: dict[str, str] = {}
    for default_id, (name, kind, properties) in _COMMENT_STYLES.items():
        try:
            ids[default_id] = ctx.style_id(name)
        except MissingStyleError:
            styles.append(
                parse_xml(
                    f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{default_id}">'
                    f'<w:name w:val="{name}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                    f"{properties}</w:style>"
                )
            )
            ids[default_id] = default_id
    return ids


def _restyle(root: Any, ids: dict[str, str]) -> None:
    """Point the comment style references under ``root`` at the document's styleIds."""
    for tag in ("w:pStyle", "w:rStyle"):
        for found in root.iter(qn(tag)):
            value = found.get(qn("w:val"))
            if value in ids and ids[value] != value:
                found.set(qn("w:val"), ids[value])


class _Comments:
    """Adds comments as python-docx's ``add_comment`` writes them, each written as text.

    python-docx builds a comment's text character by character; the same XML is written here
    (author and initials, no date: two exports must be identical) with the document's styles.
    """

    def __init__(self, element: Any) -> None:
        self.element = element
        self.used = {int(c.get(_W_ID)) for c in element.iterchildren(_W_COMMENT) if c.get(_W_ID)}

    def add(self, text: str, ids: dict[str, str]) -> int:
        """Append a comment saying ``text`` (a paragraph a line); its id."""
        comment_id = self._next_id()
        paragraph = f'<w:p><w:pPr><w:pStyle w:val="{attribute(ids["CommentText"])}"/></w:pPr>'
        reference = f'<w:rPr><w:rStyle w:val="{attribute(ids["CommentReference"])}"/></w:rPr>'
        first, *others = text.split("\n")
        xml = [
            f'<w:comment {nsdecls("w")} w:id="{comment_id}" w:author="{COMMENT_AUTHOR}" '
            f'w:initials="{COMMENT_INITIALS}">{paragraph}<w:r>{reference}<w:annotationRef/></w:r>'
            f"<w:r>{run_content(first, literal=True)}</w:r></w:p>"
        ]
        xml += [
            f"{paragraph}<w:r>{run_content(line, literal=True)}</w:r></w:p>"
            if line
            else f"{paragraph}</w:p>"
            for line in others
        ]
        self.element.append(parse_xml("".join(xml) + "</w:comment>"))
        self.used.add(comment_id)
        return comment_id

    def _next_id(self) -> int:
        """The id python-docx gives: one more than the largest, else the first one free."""
        following = max(self.used, default=-1) + 1
        if following <= 2**31 - 1:
            return following
        return next(n for n in range(2**31) if n not in self.used)


def mark_comment(r: Any, comment_id: int) -> None:
    """Make the ``w:r`` the range of comment ``comment_id``, as python-docx marks it.

    ``w:commentRangeStart`` before the run; after it ``w:commentRangeEnd`` and a run with
    the ``w:commentReference``.
    """
    ident = str(comment_id)
    reference = element("w:r")
    rpr = element("w:rPr")
    rpr.append(element("w:rStyle", val="CommentReference"))
    reference.append(rpr)
    reference.append(element("w:commentReference", id=ident))
    r.addprevious(element("w:commentRangeStart", id=ident))
    r.addnext(reference)
    r.addnext(element("w:commentRangeEnd", id=ident))


def _add_comments(ctx: RenderContext, report: CheckReport) -> None:
    points = _open_points(report)
    if not points:
        return
    ids = _comment_styles(ctx)
    comments = _Comments(ctx.document.comments)
    anchors = _anchors(ctx)
    by_anchor: dict[Any, list[Diagnostic]] = {}
    for diagnostic in points:
        by_anchor.setdefault(anchors.get(diagnostic.location.file, anchors[""]), []).append(
            diagnostic
        )
    for p, found in by_anchor.items():
        first = p.find(_W_R)  # the heading's text run, before comments add their own
        if first is None:
            continue
        texts = [comment_text(d) for d in found[:MAX_COMMENTS_PER_SECTION]]
        if len(found) > MAX_COMMENTS_PER_SECTION:
            rest = len(found) - MAX_COMMENTS_PER_SECTION
            texts.append(
                f"Altri {rest} punti aperti in questa sezione: sono tutti elencati nel "
                f"capitolo «{OPEN_POINTS_TITLE}»."
            )
        for text in texts:
            mark_comment(first, comments.add(text, ids))
    if any(ids[k] != k for k in ids):
        for p in dict.fromkeys(anchors.values()):
            _restyle(p, ids)


def add_draft_matter(ctx: RenderContext) -> None:
    """In a draft: properties, the open-points chapter and the findings as comments."""
    report = ctx.draft
    if report is None:
        return
    core = ctx.document.core
    core.set_text("cp:contentStatus", DRAFT_STATUS)
    keywords = (core.text("cp:keywords"), DRAFT_STATUS)
    core.set_text("cp:keywords", xml_safe("; ".join(k for k in keywords if k)))
    _add_open_points(ctx, report)
    _add_comments(ctx, report)
