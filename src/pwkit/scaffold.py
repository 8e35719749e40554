"""``init_project``: a new project work from a template pack. Never overwrites; cleans up."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pwkit.base.errors import PwkitError, TemplateError
from pwkit.base.projectdir import CARRIED_PACK, STATE_DIR
from pwkit.load.istat import IstatProvincia, find_province, provinces
from pwkit.model.jsonschema import MODELINE, PROJECT_SCHEMA_DIR, schemas
from pwkit.pack.manifest import TemplateManifest
from pwkit.pack.registry import bundled_pack
from pwkit.pack.skeletons import environment
from pwkit.validate.manifest import load_manifest

CSV_HEADER = [
    "codice_istat",
    "comune",
    "popolazione",
    "dipendenti",
    "ufficio_personale",
    "fte_personale",
    "unione",
]


@dataclass(frozen=True)
class InitAnswers:
    """What the user told ``init`` (each may be missing)."""

    provincia: str | None = None
    titolo: str | None = None
    referente: str | None = None
    email: str | None = None


@dataclass
class InitResult:
    """What ``init`` created."""

    root: Path
    manifest: TemplateManifest
    provincia: IstatProvincia | None
    fuori_elenco: str | None = None
    """The name of a Provincia the user declared not in the ISTAT list (no Comuni filled)."""
    files: list[str] = field(default_factory=list)


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


def _comuni_csv(unit: IstatProvincia | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for comune in unit.comuni if unit else ():
        writer.writerow([comune.codice_istat, comune.comune, "", "", "", "", ""])
    return buffer.getvalue()


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


def resolve_province(name: str | None, *, fuori_elenco: bool = False) -> IstatProvincia | None:
    """The ISTAT unit ``name`` stands for; None without a name or for a Provincia not in the list.

    A name that is not in the list is refused with the units it may mean, unless the user said
    (``fuori_elenco``) that the Provincia is not in the list: a wrong guess would fill
    ``dati/comuni.csv`` with another territory.
    """
    if not name or not name.strip():
        return None
    from pwkit.load.ente import denomination

    unit = find_province(name)
    if unit is not None and fuori_elenco:
        raise PwkitError(
            f"«{name}» è nell'elenco ISTAT ({denomination(unit.nome, unit)}, {unit.regione}, "
            f"{len(unit.comuni)} Comuni): non è una Provincia fuori elenco.",
            hint="Togli --fuori-elenco: pwkit compila dati/comuni.csv con i suoi Comuni. Per una "
            "Provincia davvero fuori elenco scegli un nome che non sia di un'unità ISTAT.",
        )
    if unit is not None or fuori_elenco:
        return unit
    raise _not_in_list(name)


def _not_in_list(name: str) -> PwkitError:
    """A Provincia name that is not in the ISTAT list, with the units it may mean."""
    from pwkit.load.ente import unit_summary
    from pwkit.load.istat import province_candidates

    candidates = province_candidates(name)
    close = "; ".join(unit_summary(u) for u in candidates)
    return PwkitError(
        f"{not_in_list_sentence(name)} "
        + (f"Forse intendevi: {close}." if close else "Nessuna ha un nome simile."),
        hint="Indica la Provincia con il nome o la sigla dell'elenco ISTAT (es. --provincia "
        f"{candidates[0].sigla if candidates else 'MB'}). Se la Provincia non è nell'elenco "
        "(un esempio, un'esercitazione), aggiungi --fuori-elenco: dati/comuni.csv resterà da "
        "compilare a mano.",
    )


def not_in_list_sentence(name: str) -> str:
    """«"Reggio" non è tra le Province dell'elenco ISTAT…», or that the unit no longer exists."""
    from pwkit import ISTAT_SITUATION
    from pwkit.load.istat import retired_name

    retired = retired_name(name)
    if retired is not None:
        return (
            f"«{name}» non è più un'unità dell'elenco ISTAT: dal {retired.dal} i suoi Comuni "
            "appartengono ad altre unità."
        )
    return f"«{name}» non è tra le Province dell'elenco ISTAT (situazione al {ISTAT_SITUATION})."


def init_project(
    target: Path,
    answers: InitAnswers,
    *,
    template: Path | None = None,
    today: dt.date | None = None,
    fuori_elenco: bool = False,
) -> InitResult:
    """Create a project work in ``target`` (which must be absent or empty).

    ``fuori_elenco``: the Provincia named in ``answers`` is declared not in the ISTAT list.
    """
    if target.exists() and not target.is_dir():
        raise PwkitError(
            f"{target} esiste ed è un file.",
            path=target,
            hint="Indica una cartella nuova per il Project Work.",
        )
    if target.is_dir() and any(target.iterdir()):
        raise PwkitError(
            f"La cartella {target} non è vuota: pwkit init non sovrascrive nulla.",
            path=target,
            hint="Indica una cartella nuova o vuota, ad esempio `pwkit init pw-provincia`.",
        )
    pack = template if template is not None else bundled_pack()
    manifest = load_manifest(pack)
    require_known_models(manifest, pack)
    unit = resolve_province(answers.provincia, fuori_elenco=fuori_elenco)
    context = skeleton_context(manifest, answers, unit, today or dt.date.today())
    files = render_files(manifest, pack, context)
    files[manifest.project.file] = MODELINE + files[manifest.project.file]
    files[manifest.comuni_file] = _comuni_csv(unit)
    editor_schemas = {
        f"{PROJECT_SCHEMA_DIR}/{name}": json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in schemas(manifest).items()
    }

    carried = carried_pack(pack)
    outside = answers.provincia.strip() if answers.provincia and unit is None else None
    result = InitResult(target, manifest, unit, outside or None)
    created_root = not target.exists()
    created: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            created += _write_new(target, rel, text)
            result.files.append(rel)
        for folder in ("allegati",):
            path = target / folder
            if not path.exists():
                path.mkdir()
                created.append(path)
        state = {
            "modello": manifest.id,
            "versione": manifest.version,
            "creato": context["oggi"],
            "risposte": {
                "provincia": answers.provincia,
                "titolo": answers.titolo,
                "referente": answers.referente,
                "email": answers.email,
            },
        }
        created += _write_new(
            target, f"{STATE_DIR}/modello.json", json.dumps(state, ensure_ascii=False, indent=2)
        )
        for rel, text in files.items():
            created += _write_new(target, f"{STATE_DIR}/base/{rel}", text)
        for rel, text in editor_schemas.items():
            created += _write_new(target, rel, text)
        for rel, text in carried.items():
            created += _write_new(target, f"{CARRIED_PACK}/{rel}", text)
    except BaseException:
        _remove(created, target if created_root else None)
        raise
    return result


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


def _write_new(root: Path, rel: str, text: str) -> list[Path]:
    """Write a new file (never replacing one); return what was created, parents first."""
    path = root / rel
    made = []
    for parent in reversed(path.relative_to(root).parents):
        folder = root / parent
        if not folder.exists():
            folder.mkdir()
            made.append(folder)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        made.append(path)
        handle.write(text)
    return made


def _remove(created: list[Path], root: Path | None) -> None:
    """Undo a failed init: only what it created, newest first."""
    for path in reversed(created):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if root is not None and root.is_dir() and not any(root.iterdir()):
        root.rmdir()
