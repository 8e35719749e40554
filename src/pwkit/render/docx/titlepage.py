"""The title page (frontespizio): programme header, logos, Provincia, title, people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pwkit.load.ente import body_name
from pwkit.render.docx.draft import DRAFT_STATUS, add_draft_notice
from pwkit.render.docx.files import logos_of
from pwkit.render.docx.formatting import long_date
from pwkit.render.docx.ns import qn
from pwkit.render.docx.oxml import run_element, set_p_property, xml_safe
from pwkit.render.docx.pictures import add_picture

if TYPE_CHECKING:
    from pathlib import Path

    from pwkit.render.docx.context import RenderContext

_LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
#: 1 cm in twips (``w:spacing``) and 2 cm in EMU (a logo's height), as python-docx's ``Cm``.
_ONE_CM_TWIPS = "567"
_LOGO_HEIGHT_EMU = 720000
_W_R, _WP_DOC_PR = qn("w:r"), qn("wp:docPr")


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
    p = ctx.paragraph(style="Frontespizio")
    if before:
        set_p_property(p, "w:spacing", before=_ONE_CM_TWIPS)
    run_element(p, f"{label}: ", bold=True)
    run_element(p, value)


def _add_logos(ctx: RenderContext) -> None:
    """Logos side by side, 2 cm high; files the check refused or cannot decode are left out."""
    progetto = ctx.project.progetto
    if progetto is None or progetto.documento is None or not progetto.documento.loghi:
        return
    p = ctx.paragraph(style="Frontespizio")
    set_p_property(p, "w:spacing", before=_ONE_CM_TWIPS)
    for path in logos_of(ctx.project, ctx.files):
        if path.suffix.lower() not in _LOGO_SUFFIXES:
            continue
        # A logo that cannot be read leaves its run (two spaces) behind, as it always did.
        r = run_element(p, "  " if p.find(_W_R) is not None else "")
        inline = _picture(ctx, r, path, _LOGO_HEIGHT_EMU)
        if inline is not None:
            inline.find(_WP_DOC_PR).set("descr", xml_safe(f"Logo: {path.stem}"))


def _picture(ctx: RenderContext, r: Any, path: Path, height: int) -> Any:
    """Append to the ``w:r`` the picture at ``path``, ``height`` EMU high: its ``wp:inline``.

    ``None`` when the file is no picture python-docx's image module reads.
    """
    from docx.image.exceptions import UnrecognizedImageError

    try:
        return add_picture(ctx.document, r, path, height)
    except (UnrecognizedImageError, OSError, ValueError):
        return None
