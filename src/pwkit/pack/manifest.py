"""The template manifest: sections, limits, guidance, programme calendar and labels."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from pwkit.base.empty import no_entries, no_items
from pwkit.base.projectdir import COMUNI_FILE
from pwkit.pack.registry import (
    DEFAULT_TEMPLATE,
    MANIFEST_FILE,
    Pin,
    bundled_pack,
    plain_release,
)


class _Strict(BaseModel):
    # Validators are built on first use, not when the module is imported.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*")


def _confined(name: str) -> str:
    """A file name a template pack may use: relative, inside its folder, no hidden parts."""
    if not _NAME.fullmatch(name) or ".." in name.split("/"):
        raise ValueError(
            f"«{name}» non è un nome di file ammesso (solo lettere, cifre, «-», «_», «.» e «/» "
            "tra cartelle; niente percorsi assoluti, «..» o nomi che iniziano con un punto)"
        )
    return name


PackFile = Annotated[str, AfterValidator(_confined)]


def template_version(text: str) -> str:
    """A template version: PEP 440 (``1.0.0``, ``1.1.0rc1``); ``ValueError`` in Italian if not.

    A plain release (``1.1.0``, what packs use) is valid without importing ``packaging``.
    """
    if plain_release(text) is not None:
        return text
    from packaging.version import InvalidVersion, Version

    try:
        Version(text)
    except InvalidVersion:
        raise ValueError(f"«{text}» non è un numero di versione (esempio: 1.1.0)") from None
    return text


TemplateVersion = Annotated[str, AfterValidator(template_version)]


class WordLimits(_Strict):
    """Words of prose a section needs (guidance and headings excluded)."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)


class TableSpec(_Strict):
    """A table the document builds from a section's data, and where it goes by default.

    The prose places it with the marker ``<!-- tabella: NAME -->`` on a line of its own;
    without one it goes at the end of the sub-heading ``after`` (at the end of the section
    when absent). ``caption`` is the table's caption, or the start of the captions of a
    family of tables (the service cards: «Scheda del servizio»).
    """

    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    caption: str
    after: str | None = None


class SectionSpec(_Strict):
    """One section of the project work as the template defines it."""

    key: str
    number: int
    file: PackFile
    title: str
    model: str
    words: WordLimits
    subheadings: list[str] = Field(default_factory=no_items)
    guidance: str
    subheading_guidance: dict[str, str] = Field(default_factory=no_entries)
    skeleton: PackFile
    tables: list[TableSpec] = Field(default_factory=no_items)

    @model_validator(mode="after")
    def _tables_under_subheadings(self) -> SectionSpec:
        names = [table.name for table in self.tables]
        for table in self.tables:
            if names.count(table.name) > 1:
                raise ValueError(f"la tabella «{table.name}» è dichiarata due volte")
            if table.after is not None and table.after not in self.subheadings:
                raise ValueError(
                    f"la tabella «{table.name}» va dopo «{table.after}», che non è tra i "
                    "sottotitoli della sezione"
                )
        return self


class Phase(_Strict):
    """A phase of the programme."""

    number: int
    name: str
    start: dt.date
    end: dt.date


class Edition(_Strict):
    """One edition of the programme and its calendar: the delivery deadline and the phases."""

    id: str
    deadline: dt.date
    phases: list[Phase] = Field(min_length=1)


class Programme(_Strict):
    """The programme: title-page header, and the calendar of each edition a pack knows.

    ``deadline`` and ``phases`` are the calendar of the pack's current edition (``edition``,
    what ``init`` records in a new project); ``editions`` lists the others a project may name.
    """

    name: str
    header: list[str]
    edition: str | None = None
    deadline: dt.date
    phases: list[Phase] = Field(min_length=1)
    editions: list[Edition] = Field(default_factory=no_items)

    @property
    def current(self) -> Edition:
        """The calendar of the pack's current edition."""
        return Edition(id=self.edition or "", deadline=self.deadline, phases=self.phases)

    def calendar(self, edition: str | None) -> Edition | None:
        """The calendar of ``edition`` (the current one if ``None``); ``None`` if unknown."""
        if edition is None or edition == self.edition:
            return self.current
        return next((e for e in self.editions if e.id == edition), None)


class Thresholds(_Strict):
    """Numbers the rules use that are content of a programme edition, not code.

    Their values are in the packs (``thresholds:`` in ``manifest.yaml``); a pack that leaves
    one out gets the value of pwkit's own pack (``default_thresholds``).
    """

    staff_per_1000: tuple[float, float]
    """PW402: plausible staff per 1,000 inhabitants in a Comune (inclusive range)."""
    min_response_rate: float
    """PW404: share of Comuni that should answer the needs survey."""
    personnel_cost_tolerance: float
    """PW405: accepted gap between personnel cost lines and roles × cost per FTE."""
    financing_max_ratio: float
    """PW406: financing above this multiple of costs is implausible."""
    quote_comuni_tolerance: float
    """PW407: accepted gap between ``quote_comuni`` financing and tariffs × volumes."""
    months_after_programme: int
    """PW308: months the plan must cover after the end of the programme's last phase."""
    high_exposure: int
    """PW506: exposure (probability × impact) from which a risk counts as high."""
    min_risks: int
    """PW507: risks a credible register has at least."""
    min_risk_categories: int
    """PW507: categories those risks span at least."""
    training_hours_per_fte: float
    """PW508: yearly training hours per FTE of the service's staff (Direttiva 14/1/2025)."""
    programme_competences: list[str]
    """PW509: competence areas the programme asks the training plan to cover."""
    priority_start_months: int
    """PW510: a priority-1 service starts within this many months of the first go-live."""


class ProjectFileSpec(_Strict):
    """``progetto.yaml`` and its skeleton."""

    file: PackFile = "progetto.yaml"
    skeleton: PackFile


class _Step(_Strict):
    """A migration step's operation (``manifest.yaml``, ``migrations``)."""


class RenameFile(_Step):
    """A section file gets a new name."""

    old: PackFile
    new: PackFile


class RenameKey(_Step):
    """A key gets a new name (in every list item, with ``[]``)."""

    file: PackFile
    path: str
    new: str = Field(pattern=r"^[a-z][a-z0-9_]*$")


class ChangeValue(_Step):
    """An allowed value is renamed: ``old`` becomes ``new`` wherever ``path`` holds it."""

    file: PackFile
    path: str
    old: str
    new: str


class MoveKey(_Step):
    """A top-level key moves to the front matter of another section."""

    file: PackFile
    path: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    to: PackFile


class SplitSection(_Step):
    """Some top-level keys of a section move to a new section (created from the template)."""

    file: PackFile
    new: PackFile
    keys: list[str] = Field(min_length=1)


class MergeSections(_Step):
    """A section is merged into another: its keys and its prose follow the other's."""

    file: PackFile
    into: PackFile


class Step(_Step):
    """One migration step: exactly one of its fields is given."""

    rename_file: RenameFile | None = None
    rename_key: RenameKey | None = None
    change_value: ChangeValue | None = None
    move_key: MoveKey | None = None
    split_section: SplitSection | None = None
    merge_sections: MergeSections | None = None

    @model_validator(mode="after")
    def _one(self) -> Step:
        given = [name for name, value in self if value is not None]
        if len(given) != 1:
            raise ValueError("ogni passo indica una sola operazione")
        return self

    @property
    def action(self) -> _Step:
        """The step's operation."""
        found: _Step = next(value for _, value in self if value is not None)
        return found


class Migration(_Step):
    """The steps that bring a project to ``version``."""

    version: TemplateVersion
    steps: list[Step] = Field(min_length=1)


class TemplateManifest(_Strict):
    """``manifest.yaml`` of a template pack."""

    id: str
    version: TemplateVersion
    title: str
    programme: Programme
    project: ProjectFileSpec
    comuni_file: PackFile = COMUNI_FILE
    sections: list[SectionSpec]
    thresholds: Thresholds
    labels: dict[str, dict[str, str]] = Field(default_factory=no_entries)
    migrations: list[Migration] = Field(default_factory=no_items)
    """How projects of older versions are brought to this one (``pwkit upgrade``)."""

    @model_validator(mode="before")
    @classmethod
    def _default_thresholds(cls, data: Any) -> Any:
        """Thresholds the manifest leaves out are those of pwkit's own pack."""
        if not isinstance(data, dict):
            return data
        given = data.get("thresholds", {})
        if not isinstance(given, dict):
            return data
        return {**data, "thresholds": {**default_thresholds(), **given}}

    @model_validator(mode="after")
    def _distinct_files(self) -> TemplateManifest:
        files = [self.project.file, self.comuni_file, *(s.file for s in self.sections)]
        repeated = sorted({f for f in files if files.count(f) > 1})
        if repeated:
            raise ValueError(f"più parti usano lo stesso file: {', '.join(repeated)}")
        numbers = [s.number for s in self.sections]
        if len(set(numbers)) != len(numbers):
            raise ValueError("due sezioni hanno lo stesso numero")
        return self

    @property
    def pin(self) -> str:
        """``id@version``, as ``progetto.yaml`` writes it."""
        return str(Pin(self.id, self.version))

    def label(self, vocabulary: str, value: str) -> str:
        """Italian label of an enum value for documents.

        A value the pack does not label (a code added to a vocabulary after the pack was
        written, e.g. ``pnrr`` in a project pinned to 1.0.0) has the label of pwkit's own pack;
        one that neither labels is shown as it is written.
        """
        found = self.labels.get(vocabulary, {}).get(value)
        if found is None:
            found = default_labels().get(vocabulary, {}).get(value)
        return found if found is not None else value.replace("_", " ")

    def section_by_model(self, model: str) -> SectionSpec | None:
        """The section bound to a model name, if any."""
        return next((s for s in self.sections if s.model == model), None)


def bundled_manifest(pack: Path) -> TemplateManifest:
    """The manifest of a pack shipped with pwkit: trusted, read fast, once per process.

    Any other pack is untrusted input: ``pwkit.validate.manifest.load_manifest`` reads it.
    """
    path = pack / MANIFEST_FILE
    stat = path.stat()
    return _load_bundled(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load_bundled(path: Path, mtime_ns: int, size: int) -> TemplateManifest:
    """Validated once per process (and again if the file changes): the model is immutable."""
    return TemplateManifest.model_validate(_read_bundled(path, mtime_ns, size))


@functools.lru_cache(maxsize=4)
def _read_bundled(path: Path, mtime_ns: int, size: int) -> Any:
    """The plain data of a bundled ``manifest.yaml`` (never modified: it is shared)."""
    from pwkit.load.yamldata import parse

    return parse(path.read_text(encoding="utf-8")).data


def default_thresholds() -> dict[str, Any]:
    """The thresholds of pwkit's own pack, as its manifest writes them (the one source)."""
    path = bundled_pack(DEFAULT_TEMPLATE) / MANIFEST_FILE
    stat = path.stat()
    raw = _read_bundled(path.resolve(), stat.st_mtime_ns, stat.st_size)
    return dict(raw["thresholds"])


def default_labels() -> dict[str, dict[str, str]]:
    """The labels of pwkit's own pack, as its manifest writes them (for codes a pack lacks)."""
    path = bundled_pack(DEFAULT_TEMPLATE) / MANIFEST_FILE
    stat = path.stat()
    raw = _read_bundled(path.resolve(), stat.st_mtime_ns, stat.st_size)
    labels: dict[str, dict[str, str]] = raw.get("labels", {})
    return labels
