"""The prose is written as XML text: the bytes of the reviewed goldens, and few parses.

The goldens in ``tests/data/prose`` were written by the element-by-element writer the text
writer replaced (``oxml.run_element`` and ``RenderContext.p`` for every run and paragraph), on
the cases below, final and draft: each holds the body, then the table of contents' entries,
the anchors left at ``<!-- tabella: NAME -->`` markers and the hyperlinks' relationships.
A prose written otherwise fails on its first wrong byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from pwkit.base.diagnostics import CheckReport
from pwkit.load.markdown import MAX_TABLE_COLUMNS, parser
from pwkit.model.project import Project
from pwkit.pack.manifest import bundled_manifest
from pwkit.pack.registry import bundled_pack
from pwkit.render.docx.context import RenderContext
from pwkit.render.docx.document import create_document
from pwkit.render.docx.lookup import Lookup
from pwkit.render.docx.prose import ProseRenderer
from tests.render.test_body_xml import RICH_PROSE

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "prose"

PLACEHOLDERS = """\
Prima [[DA COMPILARE: un segnaposto **in grassetto** e *corsivo*
su due righe]] dopo, poi [[ DA COMPILARE: secondo]] e [[DA COMPILARE: aperto

## Titolo [[DA COMPILARE: nel titolo]]

- voce [[DA COMPILARE: nella lista]]
- [[DA COMPILARE: con un [collegamento](https://example.org/a) dentro]] fine

| A | B |
|---|---|
| [[DA COMPILARE: cella]] | ok |

`[[DA COMPILARE: nel codice]]` e testo<br>[[DA COMPILARE: dopo un a capo]]
"""

AWKWARD_TEXT = """\
L'Ufficio dell'UPD & «altri» <span>html</span> a > b, "virgolette" e 'singole'.
Un `codice con l'apostrofo` e ` spazi ` e `a & <b>`; ![](vuota.png) e ![alt *ricco*](x.png).
Un a capo con due spazi\x20\x20
qui, e uno con la barra\\
qui. Commento <!-- nascosto --> e <!-- aperto

Link vuoto [niente]() e interno [sezione](#sopra) e **[in grassetto](https://example.org/b "t")**,
automatico <https://example.org/c> e di nuovo [lo stesso](https://example.org/b).

<div>blocco html</div>

<!-- solo commento -->

```python
def f():
\treturn 'x' & "y"\x20\x20
```

    indentato
        di più

Caratteri \x07 vietati e\x0b verticale, fine riga\r\nWindows.
"""

AFTER_TABLES = """\
| T | U |
|:-:|--:|
| 1 | 2 |

Paragrafo dopo la tabella.

| T |
|---|
| x |

## Titolo dopo la tabella

| T |
|---|
| x |

- lista dopo la tabella

| T |
|---|
| x |

> citazione dopo la tabella

| T |
|---|
| x |

```
codice dopo la tabella
```

| T |
|---|
| x |

---

| T |
|---|
| x |

<!-- tabella: costi -->

| T |
|---|
| x |
| y |
<!-- Tabella:  Rischi --><!-- tabella: costi -->

1. ordinata dopo la tabella

| Solo intestazione |
|---|

Testo <!-- tabella: dentro --> in linea.
"""

LISTS = """\
3. tre
   1. uno annidato
      - punto

        continuazione

        > citazione nella lista

        ```
        codice nella lista
        ```
   2. due
4. quattro

   | in | lista |
   |----|-------|
   | a  | b     |

-
  ```
  voce che comincia col codice
  ```
- - annidata subito
  - ancora
- <!-- tabella: nella-lista -->
- ---

> - lista nella citazione
>
>   > > tre livelli
>
> 7. ordinata
"""

HEADINGS = """\
# Uno **forte**
### Tre [con link](https://example.org/h)
###### Sei
## Due
#### Quattro `code`
Testo
===
Sotto
---
"""

TABLES = """\
Prima della tabella, senza titolo.

| Sinistra | Centro | Destra | Vuota |
|:---|:---:|---:|---|
| a **b** [link](https://example.net/t) | ~~x~~ `c'è` | 1.234,5 |
| [[DA COMPILARE: in *cella*]] | [[DA COMPILARE: aperto | chiuso]] | | |
| riga corta |

## Sotto un titolo

| Una |
|-----|
| ![img](i.png) e <br> a capo |
"""


def too_large(columns: int) -> str:
    """A table wider than Word allows (a notice, then its Markdown as code)."""
    header = "| " + " | ".join(f"c{n}" for n in range(columns)) + " |"
    rule = "|" + "---|" * columns
    row = "| " + " | ".join("x" for _ in range(columns)) + " |"
    return f"Prima.\n\n{header}\n{rule}\n{row}\n\n- in lista\n\n  {header}\n  {rule}\n"


#: Golden file name → the bodies of the sections it renders, one chapter each.
CASES: dict[str, Sequence[str]] = {
    "forme": [RICH_PROSE],
    "segnaposto": [PLACEHOLDERS, "Di nuovo [[DA COMPILARE: in un'altra sezione]]"],
    "testo-difficile": [AWKWARD_TEXT],
    "dopo-tabelle": [AFTER_TABLES, "| X |\n|---|\n| 1 |\n\nNella sezione dopo."],
    "liste": [LISTS],
    "titoli": [HEADINGS, "## Altra sezione\n\n| T |\n|---|\n| x |\n", ""],
    "troppo-grande": [too_large(MAX_TABLE_COLUMNS + 1)],
    "tabelle": [TABLES],
}


@pytest.fixture(scope="module")
def frame() -> Project:
    return Project(Path(), bundled_manifest(bundled_pack()), None, (), ())


def written(frame: Project, bodies: Sequence[str], *, draft: bool) -> bytes:
    """The body of a new document with ``bodies`` rendered, and what the prose left aside."""
    from lxml import etree

    document, numbering = create_document(frame)
    report = CheckReport() if draft else None
    ctx = RenderContext(document, frame, numbering, Lookup.of(frame), draft=report)
    prose = ProseRenderer(ctx)
    anchors: list[str] = []
    for number, body in enumerate(bodies, start=1):
        ctx.heading(f"Capitolo {number}", 1)
        found = prose.render(parser().parse(body))
        anchors += [f"{name}: {etree.tostring(p).decode()}" for name, p in found.items()]
    links = [
        f"{rid} {rel.target}"
        for rid, rel in document.part.rels.items()
        if rel.reltype == RT.HYPERLINK
    ]
    toc = [f"{e.level} {e.number} {e.bookmark} {e.text}" for e in ctx.toc]
    aside = "\n".join(["", "-- toc", *toc, "-- anchors", *anchors, "-- links", *links, ""])
    return bytes(etree.tostring(document.body)) + aside.encode()


def golden(name: str, *, draft: bool) -> Path:
    return GOLDEN / f"{name}{'-bozza' if draft else ''}.xml"


@pytest.mark.parametrize("draft", [False, True], ids=["final", "draft"])
@pytest.mark.parametrize("name", list(CASES))
def test_prose_is_the_bytes_of_the_goldens(frame: Project, name: str, draft: bool) -> None:
    assert written(frame, CASES[name], draft=draft) == golden(name, draft=draft).read_bytes()


def write_goldens(frame: Any) -> None:  # pragma: no cover - run by hand, goldens reviewed
    """Write the goldens again (only when the prose's output is meant to change)."""
    for name, bodies in CASES.items():
        for draft in (False, True):
            golden(name, draft=draft).write_bytes(written(frame, bodies, draft=draft))


def test_the_prose_is_parsed_in_batches_not_built_paragraph_by_paragraph(
    frame: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paragraphs are text parsed together: only a Markdown table's caption is made alone."""
    import pwkit.render.docx.table_text
    import pwkit.render.docx.xml_text

    made = {"p": 0, "parse": 0}
    new_p, parse = RenderContext.p, pwkit.render.docx.xml_text.parse_xml

    def counting_p(ctx: RenderContext, *args: Any, **kwargs: Any) -> Any:
        made["p"] += 1
        return new_p(ctx, *args, **kwargs)

    def counting_parse(xml: str | bytes) -> Any:
        made["parse"] += 1
        return parse(xml)

    monkeypatch.setattr(RenderContext, "p", counting_p)
    for module in (pwkit.render.docx.xml_text, pwkit.render.docx.table_text):
        monkeypatch.setattr(module, "parse_xml", counting_parse)
    document, numbering = create_document(frame)
    ctx = RenderContext(document, frame, numbering, Lookup.of(frame), draft=CheckReport())
    ctx.heading("Capitolo", 1)
    made.update(p=0, parse=0)
    ProseRenderer(ctx).render(parser().parse(RICH_PROSE))
    assert len(document.body) > 12  # the prose is there...
    assert made["p"] == 1  # ...with one paragraph made alone: the table's caption
    assert made["parse"] <= 3  # the blocks before the table, the table, the blocks after
