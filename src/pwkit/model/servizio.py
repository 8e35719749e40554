"""Schemas of the target service model (sections 6–10)."""

from pydantic import Field

from pwkit.base.empty import no_items
from pwkit.model.common import (
    Data,
    Denaro,
    Intero,
    KpiRef,
    Model,
    Numero,
    NumeroPiccolo,
    OrganoId,
    PiattaformaId,
    PiattaformaRef,
    RuoloId,
    RuoloRef,
    Scala1_3,
    ServizioId,
    ServizioRef,
    Testo,
)
from pwkit.model.enums import (
    ACarico,
    Area,
    AreaCcnl,
    BaseGiuridica,
    CategoriaCosto,
    FonteFinanziamento,
    FrequenzaOrgano,
    FunzionePiattaforma,
    ModalitaAccesso,
    ModelloTariffa,
    Provenienza,
    StatoPiattaforma,
    Strumento,
    TipoCosto,
    TipoOrgano,
    Titolarita,
)


class Compito(Model):
    """Who does one task of a service."""

    attivita: Testo = Field(description="Attività.")
    a_carico: ACarico = Field(description="provincia, comune o condivisa.")


class Sla(Model):
    """A service level."""

    indicatore: Testo = Field(description="Indicatore (es. giorni per pubblicare il bando).")
    valore: Numero | Testo = Field(description='Valore (numero o testo breve come "≤ 30").')
    unita: Testo = Field(description="Unità di misura.")


class Volume(Model):
    """A yearly volume."""

    valore: Numero = Field(ge=0, description="Quantità annua.")
    unita: Testo = Field(description="Unità di misura (es. procedure, cedolini).")


class Servizio(Model):
    """A service of the catalogue."""

    id: ServizioId
    area: Area = Field(description="Area di servizio.")
    nome: Testo = Field(description="Nome del servizio.")
    descrizione: Testo = Field(description="Descrizione.")
    destinatari: Testo = Field(description="A chi si rivolge.")
    base_giuridica: list[BaseGiuridica] = Field(
        min_length=1, description="Basi giuridiche (codici, es. DL80_3BIS, TUEL_30)."
    )
    note_giuridiche: str | None = Field(
        default=None, description="Riferimenti normativi in chiaro; obbligatorie con ALTRO."
    )
    modalita_accesso: ModalitaAccesso = Field(
        description="convenzione, adesione_singola, accordo_3bis o accordo_art15."
    )
    attivita_incluse: list[Testo] = Field(min_length=1, description="Attività incluse.")
    esclusioni: list[Testo] = Field(
        default_factory=no_items, description="Esclusioni (facoltativo)."
    )
    ripartizione_compiti: list[Compito] = Field(
        min_length=1, description="Ripartizione dei compiti tra Provincia e Comuni."
    )
    sla: list[Sla] = Field(
        default_factory=no_items, description="Livelli di servizio (facoltativo)."
    )
    volume_annuo: Volume = Field(description="Volume annuo atteso.")
    priorita: Scala1_3 = Field(description="Priorità da 1 (massima) a 3.")
    avvio: Data = Field(description="Data di avvio del servizio.")
    responsabile: RuoloRef | None = None
    piattaforme: list[PiattaformaRef] = Field(
        default_factory=no_items, description="Piattaforme usate (P...)."
    )
    kpi: list[KpiRef] = Field(default_factory=no_items, description="KPI del servizio (K...).")


class CatalogoServizi(Model):
    """Section 6 · Catalogo dei servizi."""

    servizi: list[Servizio] = Field(min_length=1, description="I servizi offerti ai Comuni.")


class Struttura(Model):
    """Where the service sits in the Provincia's organisation."""

    unita: Testo = Field(description="Unità organizzativa (es. Centro servizi per il personale).")
    dirigente: Testo = Field(description="Dirigente responsabile.")
    collocazione: Testo = Field(description="Collocazione nell'organigramma.")


class Ruolo(Model):
    """A role of the service's staff."""

    id: RuoloId
    ruolo: Testo = Field(description="Denominazione del ruolo.")
    area_ccnl: AreaCcnl = Field(description="Area del CCNL Funzioni Locali.")
    fte: NumeroPiccolo = Field(gt=0, description="FTE complessivi del ruolo (due al 75% = 1.5).")
    provenienza: Provenienza = Field(description="interno, nuova_assunzione o esterno.")
    costo_annuo_fte: Denaro = Field(description="Costo annuo per FTE in euro.")
    dal: Data | None = Field(default=None, description="Data da cui il ruolo costa (facoltativo).")
    servizi: list[ServizioRef] = Field(
        default_factory=no_items, description="Servizi seguiti (S...)."
    )


class Organizzazione(Model):
    """Section 7 · Modello organizzativo e dotazione di personale."""

    struttura: Struttura = Field(description="Collocazione organizzativa.")
    ruoli: list[Ruolo] = Field(min_length=1, description="Ruoli e FTE.")


class Organo(Model):
    """A governance body."""

    id: OrganoId
    nome: Testo = Field(description="Nome dell'organo.")
    tipo: TipoOrgano = Field(description="politico, tecnico o gestionale.")
    composizione: Testo = Field(description="Chi ne fa parte.")
    funzioni: Testo = Field(description="Che cosa decide o fa.")
    frequenza: FrequenzaOrgano = Field(description="Frequenza delle riunioni.")


class Clausole(Model):
    """The contents a convenzione must state (TUEL art. 30)."""

    fini: str | None = Field(default=None, description="Fini della convenzione.")
    durata: str | None = Field(default=None, description="Durata.")
    consultazione: str | None = Field(default=None, description="Forme di consultazione.")
    rapporti_finanziari: str | None = Field(default=None, description="Rapporti finanziari.")
    obblighi_garanzie: str | None = Field(default=None, description="Obblighi e garanzie.")
    recesso: str | None = Field(default=None, description="Recesso.")


class PassoIter(Model):
    """A step of the approval process."""

    atto: Testo = Field(description="Atto (es. Deliberazione del Consiglio provinciale).")
    organo: Testo = Field(description="Organo che lo adotta.")
    data_prevista: Data = Field(description="Data prevista.")


class Governance(Model):
    """Section 8 · Governance e modello giuridico."""

    strumento: Strumento = Field(description="Strumento giuridico.")
    durata_anni: Intero = Field(ge=1, le=10, description="Durata in anni (1–10).")
    organi: list[Organo] = Field(min_length=1, description="Organi di governo.")
    clausole: Clausole | None = Field(
        default=None, description="Clausole della convenzione (obbligatorie con convenzione_art30)."
    )
    iter_approvazione: list[PassoIter] = Field(min_length=1, description="Iter di approvazione.")


class Piattaforma(Model):
    """A digital platform."""

    id: PiattaformaId
    nome: Testo = Field(description="Nome della piattaforma.")
    funzione: FunzionePiattaforma = Field(description="A che cosa serve.")
    titolarita: Titolarita = Field(description="provinciale, nazionale, mercato o riuso.")
    stato: StatoPiattaforma = Field(description="esistente, da_acquisire o da_sviluppare.")
    costo_annuo: Denaro | None = Field(default=None, description="Costo annuo in euro.")
    servizi: list[ServizioRef] = Field(min_length=1, description="Servizi che la usano (S...).")


class Piattaforme(Model):
    """Section 9 · Piattaforme e strumenti digitali."""

    piattaforme: list[Piattaforma] = Field(min_length=1, description="Piattaforme.")


class Costo(Model):
    """A cost line, counted in its year only."""

    voce: Testo = Field(description="Voce di costo.")
    categoria: CategoriaCosto = Field(description="Categoria.")
    tipo: TipoCosto = Field(description="una_tantum o annuo.")
    anno: Intero = Field(ge=2000, le=2100, description="Anno in cui il costo si sostiene.")
    importo: Denaro = Field(description="Importo in euro.")
    servizio: ServizioRef | None = None


class Tariffa(Model):
    """What the Comuni pay for a service."""

    servizio: ServizioRef
    modello: ModelloTariffa = Field(description="Modello tariffario.")
    importo: Denaro = Field(description="Importo unitario in euro (0 se gratuito).")
    volume_stimato: Numero | None = Field(default=None, ge=0, description="Unità stimate l'anno.")
    volumi: dict[Intero, Numero] | None = Field(
        default=None, description="Unità per anno (es. {2027: 10, 2028: 25})."
    )
    note: str | None = Field(default=None, description="Note.")


class Finanziamento(Model):
    """A source of financing in one year."""

    fonte: FonteFinanziamento = Field(description="Fonte.")
    anno: Intero = Field(ge=2000, le=2100, description="Anno.")
    importo: Denaro = Field(description="Importo in euro.")
    descrizione: str | None = Field(default=None, description="Descrizione.")


class Economia(Model):
    """Section 10 · Modello economico-finanziario e tariffe."""

    costi: list[Costo] = Field(min_length=1, description="Costi.")
    tariffe: list[Tariffa] = Field(min_length=1, description="Tariffe per i Comuni.")
    finanziamenti: list[Finanziamento] = Field(min_length=1, description="Finanziamenti.")
