"""Names of the project's entities by id, so tables show «RU1 – Coordinatore», not a bare id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pwkit.model.analisi import Obiettivi
from pwkit.model.attuazione import Competenze, Monitoraggio, Piano, Rete, Rischi
from pwkit.model.servizio import CatalogoServizi, Governance, Organizzazione, Piattaforme

if TYPE_CHECKING:
    from pwkit.model.project import Project


@dataclass(frozen=True)
class Lookup:
    """Display names of every entity with an id; unknown ids are shown as they are."""

    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> Lookup:
        """Collect the names from every valid section of ``project``."""
        names: dict[str, str] = {}

        def add(pairs: Iterable[tuple[str, str]]) -> None:
            for key, name in pairs:
                names.setdefault(key, name)

        if (catalogo := project.get(CatalogoServizi)) is not None:
            add((s.id, s.nome) for s in catalogo.servizi)
        if (obiettivi := project.get(Obiettivi)) is not None:
            add((o.id, o.descrizione) for o in obiettivi.obiettivi_specifici)
            add((r.id, r.descrizione) for r in obiettivi.risultati_attesi)
        if (organizzazione := project.get(Organizzazione)) is not None:
            add((r.id, r.ruolo) for r in organizzazione.ruoli)
        if (governance := project.get(Governance)) is not None:
            add((o.id, o.nome) for o in governance.organi)
        if (piattaforme := project.get(Piattaforme)) is not None:
            add((p.id, p.nome) for p in piattaforme.piattaforme)
        if (piano := project.get(Piano)) is not None:
            add((f.id, f.nome) for f in piano.fasi)
            add((a.id, a.nome) for a in piano.attivita)
            add((m.id, m.nome) for m in piano.milestone)
        if (rischi := project.get(Rischi)) is not None:
            add((r.id, r.descrizione) for r in rischi.rischi)
        if (monitoraggio := project.get(Monitoraggio)) is not None:
            add((k.id, k.nome) for k in monitoraggio.kpi)
        if (rete := project.get(Rete)) is not None:
            add((s.id, s.nome) for s in rete.stakeholder)
        if (competenze := project.get(Competenze)) is not None:
            add((a.id, a.tema) for a in competenze.azioni_formative)
        return cls(names)

    def name(self, key: str) -> str:
        """The entity's name, or the id itself if it names nothing."""
        return self.names.get(key, key)

    def ref(self, key: str) -> str:
        """``ID – name`` (just the id if it names nothing)."""
        name = self.names.get(key)
        return f"{key} – {name}" if name else key

    def refs(self, keys: Iterable[str]) -> list[str]:
        """``ID – name`` for each id, one per line in a cell."""
        return [self.ref(k) for k in keys]
