"""The Italian words for YAML pwkit refuses or cannot parse: what is wrong and how to fix it."""

from __future__ import annotations

from pwkit.load.yamldata import MAX_DEPTH as MAX_YAML_DEPTH

#: Why ``yamldata`` refused a text → (what, hint) in Italian; ``{}`` is the detail.
REFUSED: dict[str, tuple[str, str]] = {
    "anchor": (
        "riferimenti «&» e «*» non ammessi",
        "Scrivi i valori per esteso; se «&» o «*» fa parte del testo, metti il valore tra "
        "virgolette.",
    ),
    "tag": (
        "etichetta «{}» non ammessa",
        "Togli l'etichetta che inizia con «!»: pwkit accetta solo testi, numeri, date ed elenchi.",
    ),
    "tag-value": (
        "il valore «{}» non corrisponde alla sua etichetta",
        "Togli l'etichetta che inizia con «!!» e scrivi solo il valore.",
    ),
    "depth": (
        f"dati annidati troppo in profondità (più di {MAX_YAML_DEPTH} livelli)",
        "Controlla i rientri e le parentesi «[» e «{»: i dati del progetto hanno pochi livelli.",
    ),
    "documents": (
        "più documenti nello stesso file (una riga «...» o «---» di troppo)",
        "Togli la riga «...» o «---» indicata: i dati devono formare un solo blocco.",
    ),
    "directive": (
        "direttiva «%» non ammessa",
        "Togli la riga che inizia con «%»: i dati del progetto non ne hanno bisogno.",
    ),
    "duplicate-key": (
        "chiave ripetuta",
        "Ogni chiave può comparire una sola volta allo stesso livello: unisci o rinomina.",
    ),
}

#: libyaml's (and PyYAML's) problem texts → (what, hint) in Italian; the first match wins.
PROBLEMS: list[tuple[str, str, str]] = [
    ("exceeded maximum nesting depth", *REFUSED["depth"]),
    ("did not find expected <document start>", *REFUSED["documents"]),
    (
        "found a tab character",
        "tabulazione usata al posto degli spazi",
        "Nel YAML si rientra solo con spazi: sostituisci le tabulazioni con due spazi.",
    ),
    (
        "did not find expected ',' or ']'",
        "parentesi «[» non chiusa",
        "Chiudi l'elenco con «]» sulla stessa riga, oppure metti il valore tra virgolette.",
    ),
    (
        "did not find expected ',' or '}'",
        "parentesi «{» non chiusa",
        "Chiudi le parentesi con «}», oppure metti il valore tra virgolette.",
    ),
    (
        "found invalid Unicode character escape code",
        "sequenza «\\u» non valida tra virgolette",
        "Scrivi il carattere direttamente, senza la sequenza con «\\».",
    ),
    (
        "mapping values are not allowed",
        "i due punti «:» non sono ammessi qui",
        "Se il testo contiene «: », mettilo tra virgolette; altrimenti controlla l'indentazione.",
    ),
    (
        "could not find expected ':'",
        "manca il «:» dopo una chiave",
        "Scrivi ogni voce come «chiave: valore».",
    ),
    (
        "expected <block end>",  # PyYAML's own parser, where libyaml is missing
        "indentazione non coerente",
        "Allinea le chiavi dello stesso livello con lo stesso numero di spazi.",
    ),
    (
        "did not find expected key",
        "indentazione non coerente o chiave mancante",
        "Allinea le chiavi dello stesso livello con lo stesso numero di spazi.",
    ),
    (
        "did not find expected '-' indicator",
        "elemento di elenco non allineato",
        "Allinea i trattini «-» degli elementi dello stesso elenco.",
    ),
    (
        "found unexpected end of stream",
        "testo tra virgolette non chiuso",
        "Chiudi le virgolette aperte.",
    ),
    (
        "found unknown escape character",
        "sequenza con «\\» non valida tra virgolette",
        "Usa le virgolette semplici ' ' oppure raddoppia la barra «\\\\».",
    ),
    (
        "while scanning an alias",
        "simbolo «*» non valido",
        "Se «*» fa parte del testo, metti il valore tra virgolette.",
    ),
    (
        "while scanning an anchor",
        "simbolo «&» non valido",
        "Se «&» fa parte del testo, metti il valore tra virgolette.",
    ),
    (
        "found character that cannot start any token",
        "carattere non valido a inizio valore",
        "Metti il valore tra virgolette (ad esempio se inizia con «@», «`» o «%»).",
    ),
]


#: What a syntax error that no entry of ``PROBLEMS`` matches is told.
UNKNOWN_PROBLEM = ("errore di sintassi", "Controlla la riga indicata e quella precedente.")


def explain(problem: str) -> tuple[str, str]:
    """(what, hint) in Italian for a problem text of libyaml or PyYAML."""
    for needle, what, hint in PROBLEMS:
        if needle in problem:
            return what, hint
    return UNKNOWN_PROBLEM
