"""The new-project form: the questions of ``pwkit init``, when ``apri`` finds no project.

The Provincia is picked from the ISTAT list; a name typed instead that is not in the list is
asked about as ``init`` asks at a terminal (:func:`pwkit.api.province_question`): one of the
units it may mean, or the name kept as a Provincia not in the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from pwkit import api
from pwkit.base.errors import ProjectNotFoundError, PwkitError
from pwkit.web.views import call, page, site_of

#: The radio button that keeps a typed name as a Provincia not in the ISTAT list.
OUTSIDE = "fuori"


def project_in(start: Path) -> Path | None:
    """The project ``start`` is in, or ``None`` (then the new-project form is shown)."""
    if not start.exists():
        return None
    try:
        return api.open_project(start, None)
    except ProjectNotFoundError:
        return None


def needs_folder_name(start: Path) -> bool:
    """A new project goes in ``start`` when it is absent or empty, else in a folder named."""
    return start.is_dir() and any(start.iterdir())


@dataclass
class Draft:
    """What the user typed in the form, and what to tell them about it."""

    cartella: str = ""
    provincia: str = ""
    altra: str = ""
    titolo: str = ""
    referente: str = ""
    email: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    question: object | None = None
    """The :class:`ProvinceQuestion` about ``altra``, while it is not answered."""

    @classmethod
    def of(cls, form: FormData) -> Draft:
        """The fields of a posted form (missing ones empty)."""

        def text(name: str) -> str:
            value = form.get(name)
            return value.strip() if isinstance(value, str) else ""

        return cls(
            cartella=text("cartella"),
            provincia=text("provincia"),
            altra=text("altra"),
            titolo=text("titolo"),
            referente=text("referente"),
            email=text("email"),
        )


async def show(request: Request, draft: Draft | None = None, status: int = 200) -> Response:
    """GET ``/nuovo``: the form (the dashboard once a project is open)."""
    site = site_of(request)
    if site.root is not None:
        return RedirectResponse("/", status_code=303)
    return page(
        request,
        "nuovo.html",
        status,
        draft=draft or Draft(),
        start=site.start,
        ask_folder=needs_folder_name(site.start),
        choices=api.province_choices(),
    )


async def create(request: Request, form: FormData) -> Response:
    """POST ``/nuovo``: create the project and open it, or show the form with what to fix."""
    site = site_of(request)
    if site.root is not None:
        return RedirectResponse("/", status_code=303)
    draft = Draft.of(form)
    target = _target(site.start, draft)
    name, outside = _provincia(draft, form.get("scelta"))
    if draft.errors or draft.question is not None or target is None:
        return await show(request, draft, 400 if draft.errors else 200)
    answers = api.InitAnswers(
        name, draft.titolo or None, draft.referente or None, draft.email or None
    )
    try:
        result = await call(request, api.init_project, target, answers, fuori_elenco=outside)
    except PwkitError as exc:
        draft.errors["modulo"] = exc.message + (f" {exc.hint}" if exc.hint else "")
        return await show(request, draft, 400)
    site.open(result.root)
    return RedirectResponse("/", status_code=303)


def _target(start: Path, draft: Draft) -> Path | None:
    """Where the project goes: ``start``, or a new folder directly inside it (never elsewhere)."""
    if not needs_folder_name(start):
        return start
    name = draft.cartella
    if not name:
        draft.errors["cartella"] = "Scrivi il nome della cartella da creare, ad esempio pw-monza."
        return None
    if name in (".", "..") or any(c in name for c in "/\\\0:") or name.startswith("."):
        draft.errors["cartella"] = (
            f"«{name}» non è un nome di cartella valido: scrivi solo un nome, senza «/», «\\», "
            "«:» e senza punto iniziale; la cartella sarà creata in " + str(start) + "."
        )
        return None
    target = start / name
    if target.exists():
        draft.errors["cartella"] = (
            f"In {start} c'è già «{name}»: scegli un altro nome per la cartella nuova."
        )
        return None
    return target


def _provincia(draft: Draft, reply: object) -> tuple[str | None, bool]:
    """The Provincia to create the project for, and whether it is declared not in the list."""
    if draft.provincia and draft.altra:
        draft.errors["provincia"] = (
            "Scegli la Provincia dall'elenco oppure scrivi un nome fuori elenco, non entrambi."
        )
        return None, False
    if not draft.altra:
        return draft.provincia or None, False
    question = api.province_question(draft.altra)
    if question is None:
        return draft.altra, False
    if not isinstance(reply, str) or not reply:
        draft.question = question
        return None, False
    answer = question.answer("" if reply == OUTSIDE else reply)
    if not answer.settled:
        draft.question = question
        return None, False
    return answer.name, answer.outside
