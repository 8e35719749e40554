"""The diagonal watermark of a draft, written as Word's Design → Watermark writes it.

Word puts a VML WordArt shape («PowerPlusWaterMarkObject») in a run of every header: the
shape is anchored to the margins, centred, turned 315° and drawn behind the text in a light,
half-transparent grey. LibreOffice shows it too. Each header gets its own shape id.
"""

from __future__ import annotations

import re
from typing import Any

from pwkit.render.docx.package import parse_xml

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)

#: Word's own shape type for WordArt text on a straight path (``o:spt="136"``).
_SHAPETYPE = """<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>
<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>
<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight"
 xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>"""

_SHAPE = (
    '<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{spid}" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;'
    "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="silver" '
    'stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;{font}&quot;;'
    'font-size:1pt" string="{text}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape>'
)


def add_watermark(p: Any, text: str, partname: str, *, font: str = "Calibri") -> None:
    """Append to a header's ``w:p`` the run holding the diagonal watermark ``text``.

    ``partname`` is the header part's name (``/word/header2.xml``): its number makes the
    shape's ids, one per header.
    """
    found = re.search(r"(\d+)", partname)
    number = int(found.group(1)) if found else 1
    width = 90 * len(text)  # points: WordArt fits the text to the box, Word's proportions
    shape = _SHAPE.format(
        number=3578310 + number,
        spid=2048 + number,
        width=width,
        height=round(width / 2.5, 1),
        font=font,
        text=text,
    )
    run = parse_xml(
        f"<w:r {_NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>{_SHAPETYPE}{shape}</w:pict></w:r>"
    )
    p.append(run)
