"""Schemas that template 1.1.0 adds: sources, privacy, anticorruption, hiring capacity.

Good practices name their source; each service states its anticorruption measures and the
Provincia's privacy role; the organisation declares the hiring capacity its new staff uses.

Each is a subclass of the 1.0.0 schema, so that every rule and renderer of a section still finds
it (``Project.get(CatalogoServizi)``), while a project of template 1.0.0, bound to the 1.0.0
schemas, is checked exactly as before: the keys below are unknown there (PW005), and the rules
that read them do not apply.
"""

from pydantic import Field

from pwkit.base.empty import no_items
from pwkit.model.analisi import BuonaPratica, BuonePratiche
from pwkit.model.common import DataOTesto, Denaro, Intero, Model, Testo
from pwkit.model.enums import Dpia, RuoloPrivacy
from pwkit.model.servizio import CatalogoServizi, Organizzazione, Servizio


class BuonaPraticaFonte(BuonaPratica):
    """A good practice that names its source: act or document, link, date."""

    fonte_link: str | None = Field(default=None, description="Indirizzo web della fonte.")
    fonte_data: DataOTesto | None = Field(
        default=None, description="Data dell'atto o della fonte (AAAA-MM-GG, o mese e anno)."
    )


class BuonePraticheFonti(BuonePratiche):
    """Section 4 (template 1.1.0): every good practice with its source."""

    buone_pratiche: list[BuonaPraticaFonte] = Field(  # type: ignore[assignment]
        min_length=1, description="Buone pratiche, ciascuna con la sua fonte."
    )


class TrattamentoDati(Model):
    """Who the Provincia is for the personal data of a service, and what backs it (GDPR)."""

    ruolo_provincia: list[RuoloPrivacy] = Field(
        min_length=1,
        description="titolare, contitolare (art. 26 GDPR) o responsabile (art. 28 GDPR).",
    )
    dpia: Dpia = Field(
        description="Valutazione d'impatto (art. 35 GDPR): svolta, prevista o non_necessaria."
    )
    comunicazione_dati: str | None = Field(
        default=None,
        description="Base giuridica per comunicare i dati dei candidati ad altri Comuni.",
    )


class ServizioTutele(Servizio):
    """A service of the catalogue with its anticorruption measures and its privacy roles."""

    misure_anticorruzione: list[Testo] = Field(
        default_factory=no_items,
        description="Misure di prevenzione della corruzione e di trasparenza del servizio.",
    )
    trattamento_dati: TrattamentoDati = Field(description="Ruoli privacy e valutazione d'impatto.")


class CatalogoServiziTutele(CatalogoServizi):
    """Section 6 (template 1.1.0): services with anticorruption measures and privacy roles."""

    servizi: list[ServizioTutele] = Field(  # type: ignore[assignment]
        min_length=1, description="I servizi offerti ai Comuni."
    )


class CapacitaAssunzionale(Model):
    """The Provincia's hiring capacity that the service's new staff uses (art. 33 DL 34/2019)."""

    anno: Intero = Field(ge=2000, le=2100, description="Anno a cui si riferisce la capacità.")
    atto: Testo = Field(description="Atto che la determina (es. PIAO, sottosezione fabbisogni).")
    spazi_disponibili: Denaro = Field(description="Capacità assunzionale disponibile, in euro.")
    spazi_utilizzati: Denaro = Field(description="Capacità usata dalle nuove assunzioni, in euro.")
    limite_spesa: str | None = Field(
        default=None,
        description="Come è rispettato il limite di spesa di personale (art. 1 c. 557/562 "
        "L. 296/2006).",
    )


class OrganizzazioneCapacita(Organizzazione):
    """Section 7 (template 1.1.0): staff, and the hiring capacity its new hires use."""

    capacita_assunzionale: CapacitaAssunzionale | None = Field(
        default=None, description="Capacità assunzionale usata dalle nuove assunzioni."
    )
