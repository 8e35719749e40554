"""Reading a section file: its front matter as YAML data, its body as Markdown prose."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pwkit.base.diagnostics import Diagnostic, Location
from pwkit.base.findings import finding
from pwkit.load.frontmatter import split_front_matter
from pwkit.load.markdown import Body
from pwkit.load.text import read_text
from pwkit.load.yamlfile import YamlDoc, parse_yaml


class SectionFile:
    """What was read of one section file."""

    __slots__ = ("body", "front", "rel", "text")

    def __init__(
        self,
        rel: str,
        text: str | None = None,
        front: YamlDoc | None = None,
        body: Body | None = None,
    ) -> None:
        self.rel = rel
        self.text = text
        self.front = front
        self.body = body


def read_section(root: Path, rel: str, findings: list[Diagnostic]) -> SectionFile:
    """Read a section: front matter (YAML) and body (Markdown, parsed once)."""
    loaded = read_text(root, rel, findings)
    if loaded is None:
        return SectionFile(rel)
    text = loaded.text
    section = SectionFile(rel, text=text)
    split = split_front_matter(text)
    if split.unclosed:
        findings.append(
            finding(
                "PW004",
                "L'intestazione YAML (front matter) non è chiusa.",
                "Aggiungi una riga con soli «---» dopo l'ultimo dato della sezione, prima "
                "del testo.",
                Location(rel, 1, 1),
            )
        )
        return section
    if split.front is None:
        findings.append(
            finding(
                "PW004",
                "Manca l'intestazione YAML (front matter) all'inizio del file.",
                "La prima riga del file deve essere «---», seguita dai dati della sezione e "
                "da un'altra riga «---»; poi il testo.",
                Location(rel, 1, 1),
            )
        )
        section.body = Body(text, 1)
        return section
    section.front = parse_yaml(rel, split.front, 1, findings)
    if section.front is not None and section.front.data is None:
        section.front.data = {}
    section.body = Body(split.body, split.body_line)
    return section


def unknown_section_files(root: Path, known: set[str]) -> Iterator[str]:
    """Files in ``sezioni/`` that the manifest does not name (hidden files skipped)."""
    folder = root / "sezioni"
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith((".", "~$")) or rel in known:
            continue
        yield rel
