"""Schemas of the analysis sections (1–5) and of the Comuni CSV."""

from pydantic import Field

from pwkit.base.empty import no_items
from pwkit.base.projectdir import COMUNI_FILE
from pwkit.model.common import (
    AttivitaRef,
    Data,
    Intero,
    KpiRef,
    Model,
    Numero,
    NumeroPiccolo,
    ObiettivoId,
    ObiettivoRef,
    RisultatoId,
    Scala1_4,
    Scala1_5,
    ServizioRef,
    Testo,
)
from pwkit.model.enums import (
    Area,
    AreaCcnl,
    DimensioneGap,
    MetodoRilevazione,
    SiNo,
    TipoFormaAssociativa,
)


class Sintesi(Model):
    """Section 1 · Sintesi del Project Work."""

    servizi_prioritari: list[ServizioRef] = Field(
        min_length=1, description="Servizi prioritari (identificativi S del catalogo)."
    )
    comuni_target: Intero = Field(
        gt=0, description="Numero di Comuni a cui si rivolgono i servizi."
    )
    data_avvio_servizio: Data = Field(description="Data di avvio del primo servizio (AAAA-MM-GG).")
    kpi_chiave: list[KpiRef] = Field(
        min_length=1, max_length=5, description="Da 1 a 5 KPI chiave (identificativi K)."
    )


class FormaAssociativa(Model):
    """An existing form of association between Comuni."""

    tipo: TipoFormaAssociativa = Field(description="unione, convenzione, consorzio o altro.")
    denominazione: Testo = Field(description="Denominazione.")
    comuni: Intero = Field(ge=1, description="Numero di Comuni aderenti.")
    funzioni: list[Testo] = Field(min_length=1, description="Funzioni gestite in forma associata.")


class Contesto(Model):
    """Section 2 · Analisi del contesto territoriale."""

    comuni_file: Testo = Field(
        default=COMUNI_FILE, description="File CSV dei Comuni del territorio."
    )
    forme_associative: list[FormaAssociativa] = Field(
        default_factory=no_items, description="Forme associative esistenti (facoltativo)."
    )


class Comune(Model):
    """One row of ``dati/comuni.csv``."""

    codice_istat: Testo = Field(description="Codice ISTAT del Comune, 6 cifre.")
    comune: Testo = Field(description="Nome del Comune.")
    popolazione: Intero = Field(gt=0, description="Popolazione residente.")
    dipendenti: Intero = Field(ge=0, description="Dipendenti del Comune.")
    ufficio_personale: SiNo = Field(description="Il Comune ha un ufficio personale: si o no.")
    fte_personale: NumeroPiccolo | None = Field(
        default=None, ge=0, description="FTE dedicati alla gestione del personale."
    )
    unione: str | None = Field(default=None, description="Unione di Comuni di appartenenza.")
    aderente: SiNo | None = Field(
        default=None,
        description="Il Comune è tra quelli a cui si rivolgono i servizi: si o no (facoltativo).",
    )


#: Columns a new Comuni file leaves out: «aderente» is opt-in (without it, every Comune counts).
OPT_IN_COLUMNS = ("aderente",)


def comuni_columns(*, required: bool = False) -> list[str]:
    """The columns of the Comuni CSV, from ``Comune``: the required ones, or a new file's.

    A new file (``pwkit init``) has every column but the opt-in ones, in the model's order.
    """
    fields = Comune.model_fields
    if required:
        return [name for name, info in fields.items() if info.is_required()]
    return [name for name in fields if name not in OPT_IN_COLUMNS]


class Rilevazione(Model):
    """The needs survey."""

    metodo: MetodoRilevazione = Field(description="questionario, interviste, focus_group o misto.")
    inizio: Data = Field(description="Inizio della rilevazione.")
    fine: Data = Field(description="Fine della rilevazione.")
    comuni_rispondenti: Intero = Field(ge=0, description="Comuni che hanno risposto.")


class Fabbisogno(Model):
    """A need expressed by the Comuni."""

    area: Area = Field(description="Area di servizio.")
    comuni_interessati: Intero = Field(ge=0, description="Comuni che esprimono il fabbisogno.")
    intensita: Scala1_5 = Field(description="Intensità del fabbisogno da 1 (bassa) a 5 (alta).")
    descrizione: Testo = Field(description="Descrizione del fabbisogno.")


class AssunzionePrevista(Model):
    """Hirings planned by the Comuni."""

    anno: Intero = Field(ge=2000, le=2100, description="Anno.")
    area_ccnl: AreaCcnl = Field(description="Area del CCNL Funzioni Locali.")
    numero: Intero = Field(ge=0, description="Numero di assunzioni.")


class ServizioAttuale(Model):
    """A service the Provincia already delivers."""

    nome: Testo = Field(description="Nome del servizio.")
    dal: Data = Field(description="Data di inizio.")
    comuni_serviti: Intero = Field(ge=0, description="Comuni serviti.")
    volume_annuo: Numero = Field(ge=0, description="Volume annuo.")
    unita: Testo = Field(description="Unità di misura del volume (es. procedure).")


class Fabbisogni(Model):
    """Section 3 · Fabbisogni dei Comuni e situazione attuale."""

    rilevazione: Rilevazione = Field(description="Come sono stati rilevati i fabbisogni.")
    fabbisogni: list[Fabbisogno] = Field(min_length=1, description="Fabbisogni per area.")
    assunzioni_previste: list[AssunzionePrevista] = Field(
        default_factory=no_items, description="Assunzioni previste dai Comuni (facoltativo)."
    )
    servizi_attuali: list[ServizioAttuale] = Field(
        default_factory=no_items, description="Servizi già erogati (facoltativo)."
    )


class BuonaPratica(Model):
    """A reference good practice."""

    ente: Testo = Field(description="Ente che la realizza.")
    area: Area = Field(description="Area di servizio.")
    descrizione: Testo = Field(description="In che cosa consiste.")
    fonte: str | None = Field(default=None, description="Fonte (facoltativo).")


class Swot(Model):
    """SWOT analysis."""

    punti_forza: list[Testo] = Field(min_length=1, description="Punti di forza.")
    debolezze: list[Testo] = Field(min_length=1, description="Debolezze.")
    opportunita: list[Testo] = Field(min_length=1, description="Opportunità.")
    minacce: list[Testo] = Field(min_length=1, description="Minacce.")


class Gap(Model):
    """A gap between the current and the target service."""

    dimensione: DimensioneGap = Field(
        description="organizzativa, giuridica, digitale, competenze o economica."
    )
    descrizione: Testo = Field(description="Descrizione del gap.")
    azioni: list[AttivitaRef] = Field(
        default_factory=no_items, description="Attività del piano che lo colmano (A...)."
    )


class BuonePratiche(Model):
    """Section 4 · Buone pratiche di riferimento e analisi dei gap."""

    buone_pratiche: list[BuonaPratica] = Field(min_length=1, description="Buone pratiche.")
    livello_attuale: Scala1_4 = Field(
        description="Livello attuale da 1 (nessun servizio) a 4 (servizio multi-area con "
        "piattaforma e governance)."
    )
    livello_obiettivo: Scala1_4 = Field(description="Livello obiettivo da 1 a 4.")
    swot: Swot = Field(description="Analisi SWOT.")
    gap: list[Gap] = Field(min_length=1, description="Gap da colmare.")


class ObiettivoSpecifico(Model):
    """A specific objective of the logical framework."""

    id: ObiettivoId
    descrizione: Testo = Field(description="Descrizione dell'obiettivo.")
    kpi: list[KpiRef] = Field(default_factory=no_items, description="KPI che lo misurano (K...).")


class RisultatoAtteso(Model):
    """An expected result."""

    id: RisultatoId
    obiettivo: ObiettivoRef
    descrizione: Testo = Field(description="Descrizione del risultato.")


class Obiettivi(Model):
    """Section 5 · Visione, obiettivi e quadro logico."""

    visione: Testo = Field(description="Visione.")
    obiettivo_generale: Testo = Field(description="Obiettivo generale.")
    obiettivi_specifici: list[ObiettivoSpecifico] = Field(
        min_length=1, description="Obiettivi specifici."
    )
    risultati_attesi: list[RisultatoAtteso] = Field(min_length=1, description="Risultati attesi.")
    ipotesi: list[Testo] = Field(
        default_factory=no_items, description="Condizioni esterne al controllo della Provincia."
    )
