"""Schema of ``progetto.yaml``: the title page, the Provincia and the template pin."""

from typing import Annotated

from pydantic import Field, StringConstraints

from pwkit.base.empty import no_items
from pwkit.model.common import Data, Model, Testo
from pwkit.model.enums import Stato

ModelloPin = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*@[0-9][0-9A-Za-z.+-]*$")
]


class Provincia(Model):
    """The Provincia that writes the project work."""

    nome: Testo = Field(
        description='Nome della Provincia come lo scrive l\'ISTAT, senza "Provincia di" o '
        '"Città metropolitana di" (es. "Monza e della Brianza").'
    )
    sigla: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="Sigla di due lettere maiuscole (es. MB)."
    )
    codice_uts: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")] | None = Field(
        default=None,
        description="Codice ISTAT dell'unità territoriale sovracomunale, tre cifre tra "
        'virgolette (es. "108"); ometterlo per una Provincia non presente nell\'elenco ISTAT.',
    )
    regione: Testo = Field(description="Regione.")
    denominazione: Testo | None = Field(
        default=None,
        description="Facoltativo: il nome dell'ente come deve comparire nel documento "
        "(frontespizio, intestazioni), se diverso da quello che pwkit ricava dal tipo di ente "
        'dell\'elenco ISTAT (es. "Città metropolitana di Bari", "Provincia dell\'Aquila").',
    )


class Referente(Model):
    """The contact person for the project work."""

    nome: Testo = Field(description="Nome e cognome.")
    ruolo: Testo = Field(description="Ruolo nell'ente.")
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] = Field(
        description="Indirizzo di posta elettronica."
    )
    telefono: str | None = Field(default=None, description="Telefono (facoltativo).")


class ReferentePolitico(Model):
    """The political sponsor."""

    nome: Testo = Field(description="Nome e cognome.")
    carica: Testo = Field(description="Carica (es. Presidente della Provincia).")


class MembroGruppo(Model):
    """A member of the working group."""

    nome: Testo = Field(description="Nome e cognome.")
    ruolo: Testo = Field(description="Ruolo nel gruppo di lavoro.")
    ente: str | None = Field(default=None, description="Ente di appartenenza, se diverso.")


class Rete(Model):
    """The network of phase 3: mentor and partner Province."""

    provincia_mentor: str | None = Field(
        default=None, description="Provincia che fa da mentor (facoltativo)."
    )
    province_partner: list[Testo] = Field(
        default_factory=no_items, description="Altre Province con cui si collabora."
    )


class AttoApprovazione(Model):
    """The act that approved the project work."""

    tipo: Testo = Field(description="Tipo di atto (es. Decreto presidenziale).")
    numero: Testo = Field(description='Numero dell\'atto (testo, es. "45").')
    data: Data = Field(description="Data dell'atto (AAAA-MM-GG).")


class Allegato(Model):
    """An annex of the project work."""

    titolo: Testo = Field(description="Titolo dell'allegato.")
    file: Testo = Field(
        description="Percorso del file dalla cartella del progetto, dentro allegati/ "
        "(es. allegati/schema-convenzione.pdf)."
    )


class Documento(Model):
    """Options of the exported Word document."""

    loghi: list[Testo] = Field(
        default_factory=no_items, description="Immagini dei loghi per il frontespizio."
    )
    modello_word: str | None = Field(
        default=None, description="Documento .docx di riferimento da cui prendere gli stili."
    )


class Progetto(Model):
    """``progetto.yaml``: identity of the document and of the Provincia."""

    modello: ModelloPin = Field(
        description="Modello e versione usati dal progetto (es. province-comuni-personale@1.0.0)."
    )
    edizione: str | None = Field(
        default=None,
        description="Edizione del programma a cui il progetto partecipa (es. 2025-2026): ne "
        "segue il calendario. Se manca, quella corrente del modello.",
    )
    provincia: Provincia = Field(description="La Provincia.")
    titolo: Testo = Field(description="Titolo del Project Work.")
    sottotitolo: str | None = Field(default=None, description="Sottotitolo (facoltativo).")
    versione: Testo = Field(description='Versione del documento (es. "1.0").')
    data_redazione: Data = Field(description="Data di redazione (AAAA-MM-GG).")
    stato: Stato = Field(description="Stato del documento: bozza, consegnato o approvato.")
    referente: Referente = Field(description="Referente tecnico del Project Work.")
    referente_politico: ReferentePolitico | None = Field(
        default=None, description="Referente politico (facoltativo)."
    )
    gruppo_di_lavoro: list[MembroGruppo] = Field(
        min_length=1, description="Componenti del gruppo di lavoro."
    )
    rete: Rete | None = Field(default=None, description="Rete tra Province (facoltativo).")
    atto_approvazione: AttoApprovazione | None = Field(
        default=None, description="Atto di approvazione (facoltativo)."
    )
    allegati: list[Allegato] = Field(
        default_factory=no_items, description="Allegati (facoltativo)."
    )
    documento: Documento | None = Field(
        default=None, description="Opzioni del documento Word (facoltativo)."
    )
