"""Closed vocabularies of the Project Work. Values are what the user types in YAML.

Their Italian labels for documents live in the template manifest (``labels``), not here.
"""

from enum import StrEnum


class Stato(StrEnum):
    """State of the document."""

    BOZZA = "bozza"
    CONSEGNATO = "consegnato"
    APPROVATO = "approvato"


class Area(StrEnum):
    """Service areas of personnel management."""

    RECLUTAMENTO = "reclutamento"
    SELEZIONI_UNICHE = "selezioni_uniche"
    GESTIONE_GIURIDICA = "gestione_giuridica"
    GESTIONE_ECONOMICA = "gestione_economica"
    FORMAZIONE = "formazione"
    DISCIPLINARE = "disciplinare"
    PROGRAMMAZIONE = "programmazione"
    VALUTAZIONE = "valutazione"
    PREVIDENZA = "previdenza"
    CONSULENZA = "consulenza"
    ALTRO = "altro"


class TipoFormaAssociativa(StrEnum):
    """Existing forms of association between Comuni."""

    UNIONE = "unione"
    CONVENZIONE = "convenzione"
    CONSORZIO = "consorzio"
    ALTRO = "altro"


class MetodoRilevazione(StrEnum):
    """How the needs survey was run."""

    QUESTIONARIO = "questionario"
    INTERVISTE = "interviste"
    FOCUS_GROUP = "focus_group"
    MISTO = "misto"


class AreaCcnl(StrEnum):
    """Areas of the CCNL Funzioni Locali."""

    OPERATORI = "operatori"
    OPERATORI_ESPERTI = "operatori_esperti"
    ISTRUTTORI = "istruttori"
    FUNZIONARI_EQ = "funzionari_eq"
    DIRIGENZA = "dirigenza"


class DimensioneGap(StrEnum):
    """Dimensions of a gap to close."""

    ORGANIZZATIVA = "organizzativa"
    GIURIDICA = "giuridica"
    DIGITALE = "digitale"
    COMPETENZE = "competenze"
    ECONOMICA = "economica"


class BaseGiuridica(StrEnum):
    """Legal bases (codes of the spec's table)."""

    L56_C85 = "L56_C85"
    L56_C88 = "L56_C88"
    TUEL_30 = "TUEL_30"
    L241_15 = "L241_15"
    DL80_3BIS = "DL80_3BIS"
    DL80_6 = "DL80_6"
    DLGS165_35TER = "DLGS165_35TER"
    DLGS165_55BIS = "DLGS165_55BIS"
    DPCM_2020_COMMISSIONI = "DPCM_2020_COMMISSIONI"
    DIR_FORMAZIONE_2025 = "DIR_FORMAZIONE_2025"
    # Template 1.1.0: legal bases in daily use by a shared recruitment or payroll service.
    L350_3C61 = "L350_3C61"
    L68_1999 = "L68_1999"
    DLGS66_2010 = "DLGS66_2010"
    DLGS165_57 = "DLGS165_57"
    DL80_3C4BIS = "DL80_3C4BIS"
    DLGS165_35BIS = "DLGS165_35BIS"
    L241_6BIS = "L241_6BIS"
    DLGS33_19 = "DLGS33_19"
    DL34_33 = "DL34_33"
    L296_557 = "L296_557"
    CCNL_FL_2022_2024 = "CCNL_FL_2022_2024"
    ALTRO = "ALTRO"


class ModalitaAccesso(StrEnum):
    """How a Comune joins a service."""

    CONVENZIONE = "convenzione"
    ADESIONE_SINGOLA = "adesione_singola"
    ACCORDO_3BIS = "accordo_3bis"
    ACCORDO_ART15 = "accordo_art15"


class ACarico(StrEnum):
    """Who carries out a task."""

    PROVINCIA = "provincia"
    COMUNE = "comune"
    CONDIVISA = "condivisa"


class Provenienza(StrEnum):
    """Where the staff of a role comes from."""

    INTERNO = "interno"
    NUOVA_ASSUNZIONE = "nuova_assunzione"
    ESTERNO = "esterno"


class Strumento(StrEnum):
    """Legal instrument of the shared service."""

    CONVENZIONE_ART30 = "convenzione_art30"
    ACCORDO_ART15 = "accordo_art15"
    ACCORDO_3BIS = "accordo_3bis"
    UFFICIO_COMUNE = "ufficio_comune"
    ALTRO = "altro"


class TipoOrgano(StrEnum):
    """Kind of governance body."""

    POLITICO = "politico"
    TECNICO = "tecnico"
    GESTIONALE = "gestionale"


class FrequenzaOrgano(StrEnum):
    """How often a body meets."""

    MENSILE = "mensile"
    BIMESTRALE = "bimestrale"
    TRIMESTRALE = "trimestrale"
    SEMESTRALE = "semestrale"
    ANNUALE = "annuale"
    AL_BISOGNO = "al_bisogno"


class FunzionePiattaforma(StrEnum):
    """What a platform is for."""

    CANDIDATURE_PROVE = "candidature_prove"
    PAGHE_PRESENZE = "paghe_presenze"
    FORMAZIONE = "formazione"
    COLLABORAZIONE = "collaborazione"
    PROTOCOLLO_DOCUMENTALE = "protocollo_documentale"
    ALTRO = "altro"


class Titolarita(StrEnum):
    """Who owns a platform."""

    PROVINCIALE = "provinciale"
    NAZIONALE = "nazionale"
    MERCATO = "mercato"
    RIUSO = "riuso"


class StatoPiattaforma(StrEnum):
    """Availability of a platform."""

    ESISTENTE = "esistente"
    DA_ACQUISIRE = "da_acquisire"
    DA_SVILUPPARE = "da_sviluppare"


class CategoriaCosto(StrEnum):
    """Cost categories."""

    PERSONALE = "personale"
    COMMISSIONI = "commissioni"
    PIATTAFORME = "piattaforme"
    SEDI = "sedi"
    FORMAZIONE = "formazione"
    COMUNICAZIONE = "comunicazione"
    ALTRO = "altro"


class TipoCosto(StrEnum):
    """Nature of a cost."""

    UNA_TANTUM = "una_tantum"
    ANNUO = "annuo"


class ModelloTariffa(StrEnum):
    """How a service is charged to the Comuni."""

    QUOTA_ABITANTE = "quota_abitante"
    QUOTA_FISSA = "quota_fissa"
    PER_PROCEDURA = "per_procedura"
    PER_POSTO = "per_posto"
    PER_CEDOLINO = "per_cedolino"
    PER_ORA = "per_ora"
    GRATUITO = "gratuito"


class FonteFinanziamento(StrEnum):
    """Sources of financing."""

    BILANCIO_PROVINCIALE = "bilancio_provinciale"
    QUOTE_COMUNI = "quote_comuni"
    TASSE_CONCORSO = "tasse_concorso"
    FONDI_ESTERNI = "fondi_esterni"
    POC = "poc"
    PN_CAPACITA_COESIONE = "pn_capacita_coesione"
    PNRR = "pnrr"
    ALTRO = "altro"


class TipoMilestone(StrEnum):
    """Kinds of milestone."""

    APPROVAZIONE_PROVINCIA = "approvazione_provincia"
    APPROVAZIONE_COMUNI = "approvazione_comuni"
    AVVIO_SERVIZIO = "avvio_servizio"
    CONSEGNA = "consegna"
    ALTRO = "altro"


class CategoriaRischio(StrEnum):
    """Risk categories."""

    ISTITUZIONALE = "istituzionale"
    GIURIDICA = "giuridica"
    ORGANIZZATIVA = "organizzativa"
    FINANZIARIA = "finanziaria"
    TECNOLOGICA = "tecnologica"
    ADESIONE = "adesione"
    REPUTAZIONALE = "reputazionale"
    CORRUZIONE_TRASPARENZA = "corruzione_trasparenza"


class Strategia(StrEnum):
    """Risk response strategy."""

    EVITARE = "evitare"
    MITIGARE = "mitigare"
    TRASFERIRE = "trasferire"
    ACCETTARE = "accettare"


class TipoKpi(StrEnum):
    """Kinds of KPI."""

    OUTPUT = "output"
    OUTCOME = "outcome"
    EFFICIENZA = "efficienza"
    QUALITA = "qualita"


class Direzione(StrEnum):
    """Desired direction of a KPI."""

    AUMENTARE = "aumentare"
    DIMINUIRE = "diminuire"
    MANTENERE = "mantenere"


class Frequenza(StrEnum):
    """Measurement and reporting frequency."""

    MENSILE = "mensile"
    TRIMESTRALE = "trimestrale"
    SEMESTRALE = "semestrale"
    ANNUALE = "annuale"


class TipoStakeholder(StrEnum):
    """Kinds of stakeholder."""

    COMUNI = "comuni"
    UNIONI = "unioni"
    ANCI = "anci"
    SINDACATI = "sindacati"
    REGIONE = "regione"
    ALTRE_PROVINCE = "altre_province"
    UPI = "upi"
    ALTRO = "altro"


class RuoloRete(StrEnum):
    """Role of a Provincia in the network exchange."""

    MENTOR = "mentor"
    PARI = "pari"
    BENEFICIARIA = "beneficiaria"


class DestinatariFormazione(StrEnum):
    """Who a training action is for."""

    STAFF_PROVINCIALE = "staff_provinciale"
    PERSONALE_COMUNALE = "personale_comunale"
    AMMINISTRATORI = "amministratori"


class AmbitoCompetenze(StrEnum):
    """Competence areas of the programme."""

    ORGANIZZATIVE = "organizzative"
    DIGITALI = "digitali"
    PROGETTUALI = "progettuali"
    GIURIDICHE = "giuridiche"


class RuoloPrivacy(StrEnum):
    """The Provincia's role for the personal data of a service (GDPR)."""

    TITOLARE = "titolare"
    CONTITOLARE = "contitolare"
    RESPONSABILE = "responsabile"


class Dpia(StrEnum):
    """Where the data protection impact assessment of a service stands (art. 35 GDPR)."""

    SVOLTA = "svolta"
    PREVISTA = "prevista"
    NON_NECESSARIA = "non_necessaria"


class SiNo(StrEnum):
    """Yes/no as written in the Comuni CSV."""

    SI = "si"
    NO = "no"
