"""The title page (frontespizio): programme header, logos, Provincia, title, people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.shared import Cm

from pwkit.load.ente import body_name
from pwkit.render.docx.draft import DRAFT_STATUS, add_draft_notice
from pwkit.render.docx.files import logos_of
from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.oxml import add_run, set_picture_description

if TYPE_CHECKING:
    from pwkit.render.docx.context import RenderContext

_LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


def add_title_page(ctx: RenderContext) -> None:
    """Write the title page; the table of contents starts on the next page."""
    manifest = ctx.project.manifest
    progetto = ctx.project.progetto
    for line in manifest.programme.header:
        ctx.paragraph(line, "Frontespizio programma")
    if progetto is None:
        ctx.paragraph(manifest.title, "Title")
        add_draft_notice(ctx)
        return
    _add_logos(ctx)
    ctx.paragraph(body_name(progetto.provincia), "Frontespizio ente")
    ctx.paragraph(progetto.titolo, "Title")
    if progetto.sottotitolo:
        ctx.paragraph(progetto.sottotitolo, "Subtitle")
    ctx.paragraph(
        f"Versione {progetto.versione} – {long_date(progetto.data_redazione)}", "Frontespizio"
    )
    add_draft_notice(ctx)
    # A draft is a draft, whatever progetto.yaml says: not yet delivered nor approved.
    status = DRAFT_STATUS if ctx.draft is not None else ctx.label(progetto.stato)
    _labelled(ctx, "Stato del documento", status)
    if progetto.atto_approvazione is not None and ctx.draft is None:
        atto = progetto.atto_approvazione
        _labelled(ctx, "Approvato con", f"{atto.tipo} n. {atto.numero} del {long_date(atto.data)}")
    referente = progetto.referente
    contacts = ", ".join(c for c in (referente.email, referente.telefono) if c)
    _labelled(ctx, "Referente", f"{referente.nome}, {referente.ruolo} ({contacts})", before=True)
    if progetto.referente_politico is not None:
        politico = progetto.referente_politico
        _labelled(ctx, "Referente politico", f"{politico.nome}, {politico.carica}")
    members = [
        f"{m.nome} – {m.ruolo}" + (f" ({m.ente})" if m.ente else "")
        for m in progetto.gruppo_di_lavoro
    ]
    _labelled(ctx, "Gruppo di lavoro", "; ".join(members))
    if progetto.rete is not None:
        if progetto.rete.provincia_mentor:
            _labelled(ctx, "Provincia mentor", progetto.rete.provincia_mentor)
        if progetto.rete.province_partner:
            _labelled(ctx, "Province partner", ", ".join(progetto.rete.province_partner))


def _labelled(ctx: RenderContext, label: str, value: str, *, before: bool = False) -> None:
    paragraph = ctx.paragraph(style="Frontespizio")
    if before:
        paragraph.paragraph_format.space_before = Cm(1)
    add_run(paragraph, f"{label}: ").bold = True
    add_run(paragraph, value)


def _add_logos(ctx: RenderContext) -> None:
    """Logos side by side, 2 cm high; files the check refused or cannot decode are left out."""
    from docx.image.exceptions import UnrecognizedImageError

    progetto = ctx.project.progetto
    if progetto is None or progetto.documento is None or not progetto.documento.loghi:
        return
    paragraph = ctx.paragraph(style="Frontespizio")
    paragraph.paragraph_format.space_before = Cm(1)
    for path in logos_of(ctx.project, ctx.files):
        if path.suffix.lower() not in _LOGO_SUFFIXES:
            continue
        run = add_run(paragraph, "  " if paragraph.runs else "")
        try:
            shape = run.add_picture(str(path), height=Cm(2))
        except (UnrecognizedImageError, OSError, ValueError):
            continue
        set_picture_description(shape, f"Logo: {path.stem}")
