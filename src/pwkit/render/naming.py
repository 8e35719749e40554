"""The default file name of an exported document: who, which version, whether a draft."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pwkit.model.project import Project

#: A name part is cut to this many characters (a long Provincia name, a pasted sentence).
PART_MAX_CHARS = 40
_SIGLA = re.compile(r"[A-Z]{2}")
_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")


def document_name(project: Project, *, draft: bool) -> str:
    """``PW-<sigla>-v<versione>.docx``, with ``-bozza`` before ``.docx`` for a draft.

    A draft whose title page does not validate is still named after its Provincia (sigla,
    else name) and version when ``progetto.yaml`` gives them; parts it lacks, or still
    holds as ``DA COMPILARE``, are left out.
    Every part is reduced to letters, digits and inner dots, so a name never holds a path.
    """
    sigla, nome, versione = _identity(project)
    parts = ["PW", _part(sigla or nome or "")]
    version = _part(versione or "")
    parts.append(f"v{version}" if version else "")
    parts.append("bozza" if draft else "")
    return "-".join(p for p in parts if p) + ".docx"


def _identity(project: Project) -> tuple[str | None, str | None, str | None]:
    """Sigla, name and version of the document, validated or (for a draft) as written."""
    progetto = project.progetto
    if progetto is not None:
        return progetto.provincia.sigla, progetto.provincia.nome, progetto.versione
    raw = project.progetto_raw if isinstance(project.progetto_raw, Mapping) else {}
    unit = raw.get("provincia")
    fields: Mapping[str, Any] = unit if isinstance(unit, Mapping) else {}
    sigla = _text(fields.get("sigla"))
    return (
        sigla if sigla and _SIGLA.fullmatch(sigla) else None,
        _text(fields.get("nome")),
        _text(raw.get("versione")),
    )


def _text(value: Any) -> str | None:
    """The text as written; ``None`` for no text and for a ``DA COMPILARE`` placeholder."""
    from pwkit.validate.rawdata import is_placeholder

    if not isinstance(value, str) or is_placeholder(value):
        return None
    return value.strip() or None


def _part(text: str) -> str:
    """Letters (accents dropped), digits and dots between them, words joined by ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(_WORD.findall(ascii_text))[:PART_MAX_CHARS].strip("-.")
