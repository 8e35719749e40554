"""The totals of the report's tables, computed once over every project's figures.

A total adds up only what is known: a project without a figure (``None``) adds nothing, and a
share is computed only over the projects that have both of its terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pwkit.report.compare import Comparison, RiskCategory
from pwkit.report.figures import ProjectFigures


def total(values: Iterable[Decimal | None]) -> Decimal:
    """Σ of the values that are known."""
    return sum((v for v in values if v is not None), Decimal(0))


def _share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    return Decimal(part) / whole if whole else None


@dataclass(frozen=True)
class Overview:
    """The comparison in a few numbers."""

    progetti: int
    senza_errori: int
    con_errori: int
    illeggibili: int
    servizi: int
    mentor: int
    """Province that accompany at least one other as mentor."""

    @classmethod
    def of(cls, comparison: Comparison) -> Overview:
        """The overview of ``comparison``."""
        projects = comparison.projects
        return cls(
            progetti=len(projects),
            senza_errori=sum(1 for p in projects if p.valid),
            con_errori=len(comparison.with_errors),
            illeggibili=len(comparison.unreadable),
            servizi=sum(len(p.servizi) for p in projects),
            mentor=len(comparison.network.mentees_of()),
        )


@dataclass(frozen=True)
class ComuniTotals:
    """The Comuni of every territory: how many, how big, how many the services reach."""

    territorio: int
    popolazione: int
    target: int
    copertura_target: Decimal | None
    piccoli: int
    """Small Comuni of the projects that know every population."""
    quota_piccoli: Decimal | None
    """``piccoli`` over the Comuni of those same projects."""
    senza_ufficio: int
    piccoli_aderenti: int | None
    """Small Comuni joining, over the projects that use the ``aderente`` column (``None``: none)."""
    quota_piccoli_raggiunti: Decimal | None

    @classmethod
    def of(cls, projects: Sequence[ProjectFigures]) -> ComuniTotals:
        """The totals of ``projects``."""
        territory = sum(p.comuni_territorio for p in projects)
        target = sum(p.comuni_target or 0 for p in projects)
        sized = [p for p in projects if p.comuni_piccoli is not None]
        small = sum(p.comuni_piccoli or 0 for p in sized)
        marked = [p for p in projects if p.piccoli_aderenti is not None]
        reached = sum(p.piccoli_aderenti or 0 for p in marked)
        return cls(
            territorio=territory,
            popolazione=sum(p.popolazione or 0 for p in projects),
            target=target,
            copertura_target=_share(target, territory),
            piccoli=small,
            quota_piccoli=_share(small, sum(p.comuni_territorio for p in sized)),
            senza_ufficio=sum(p.comuni_senza_ufficio or 0 for p in projects),
            piccoli_aderenti=reached if marked else None,
            quota_piccoli_raggiunti=_share(reached, sum(p.comuni_piccoli or 0 for p in marked)),
        )


@dataclass(frozen=True)
class MoneyTotals:
    """Staff and costs of every plan, and how much of the costs the financing covers."""

    fte: Decimal
    costo_personale_annuo: Decimal
    costi: Decimal
    finanziamenti: Decimal
    copertura_costi: Decimal | None

    @classmethod
    def of(cls, projects: Sequence[ProjectFigures]) -> MoneyTotals:
        """The totals of ``projects``."""
        costs = total(p.costi_totali for p in projects)
        financing = total(p.finanziamenti_totali for p in projects)
        return cls(
            fte=total(p.fte for p in projects),
            costo_personale_annuo=total(p.costo_personale_annuo for p in projects),
            costi=costs,
            finanziamenti=financing,
            copertura_costi=financing / costs if costs else None,
        )


def services_per_area(projects: Iterable[ProjectFigures], areas: Iterable[str]) -> dict[str, int]:
    """Services of each area, over every project."""
    projects = list(projects)
    return {a: sum(p.services_in(a) for p in projects) for a in areas}


def provinces_per_area(projects: Iterable[ProjectFigures], areas: Iterable[str]) -> dict[str, int]:
    """Projects offering at least one service of each area."""
    projects = list(projects)
    return {a: sum(1 for p in projects if p.services_in(a)) for a in areas}


def kpis_per_area(projects: Iterable[ProjectFigures], areas: Iterable[str]) -> dict[str, int]:
    """KPIs counted in each area, over every project."""
    counts = [dict(p.kpi_per_area) for p in projects]
    return {a: sum(c.get(a, 0) for c in counts) for a in areas}


def risks_total(categories: Iterable[RiskCategory]) -> int:
    """Risks declared, over every category."""
    return sum(c.rischi for c in categories)
