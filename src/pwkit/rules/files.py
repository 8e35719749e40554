"""PW0xx: files and syntax. Declared here; the loader, the validator and the checker emit them."""

from __future__ import annotations

from pwkit.base.italian import long_date
from pwkit.catalogue import E, RuleInfo, W, declare
from pwkit.model.common import FIRST_DATE, LAST_DATE

declare(
    RuleInfo(
        "PW001",
        "missing-file",
        E,
        "Manca un file previsto dal modello.",
        "Ogni sezione del modello, progetto.yaml e il file CSV dei Comuni devono esistere nella "
        "cartella del progetto, con il nome previsto. Se un file è stato cancellato o rinominato, "
        "ripristinalo: il contenuto iniziale si trova anche in .pwkit/base/.",
        "sezioni/\n  01-sintesi.md\n  (09-piattaforme.md mancante)",
        "sezioni/\n  01-sintesi.md\n  09-piattaforme.md",
    )
)
declare(
    RuleInfo(
        "PW002",
        "not-utf8",
        E,
        "Il file non è un testo in UTF-8.",
        "pwkit legge i file in UTF-8 (con o senza BOM, con fine riga Windows, Unix o Mac). Un "
        "file salvato come «ANSI» (Windows-1252) o «Unicode» (UTF-16 con BOM) viene letto "
        "comunque, con un avviso: salvalo di nuovo scegliendo la codifica UTF-8. È invece un "
        "errore un file che non è un testo (un'immagine, un documento Word o PDF salvato al "
        "posto della sezione), che contiene byte illeggibili in ogni codifica o che supera i "
        "5 MB: il file non viene letto.",
        "Città (salvato in Windows-1252: byte 0xE0)",
        "Città (salvato in UTF-8)",
    )
)
declare(
    RuleInfo(
        "PW003",
        "yaml-syntax",
        E,
        "Errore di sintassi nei dati YAML.",
        "I dati in testa alle sezioni e progetto.yaml sono in YAML: una voce per riga "
        "«chiave: valore», rientri fatti solo con spazi, testi con «: » tra virgolette, nessuna "
        "chiave ripetuta. La segnalazione indica riga e colonna in cui il file smette di essere "
        "leggibile. Le virgolette si scrivono dritte (\"…\" o '…'): Word le cambia in “…” o "
        "‘…’, che il YAML non riconosce. Se un valore tra virgolette tipografiche non si può "
        "leggere così com'è scritto (contiene «: » o « #»), pwkit lo legge come se fossero "
        "dritte e lo segnala con un avviso; se invece si legge (Il progetto “Comuni in rete”), "
        "le virgolette restano nel testo. Le virgolette « » sono sempre testo: se danno errore, "
        "la segnalazione dice come scrivere il valore.",
        "nome: Selezione unica: istruttori\n  area: selezioni_uniche\n"
        "ruolo: “Funzionaria: ufficio concorsi”",
        'nome: "Selezione unica: istruttori"\narea: selezioni_uniche\n'
        'ruolo: "Funzionaria: ufficio concorsi"',
    )
)
declare(
    RuleInfo(
        "PW004",
        "front-matter",
        E,
        "L'intestazione dei dati (front matter) manca o non è chiusa.",
        "Ogni file di sezione inizia con una riga «---», poi i dati della sezione, poi un'altra "
        "riga «---»; sotto c'è il testo. Senza la riga di chiusura pwkit non sa dove finiscono i "
        "dati.",
        "---\ncomuni_target: 60\nIl progetto...",
        "---\ncomuni_target: 60\n---\nIl progetto...",
    )
)
declare(
    RuleInfo(
        "PW005",
        "unknown-key",
        E,
        "Chiave sconosciuta nei dati.",
        "Le chiavi sono quelle del modello, in minuscolo e senza accenti (priorita, non "
        "priorità). Una chiave scritta male verrebbe ignorata: pwkit la segnala e suggerisce la "
        "più vicina.",
        "priorità: 1",
        "priorita: 1",
    )
)
declare(
    RuleInfo(
        "PW006",
        "bad-value",
        E,
        "Valore di tipo o formato sbagliato.",
        "Ogni campo ha un tipo: numeri interi, importi con il punto per i decimali, date "
        "AAAA-MM-GG, valori da un elenco chiuso (la segnalazione elenca quelli ammessi), elenchi. "
        "Mancano anche le chiavi obbligatorie. Le date vanno dal "
        f"{long_date(FIRST_DATE)} al {long_date(LAST_DATE)}: una data fuori (come 9999-12-31 "
        "scritta per dire «senza scadenza», o 0001-01-01) è un errore di battitura, e nessun "
        "documento potrebbe disegnarla. "
        "I numeri si scrivono con le sole cifre e il punto "
        "per i decimali (37500, 12000.50, 1.5): un numero scritto all'italiana, con il punto o lo "
        "spazio delle migliaia (37.500, 1.234.567, 12 000), la virgola per i decimali (12.000,50) "
        "o il simbolo €, è un errore, perché 37.500 verrebbe letto 37,5; la segnalazione dice "
        "che cosa scrivere. Un punto seguito da tre cifre (1.500) separa le migliaia nei numeri "
        "interi e negli importi (che hanno al massimo due decimali) e i decimali nelle quantità "
        "sempre piccole (fte, ore per partecipante); negli altri campi (volumi, valori di KPI e "
        "SLA) può voler dire 1500 o 1,5 e pwkit chiede quale: tre decimali veri si scrivono con "
        "uno zero in più (46.8750).",
        "costo_annuo_fte: 37.500\navvio: 02/11/2026\narea: Selezioni uniche",
        "costo_annuo_fte: 37500\navvio: 2026-11-02\narea: selezioni_uniche",
    )
)
declare(
    RuleInfo(
        "PW007",
        "bad-character",
        E,
        "Carattere che non può stare in un documento Word.",
        "Alcuni caratteri di controllo (spesso incollati da PDF o da altri programmi: tabulazione "
        "verticale, salto pagina, carattere nullo) non possono stare in un file Word. Vanno "
        "cancellati o sostituiti con uno spazio o un a capo.",
        "Il servizio\\x0bparte nel 2026 (con un carattere U+000B invisibile)",
        "Il servizio parte nel 2026",
    )
)
declare(
    RuleInfo(
        "PW008",
        "unknown-file",
        W,
        "File in sezioni/ che il modello non prevede.",
        "Nella cartella sezioni/ stanno solo i file delle sezioni del modello. Un altro file (una "
        "copia, degli appunti) non viene esportato: sposta il testo nella sezione giusta.",
        "sezioni/06-servizi-vecchio.md",
        "(testo spostato in sezioni/06-servizi.md, copia cancellata)",
    )
)
declare(
    RuleInfo(
        "PW009",
        "csv",
        E,
        "Problema nel file CSV dei Comuni.",
        "dati/comuni.csv ha una riga di intestazione con le colonne codice_istat, comune, "
        "popolazione, dipendenti, ufficio_personale (fte_personale e unione facoltative), poi una "
        "riga per Comune. Si accetta anche il CSV di Excel in italiano (separatore «;», virgola "
        "per i decimali); i numeri vanno scritti senza separatore delle migliaia né «€» (43570, "
        "non 43.570): la segnalazione dice il valore da scrivere. Nella colonna fte_personale "
        "un punto seguito da tre cifre separa i decimali (1.500 è 1,5). Lo stesso errore in "
        "molte righe (la stessa colonna, lo stesso problema) è una sola segnalazione che elenca "
        "le righe; una colonna in più nell'intestazione è una segnalazione sola, "
        "sull'intestazione.",
        'codice_istat,comune,popolazione,dipendenti,ufficio_personale\n990002,Dorena,"43.570",258,si',
        "codice_istat,comune,popolazione,dipendenti,ufficio_personale\n990002,Dorena,43570,258,si",
    )
)
declare(
    RuleInfo(
        "PW010",
        "bad-path",
        E,
        "Percorso fuori dal progetto o file inesistente.",
        "Allegati, loghi, documento Word di riferimento e file dei Comuni si indicano con un "
        "percorso relativo alla cartella del progetto, e il file deve esserci: così il progetto "
        "resta completo quando si copia o si invia.",
        "allegati:\n  - titolo: Schema di convenzione\n    file: ../Documenti/convenzione.pdf",
        "allegati:\n  - titolo: Schema di convenzione\n    file: allegati/convenzione.pdf",
    )
)
declare(
    RuleInfo(
        "PW011",
        "old-template",
        W,
        "Il progetto usa una versione del modello più vecchia di quella di pwkit.",
        "Il progetto viene controllato con la versione del modello inclusa in pwkit, che può "
        "avere sezioni o campi nuovi. `pwkit upgrade` porta il progetto alla nuova versione "
        "senza perdere il testo scritto.",
        "modello: province-comuni-personale@0.9.0",
        "modello: province-comuni-personale@1.0.0",
    )
)
declare(
    RuleInfo(
        "PW012",
        "merge-conflict",
        E,
        "Conflitto da risolvere dopo l'aggiornamento del modello.",
        "`pwkit upgrade` unisce il testo del progetto con quello della nuova versione del "
        "modello; dove entrambi hanno cambiato le stesse righe le mette una dopo l'altra, tra "
        "le righe «<<<<<<< progetto», «=======» e «>>>>>>> modello …». Scegli il testo giusto "
        "(o uniscili) e cancella le tre righe di separazione.",
        "<<<<<<< progetto\nIl servizio parte nel 2027.\n=======\n[[DA COMPILARE: avvio]]\n"
        ">>>>>>> modello 1.1.0",
        "Il servizio parte nel 2027.",
    )
)
declare(
    RuleInfo(
        "PW013",
        "bad-reference-docx",
        E,
        "Il documento Word di riferimento non si può usare.",
        "Il documento indicato in «documento: modello_word» dà gli stili al documento "
        "esportato: deve essere un documento Word salvato come «Documento di Word (*.docx)», non "
        "un vecchio .doc, un modello .dotx o .dotm, un documento con macro .docm o un file "
        "rinominato. Un file danneggiato o troppo grande una volta decompresso (oltre 50 MB per "
        "parte o 200 MB in tutto) non viene letto: per gli stili basta un documento di poche "
        "pagine.",
        "documento:\n  modello_word: allegati/carta-intestata.doc",
        "documento:\n  modello_word: allegati/carta-intestata.docx",
    )
)
declare(
    RuleInfo(
        "PW014",
        "table-too-large",
        E,
        "Tabella troppo grande per il documento Word.",
        "Word gestisce tabelle di al massimo 63 colonne: una tabella più larga non si può "
        "modificare né stampare. pwkit accetta nel testo tabelle fino a 20.000 celle (ad esempio "
        "2.000 righe di 10 colonne, una cinquantina di pagine): i dati più ampi vanno in un "
        "allegato, riassunti nel testo. In una bozza (--bozza) la tabella troppo grande è "
        "riportata come testo, com'è scritta.",
        "| Comune | 2015 | 2016 | … | 2090 |\n|---|---|---|---|---|\n| Dorena | 12 | 14 | … | 9 |",
        "| Comune | 2015 | 2020 | 2025 |\n|---|---|---|---|\n| Dorena | 12 | 11 | 9 |\n\n"
        "(la serie completa in allegato: allegati/serie-storica.xlsx)",
    )
)
declare(
    RuleInfo(
        "PW015",
        "table-extra-cells",
        E,
        "Riga di una tabella con più celle dell'intestazione: il testo in più andrebbe perso.",
        "Una tabella ha tante colonne quante celle ha la sua prima riga (l'intestazione): le "
        "celle in più di una riga non entrano nel documento Word, e il loro testo andrebbe "
        "perso. Aggiungi la colonna all'intestazione (e una cella «---» alla riga sotto), "
        "oppure sposta il testo in una cella esistente. Una barra verticale che fa parte del "
        "testo si scrive \\|.",
        "| Provincia | Ruolo |\n|---|---|\n| Lagoverde | mentor | da confermare |",
        "| Provincia | Ruolo | Note |\n|---|---|---|\n| Lagoverde | mentor | da confermare |",
    )
)
