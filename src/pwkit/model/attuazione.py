"""Schemas of the implementation plan and its companions (sections 11–16)."""

from pydantic import Field

from pwkit.base.empty import no_items
from pwkit.model.common import (
    AttivitaId,
    AttivitaRef,
    AzioneFormativaId,
    Data,
    DataOTesto,
    FaseId,
    FaseRef,
    Intero,
    KpiId,
    MilestoneId,
    Model,
    Numero,
    NumeroPiccolo,
    ResponsabileRef,
    RischioId,
    Scala1_5,
    ServizioRef,
    StakeholderId,
    Testo,
)
from pwkit.model.enums import (
    AmbitoCompetenze,
    CategoriaRischio,
    DestinatariFormazione,
    Direzione,
    Frequenza,
    RuoloRete,
    Strategia,
    TipoKpi,
    TipoMilestone,
    TipoStakeholder,
)


class Fase(Model):
    """A phase of the plan."""

    id: FaseId
    nome: Testo = Field(description="Nome della fase.")
    inizio: Data = Field(description="Inizio.")
    fine: Data = Field(description="Fine.")


class Attivita(Model):
    """An activity of the plan."""

    id: AttivitaId
    fase: FaseRef
    nome: Testo = Field(description="Nome dell'attività.")
    inizio: Data = Field(description="Inizio.")
    fine: Data = Field(description="Fine.")
    responsabile: ResponsabileRef
    dipende_da: list[AttivitaRef] = Field(
        default_factory=no_items, description="Attività che devono finire prima (A...)."
    )
    output: str | None = Field(default=None, description="Prodotto dell'attività.")


class Milestone(Model):
    """A milestone of the plan."""

    id: MilestoneId
    nome: Testo = Field(description="Nome della milestone.")
    data: Data = Field(description="Data.")
    tipo: TipoMilestone = Field(description="Tipo di milestone.")
    verifica: Testo = Field(description="Come si dimostra il raggiungimento.")
    servizi: list[ServizioRef] = Field(
        default_factory=no_items, description="Servizi che avvia (per avvio_servizio)."
    )


class Piano(Model):
    """Section 11 · Piano di attuazione e cronoprogramma."""

    fasi: list[Fase] = Field(min_length=1, description="Fasi.")
    attivita: list[Attivita] = Field(min_length=1, description="Attività.")
    milestone: list[Milestone] = Field(min_length=1, description="Milestone.")


class Rischio(Model):
    """A risk of the register."""

    id: RischioId
    descrizione: Testo = Field(description="Descrizione del rischio.")
    categoria: CategoriaRischio = Field(description="Categoria.")
    probabilita: Scala1_5 = Field(description="Probabilità da 1 a 5.")
    impatto: Scala1_5 = Field(description="Impatto da 1 a 5.")
    strategia: Strategia = Field(description="evitare, mitigare, trasferire o accettare.")
    mitigazione: list[Testo] = Field(min_length=1, description="Azioni di mitigazione.")
    contingenza: str | None = Field(default=None, description="Piano di contingenza.")
    responsabile: ResponsabileRef


class Rischi(Model):
    """Section 12 · Gestione dei rischi."""

    rischi: list[Rischio] = Field(min_length=1, description="Registro dei rischi.")


class Baseline(Model):
    """The starting value of a KPI."""

    valore: Numero = Field(description="Valore di partenza.")
    data: Data = Field(description="Data della misura.")
    fonte: Testo = Field(description="Fonte del dato.")


class Target(Model):
    """A target value of a KPI at a date."""

    valore: Numero = Field(description="Valore obiettivo.")
    data: Data = Field(description="Data entro cui raggiungerlo.")


class Kpi(Model):
    """A key performance indicator."""

    id: KpiId
    nome: Testo = Field(description="Nome del KPI.")
    tipo: TipoKpi = Field(description="output, outcome, efficienza o qualita.")
    unita: Testo = Field(description="Unità di misura (es. %, giorni).")
    direzione: Direzione = Field(description="aumentare, diminuire o mantenere.")
    baseline: Baseline = Field(description="Valore di partenza.")
    target: list[Target] = Field(min_length=1, description="Valori obiettivo.")
    frequenza: Frequenza = Field(description="Frequenza di misura.")
    fonte_dati: Testo = Field(description="Da dove viene il dato.")
    responsabile: ResponsabileRef


class Reporting(Model):
    """How results are reported."""

    destinatari: Testo = Field(description="A chi si riferisce.")
    frequenza: Frequenza = Field(description="Con quale frequenza.")
    strumento: Testo = Field(description="Con quale strumento (es. cruscotto, relazione).")


class Monitoraggio(Model):
    """Section 13 · Monitoraggio, valutazione e KPI."""

    kpi: list[Kpi] = Field(min_length=1, description="KPI.")
    reporting: Reporting = Field(description="Reporting.")


class Stakeholder(Model):
    """A stakeholder."""

    id: StakeholderId
    nome: Testo = Field(description="Nome.")
    tipo: TipoStakeholder = Field(description="Tipo di portatore di interesse.")
    interesse: Scala1_5 = Field(description="Interesse da 1 a 5.")
    influenza: Scala1_5 = Field(description="Influenza da 1 a 5.")
    coinvolgimento: Testo = Field(description="Come viene coinvolto.")


class AzioneComunicazione(Model):
    """A communication action."""

    azione: Testo = Field(description="Azione.")
    destinatari: Testo = Field(description="Destinatari.")
    canale: Testo = Field(description="Canale.")
    data: Data = Field(description="Data.")


class ScambioRete(Model):
    """An exchange with another Provincia."""

    provincia: Testo = Field(description="Provincia.")
    ruolo: RuoloRete = Field(description="mentor, pari o beneficiaria.")
    attivita: Testo = Field(description="Attività di scambio.")


class Rete(Model):
    """Section 14 · Comunicazione, coinvolgimento e rete tra Province."""

    stakeholder: list[Stakeholder] = Field(min_length=1, description="Portatori di interesse.")
    comunicazione: list[AzioneComunicazione] = Field(
        min_length=1, description="Azioni di comunicazione."
    )
    scambi_rete: list[ScambioRete] = Field(
        default_factory=no_items, description="Scambi con altre Province (facoltativo)."
    )


class AzioneFormativa(Model):
    """A training action."""

    id: AzioneFormativaId
    destinatari: DestinatariFormazione = Field(
        description="staff_provinciale, personale_comunale o amministratori."
    )
    ambito: AmbitoCompetenze = Field(
        description="organizzative, digitali, progettuali o giuridiche."
    )
    tema: Testo = Field(description="Tema.")
    ore: NumeroPiccolo = Field(gt=0, description="Ore per partecipante.")
    partecipanti: Intero = Field(gt=0, description="Numero di partecipanti.")
    periodo: DataOTesto = Field(description="Periodo (data o testo, es. autunno 2026).")


class Competenze(Model):
    """Section 15 · Sviluppo delle competenze."""

    azioni_formative: list[AzioneFormativa] = Field(min_length=1, description="Piano formativo.")


class Evoluzione(Model):
    """A planned development of the service."""

    descrizione: Testo = Field(description="Sviluppo previsto.")
    anno: Intero = Field(ge=2000, le=2100, description="Anno.")


class Sostenibilita(Model):
    """Section 16 · Sostenibilità, sviluppi e trasferibilità."""

    evoluzione: list[Evoluzione] = Field(
        default_factory=no_items, description="Sviluppi previsti (facoltativo)."
    )
    elementi_trasferibili: list[Testo] = Field(
        min_length=1, description="Elementi trasferibili ad altre Province."
    )
