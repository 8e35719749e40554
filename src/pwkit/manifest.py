"""The template manifest: sections, limits, guidance, programme calendar and labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pwkit.errors import TemplateError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WordLimits(_Strict):
    """Words of prose a section needs (guidance and headings excluded)."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)


class SectionSpec(_Strict):
    """One section of the project work as the template defines it."""

    key: str
    number: int
    file: str
    title: str
    model: str
    words: WordLimits
    subheadings: list[str] = Field(default_factory=list)
    guidance: str
    subheading_guidance: dict[str, str] = Field(default_factory=dict)
    skeleton: str


class Phase(_Strict):
    """A phase of the programme."""

    number: int
    name: str
    start: dt.date
    end: dt.date


class Programme(_Strict):
    """The programme calendar and the title-page header."""

    name: str
    header: list[str]
    deadline: dt.date
    phases: list[Phase]


class Thresholds(_Strict):
    """Numbers the rules use that are content of a programme edition, not code."""

    staff_per_1000: tuple[float, float] = (2, 20)
    """PW402: plausible staff per 1,000 inhabitants in a Comune (inclusive range)."""
    min_response_rate: float = 0.30
    """PW404: share of Comuni that should answer the needs survey."""
    personnel_cost_tolerance: float = 0.05
    """PW405: accepted gap between personnel cost lines and roles × cost per FTE."""
    financing_max_ratio: float = 1.2
    """PW406: financing above this multiple of costs is implausible."""
    quote_comuni_tolerance: float = 0.10
    """PW407: accepted gap between ``quote_comuni`` financing and tariffs × volumes."""
    months_after_programme: int = 12
    """PW308: months the plan must cover after the end of the programme's last phase."""
    high_exposure: int = 12
    """PW506: exposure (probability × impact) from which a risk counts as high."""
    min_risks: int = 5
    """PW507: risks a credible register has at least."""
    min_risk_categories: int = 3
    """PW507: categories those risks span at least."""
    training_hours_per_fte: float = 40
    """PW508: yearly training hours per FTE of the service's staff (Direttiva 14/1/2025)."""
    programme_competences: list[str] = Field(
        default_factory=lambda: ["organizzative", "digitali", "progettuali"]
    )
    """PW509: competence areas the programme asks the training plan to cover."""
    priority_start_months: int = 12
    """PW510: a priority-1 service starts within this many months of the first go-live."""


class ProjectFileSpec(_Strict):
    """``progetto.yaml`` and its skeleton."""

    file: str = "progetto.yaml"
    skeleton: str


class TemplateManifest(_Strict):
    """``manifest.yaml`` of a template pack."""

    id: str
    version: str
    title: str
    programme: Programme
    project: ProjectFileSpec
    comuni_file: str = "dati/comuni.csv"
    sections: list[SectionSpec]
    thresholds: Thresholds = Field(default_factory=Thresholds)
    labels: dict[str, dict[str, str]] = Field(default_factory=dict)

    @property
    def pin(self) -> str:
        """``id@version``, as ``progetto.yaml`` writes it."""
        return f"{self.id}@{self.version}"

    def label(self, vocabulary: str, value: str) -> str:
        """Italian label of an enum value for documents; the value itself when unlabelled."""
        return self.labels.get(vocabulary, {}).get(value, value.replace("_", " "))

    def section_by_model(self, model: str) -> SectionSpec | None:
        """The section bound to a model name, if any."""
        return next((s for s in self.sections if s.model == model), None)


def load_manifest(pack: Path) -> TemplateManifest:
    """Read and validate ``manifest.yaml`` of the template pack in ``pack``."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = pack / "manifest.yaml"
    try:
        raw = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(
            "Il modello non contiene manifest.yaml.",
            path=path,
            hint="Indica la cartella di un modello valido.",
        ) from None
    except (YAMLError, UnicodeDecodeError) as exc:
        raise TemplateError(
            f"manifest.yaml del modello non è leggibile: {exc}",
            path=path,
            hint="Correggi il file del modello o usa il modello incluso in pwkit.",
        ) from None
    try:
        return TemplateManifest.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise TemplateError(
            f"manifest.yaml del modello non è valido ({where}): {first['type']}.",
            path=path,
            hint="Correggi il file del modello o usa il modello incluso in pwkit.",
        ) from None
