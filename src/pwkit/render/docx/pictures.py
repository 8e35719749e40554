"""Pictures in a run: the image part and the ``wp:inline`` drawing, as python-docx makes them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pwkit.render.docx.ns import new_element, nsdecls, qn
from pwkit.render.docx.package import parse_xml

if TYPE_CHECKING:
    from pwkit.render.docx.word import WordDocument

#: English Metric Units per centimetre (DrawingML's unit).
EMU_PER_CM = 360_000
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"

#: python-docx's templates (its blank text between elements is dropped when parsed).
_INLINE = (
    f"<wp:inline {nsdecls('wp', 'a', 'pic', 'r')}>"
    '<wp:extent cx="914400" cy="914400"/><wp:docPr id="666" name="unnamed"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="URI not set"/></a:graphic></wp:inline>'
)
_PICTURE = (
    f"<pic:pic {nsdecls('pic', 'a', 'r')}>"
    '<pic:nvPicPr><pic:cNvPr id="666" name="unnamed"/><pic:cNvPicPr/></pic:nvPicPr>'
    "<pic:blipFill><a:blip/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
)


def add_picture(document: WordDocument, r: Any, path: Path, height: int) -> Any:
    """Append to the run ``r`` the image at ``path``, ``height`` EMU high: its ``wp:inline``.

    The width keeps the image's proportions at its own resolution. The image's size,
    resolution and type are read by python-docx's image module (imported only for a
    picture); ``OSError``, ``ValueError`` or python-docx's ``UnrecognizedImageError`` if it
    cannot be read.
    """
    from docx.image.image import Image

    image = Image.from_file(str(path))
    rid, filename = document.add_image(image.blob, image.ext, image.content_type, image.filename)
    if filename is None:  # the document's own copy of these bytes: named as python-docx reads it
        filename = Image.from_blob(image.blob).filename
    width = round(image.width * (float(height) / float(image.height)))
    shape_id = document.next_shape_id()
    inline = _inline(shape_id, rid, filename, width, height)
    drawing = new_element("w:drawing")
    r.append(drawing)
    drawing.append(inline)
    return inline


def _inline(shape_id: int, rid: str, filename: str, cx: int, cy: int) -> Any:
    """python-docx's ``CT_Inline.new_pic_inline``: the templates, then the same attributes."""
    picture = parse_xml(_PICTURE)
    name = picture.find(f"{qn('pic:nvPicPr')}/{qn('pic:cNvPr')}")
    name.set("id", "0")
    name.set("name", filename)
    picture.find(f"{qn('pic:blipFill')}/{qn('a:blip')}").set(qn("r:embed"), rid)
    extent = picture.find(f"{qn('pic:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    extent.set("cx", str(cx))
    extent.set("cy", str(cy))
    inline = parse_xml(_INLINE)
    inline.find(qn("wp:extent")).set("cx", str(cx))
    inline.find(qn("wp:extent")).set("cy", str(cy))
    properties = inline.find(qn("wp:docPr"))
    properties.set("id", str(shape_id))
    properties.set("name", f"Picture {shape_id}")
    data = inline.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
    data.set("uri", _PICTURE_URI)
    data.append(picture)
    return inline
