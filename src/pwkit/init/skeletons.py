"""A template pack's skeletons rendered into a project's files (by ``init`` and ``upgrade``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pwkit.base.errors import TemplateError
from pwkit.init.answers import InitAnswers
from pwkit.load.istat import IstatProvincia, provinces
from pwkit.pack.manifest import TemplateManifest
from pwkit.pack.skeletons import environment


def skeleton_context(
    manifest: TemplateManifest,
    answers: InitAnswers,
    unit: IstatProvincia | None,
    today: dt.date,
    *,
    recorded: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """The variables the skeletons are rendered with (``upgrade`` renders them again).

    ``recorded``: the Provincia as the project's first rendering wrote it (``nome``,
    ``sigla``, ``regione``, ``codice_uts``), which ``upgrade`` passes instead of ``unit``.
    """
    from pwkit.load.ente import denomination

    provincia: dict[str, str | None]
    if recorded is not None:
        code, nome = recorded.get("codice_uts"), recorded.get("nome")
        known = provinces().get(code) if code else None
        provincia = {
            **{key: recorded.get(key) for key in ("nome", "sigla", "regione", "codice_uts")},
            "denominazione": denomination(nome, known) if nome else None,
        }
    elif unit is not None:
        provincia = {
            "nome": unit.nome,
            "sigla": unit.sigla,
            "regione": unit.regione,
            "codice_uts": unit.codice_uts,
            "denominazione": denomination(unit.nome, unit),
        }
    else:
        provincia = {
            "nome": answers.provincia,
            "sigla": None,
            "regione": None,
            "codice_uts": None,
            "denominazione": denomination(answers.provincia) if answers.provincia else None,
        }
    return {
        "manifest": manifest,
        "provincia": provincia,
        "titolo": answers.titolo,
        "referente": answers.referente,
        "email": answers.email,
        "oggi": today.isoformat(),
    }


def render_files(manifest: TemplateManifest, pack: Path, context: dict[str, Any]) -> dict[str, str]:
    """Every file of a new project, rendered in memory (relative path → text).

    The skeletons run in a sandbox with a budget (:mod:`pwkit.sandbox`): a pack asking for
    too much text, work or too big a number is refused before anything is written. Any
    failure of a skeleton is the pack's problem (exit 2), never an internal error.
    """
    env = environment(pack)
    files: dict[str, str] = {}
    jobs = [(manifest.project.file, manifest.project.skeleton, context)] + [
        (spec.file, spec.skeleton, {**context, "section": spec}) for spec in manifest.sections
    ]
    for file, skeleton, values in jobs:
        try:
            files[file] = env.render_text(skeleton, values)
        except Exception as exc:
            raise _skeleton_error(pack, skeleton, exc) from None
    return files


def _skeleton_error(pack: Path, skeleton: str, exc: BaseException) -> TemplateError:
    """A template pack's skeleton that cannot be rendered, said in Italian."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from pwkit.pack.sandbox import LimitExceeded

    line: int | None = None
    if isinstance(exc, LimitExceeded):
        what = exc.what
    elif isinstance(exc, TemplateNotFound):
        what = f"«{_cut(str(exc.name))}» non esiste (o è fuori dalla cartella del modello)"
    elif isinstance(exc, TemplateSyntaxError):
        what = f"errore di sintassi Jinja ({_cut(exc.message)})"
        skeleton, line = _cut(exc.name or skeleton), exc.lineno
    elif isinstance(exc, UndefinedError):
        what = f"usa una variabile che pwkit non fornisce ({_cut(exc.message)})"
    elif isinstance(exc, SecurityError):
        what = "tenta un'operazione non permessa (i modelli sono generati in un ambiente protetto)"
    elif isinstance(exc, OverflowError | RecursionError | MemoryError):
        what = "richiede troppe ripetizioni o troppa memoria"
    else:
        what = f"errore nel calcolo ({type(exc).__name__}: {_cut(str(exc))})"
    return TemplateError(
        f"Lo scheletro {skeleton} del modello non si può usare: {what}.",
        path=pack / skeleton,
        line=line,
        hint="Correggi lo scheletro nel modello, oppure togli --modello per usare quello "
        "incluso in pwkit.",
    )


#: What a message quotes of a failure (a value, a name the skeleton built) is cut here.
QUOTED_MAX_CHARS = 120


def _cut(text: str | None) -> str:
    """``text`` cut to ``QUOTED_MAX_CHARS`` characters, with «…» where it was cut."""
    text = text or ""
    return text if len(text) <= QUOTED_MAX_CHARS else text[:QUOTED_MAX_CHARS] + "…"


def carried_pack(pack: Path) -> dict[str, str]:
    """The files of a pack pwkit does not bundle (manifest and skeletons), to keep in the project.

    ``check`` reads the pack there, so a project made or upgraded with it stays checkable.
    Each file and all of them together are bounded like the files the skeletons render.
    """
    from pwkit.pack.registry import is_bundled
    from pwkit.pack.sandbox import MAX_FILE_CHARS, MAX_TOTAL_CHARS

    files: dict[str, str] = {}
    if is_bundled(pack):
        return files
    total = 0
    for path in sorted(pack.rglob("*")):
        if path.suffix not in (".yaml", ".j2") or path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(pack).as_posix()
        size = path.stat().st_size
        total += size
        if size > MAX_FILE_CHARS or total > MAX_TOTAL_CHARS:
            limit = MAX_FILE_CHARS if size > MAX_FILE_CHARS else MAX_TOTAL_CHARS
            raise TemplateError(
                f"Il file {rel} del modello è troppo grande (oltre {limit // 1_000_000} MB"
                f"{'' if limit == MAX_FILE_CHARS else ' con i file che lo precedono'}): "
                "pwkit ne tiene una copia in ogni progetto.",
                path=path,
                hint="Togli dal modello i file che non servono, oppure togli --modello per "
                "usare quello incluso in pwkit.",
            )
        try:
            files[rel] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not a skeleton pwkit could have rendered
    return files


def require_known_models(manifest: TemplateManifest, pack: Path) -> None:
    """Every section of a pack must use one of pwkit's data models."""
    from pwkit.model.sections import SECTION_MODELS

    for spec in manifest.sections:
        if spec.model not in SECTION_MODELS:
            raise TemplateError(
                f"La sezione {spec.number} del modello usa il modello di dati «{spec.model}», "
                "che pwkit non conosce.",
                path=pack / "manifest.yaml",
                hint=f"Modelli di dati disponibili: {', '.join(sorted(SECTION_MODELS))}.",
            )
