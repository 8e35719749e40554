"""The projects the benchmarks run on, made from the bundled examples and bench-sample.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLE = REPO / "examples" / "provincia-di-valdoria"


def _split(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    front, _, body = text[4:].partition("\n---\n")
    return front, body


def _join(path: Path, front: str, body: str) -> None:
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")


def bench_sample_project(target: Path, sample: Path) -> Path:
    """The example with its prose replaced by ``sample``, one ``#`` chapter per section."""
    shutil.copytree(EXAMPLE, target)
    chapters: list[str] = []
    for line in sample.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("# "):
            chapters.append("")
        elif chapters:
            chapters[-1] += line
    sections = sorted((target / "sezioni").glob("*.md"))
    for index, section in enumerate(sections):
        front, _ = _split(section)
        _join(section, front, chapters[index] if index < len(chapters) else "")
    return target


#: Lists of the example grown in the scaled projects, and the prefix of their ids.
SCALED_LISTS = {"attivita": "A", "kpi": "K", "rischi": "R"}


def _no_aliases() -> type:
    import yaml

    class NoAliases(yaml.SafeDumper):
        """Repeated items written out in full: project files have no «&» or «*»."""

        def ignore_aliases(self, data: object) -> bool:
            return True

    return NoAliases


def scaled_project(target: Path, factor: int) -> Path:
    """The example with ``factor`` × its prose, Comuni, activities, KPIs and risks."""
    import yaml

    from pwkit.load.yamldata import parse

    _NoAliases = _no_aliases()
    shutil.copytree(EXAMPLE, target)
    for section in sorted((target / "sezioni").glob("*.md")):
        front, body = _split(section)
        data = parse(front).data
        for key, prefix in SCALED_LISTS.items():
            items = data.get(key) if isinstance(data, dict) else None
            if not isinstance(items, list):
                continue
            grown = list(items)
            for copy in range(1, factor):
                for item in items:
                    clone = dict(item)
                    number = int(str(item["id"])[len(prefix) :])
                    clone["id"] = f"{prefix}{number + copy * 1000}"
                    grown.append(clone)
            data[key] = grown
        if any(key in data for key in SCALED_LISTS):
            front = yaml.dump(
                data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100
            )
        _join(section, front.rstrip("\n"), body * factor)
    csv = target / "dati" / "comuni.csv"
    header, *rows = csv.read_text(encoding="utf-8").splitlines()
    grown_rows = list(rows)
    for copy in range(1, factor):
        for row in rows:
            code, rest = row.split(",", 1)
            grown_rows.append(f"{800000 + copy * 1000 + int(code) % 1000},{rest}")
    csv.write_text("\n".join([header, *grown_rows]) + "\n", encoding="utf-8")
    return target


# --- the run ----------------------------------------------------------------------------

_EXAMPLE_NAMES = re.compile(r"\b(Valdoria|Montalto|Lagoverde)\b")


def generated_projects(target: Path, count: int, examples: Path = EXAMPLE.parent) -> Path:
    """A folder of ``count`` project works made from the three examples, in groups of three.

    Each group renames its Province (``Valdoria 7``, ``Montalto 7``, ``Lagoverde 7``) in the
    title page and in the network data, so the mentor network has one mentor per group.
    """
    sources = sorted(examples.glob("provincia-di-*"))
    for index in range(count):
        source = sources[index % len(sources)]
        group = index // len(sources) + 1
        folder = target / f"{source.name}-{group:03d}"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("export"))
        progetto = folder / "progetto.yaml"
        text = progetto.read_text(encoding="utf-8")
        progetto.write_text(_renamed(text, group), encoding="utf-8")
        network = next((folder / "sezioni").glob("14-*.md"))
        front, body = _split(network)
        _join(network, _renamed(front, group), body)
    return target


def _renamed(text: str, group: int) -> str:
    return _EXAMPLE_NAMES.sub(rf"\1 {group}", text)
