"""Draft export (``pwkit export --bozza``): markers, placeholders and the open points.

A draft says so everywhere a reader may look: in every page header, on the title page, in
the document properties, and at the end, where the findings of the check are listed (and
attached as Word comments to the sections they concern). Placeholders left in the prose
are highlighted instead of hidden (``placeholders``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor

from pwkit.base.diagnostics import Severity
from pwkit.render.docx.context import MissingStyleError
from pwkit.render.docx.oxml import add_run, paragraph_text, xml_safe
from pwkit.render.docx.tables import Column, data_table
from pwkit.render.docx.watermark import add_watermark
from pwkit.render.docx.xml_text import attribute, run_content

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

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
#: Colour of the draft marks (dark red, readable in print and in grey).
DRAFT_COLOR = RGBColor(0xC0, 0x00, 0x00)

_SEVERITY_LABELS = {Severity.ERROR: "Errore", Severity.WARNING: "Avviso"}


def mark_run(run: Run) -> Run:
    """Bold dark red: how the draft marks stand out."""
    run.bold = True
    run.font.color.rgb = DRAFT_COLOR
    return run


def add_draft_notice(ctx: RenderContext) -> None:
    """The title-page line that says the document is a draft (drafts only)."""
    if ctx.draft is None:
        return
    paragraph = ctx.paragraph(style="Frontespizio")
    mark_run(add_run(paragraph, DRAFT_NOTICE))


def mark_header(ctx: RenderContext, paragraph: Paragraph) -> None:
    """The draft mark, centred in an empty header paragraph, and the diagonal watermark.

    Drafts only: the watermark «BOZZA» then stands behind every page the header is on.
    """
    if ctx.draft is None:
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark_run(add_run(paragraph, DRAFT_NOTICE))
    add_watermark(paragraph, DRAFT_MARK)


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


def _anchors(ctx: RenderContext) -> dict[str, Paragraph]:
    """Where each file's findings are attached: section files on their Heading 1.

    ``progetto.yaml`` goes on the title, the Comuni file on the section that uses it;
    anything else on the open-points heading.
    """
    from docx.text.paragraph import Paragraph

    body = ctx.document.element.body
    heading_1 = ctx.style_id("Heading 1")
    title_style = ctx.style_id("Title")
    headings: dict[str, Paragraph] = {}
    title: Paragraph | None = None
    for p in body.iterchildren(qn("w:p")):
        style = p.style
        if style == heading_1:
            headings.setdefault(paragraph_text(p), Paragraph(p, ctx.document))
        elif style == title_style and title is None:
            title = Paragraph(p, ctx.document)
    anchors: dict[str, Paragraph] = {}
    for spec in ctx.project.manifest.sections:
        if spec.title in headings:
            anchors[spec.file] = headings[spec.title]
            if spec.model == "Contesto":
                anchors.setdefault(ctx.project.comuni_file, headings[spec.title])
    if title is not None:
        anchors["progetto.yaml"] = title
    anchors[""] = headings[OPEN_POINTS_TITLE]
    return anchors


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
    styles = ctx.document.styles.element
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
        self.used = {int(found) for found in element.xpath("./w:comment/@w:id")}

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


def _add_comments(ctx: RenderContext, report: CheckReport) -> None:
    points = _open_points(report)
    if not points:
        return
    ids = _comment_styles(ctx)
    comments = _Comments(ctx.document.comments._comments_elm)
    anchors = _anchors(ctx)
    by_anchor: dict[int, tuple[Paragraph, list[Diagnostic]]] = {}
    for diagnostic in points:
        paragraph = anchors.get(diagnostic.location.file, anchors[""])
        by_anchor.setdefault(id(paragraph), (paragraph, []))[1].append(diagnostic)
    for paragraph, found in by_anchor.values():
        runs = paragraph.runs[:1]  # the heading's text run, before comments add their own
        if not runs:
            continue
        texts = [comment_text(d) for d in found[:MAX_COMMENTS_PER_SECTION]]
        if len(found) > MAX_COMMENTS_PER_SECTION:
            rest = len(found) - MAX_COMMENTS_PER_SECTION
            texts.append(
                f"Altri {rest} punti aperti in questa sezione: sono tutti elencati nel "
                f"capitolo «{OPEN_POINTS_TITLE}»."
            )
        for text in texts:
            comment_id = comments.add(text, ids)
            runs[0].mark_comment_range(runs[-1], comment_id)
    if any(ids[k] != k for k in ids):
        for paragraph in {id(p): p for p in anchors.values()}.values():
            _restyle(paragraph._p, ids)


def add_draft_matter(ctx: RenderContext) -> None:
    """In a draft: properties, the open-points chapter and the findings as comments."""
    report = ctx.draft
    if report is None:
        return
    core = ctx.document.core_properties
    core.content_status = DRAFT_STATUS
    core.keywords = xml_safe("; ".join(k for k in (core.keywords, DRAFT_STATUS) if k))
    _add_open_points(ctx, report)
    _add_comments(ctx, report)
