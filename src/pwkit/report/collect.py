"""Which folders the report reads, and the figures of each: one broken project never stops it.

``compare_projects`` is what ``pwkit report`` computes: every project found, read and compared.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import PROJECT_FILE
from pwkit.report.compare import Comparison
from pwkit.report.figures import ProjectFigures, Unreadable, figures_of

#: Marks of a folder meant to be a project work even when ``progetto.yaml`` is missing.
_PROJECT_MARKS = ("sezioni", ".pwkit")


@dataclass(frozen=True)
class Target:
    """A folder to report on, and how the report names it."""

    path: Path
    label: str


def find_targets(paths: Sequence[Path]) -> tuple[list[Target], list[Unreadable]]:
    """Project folders among ``paths``; a path may also be a folder of project folders.

    In a folder of projects, a sub-folder that looks like a project work (it has ``sezioni/`` or
    ``.pwkit/``) but no ``progetto.yaml`` is reported as unreadable; other sub-folders are not
    projects and are skipped. The same folder given twice is read once.
    """
    targets: list[Target] = []
    unreadable: list[Unreadable] = []
    seen: set[Path] = set()

    def add(folder: Path, label: str) -> None:
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            targets.append(Target(folder, label))

    for path in paths:
        label = str(path)
        if not path.exists():
            unreadable.append(Unreadable(label, "la cartella non esiste"))
        elif not path.is_dir():
            unreadable.append(Unreadable(label, "non è una cartella"))
        elif (path / PROJECT_FILE).is_file():
            add(path, label)
        else:
            found = False
            for child in _subfolders(path):
                if (child / PROJECT_FILE).is_file():
                    add(child, str(child))
                    found = True
                elif any((child / mark).is_dir() for mark in _PROJECT_MARKS):
                    unreadable.append(Unreadable(str(child), f"manca {PROJECT_FILE}"))
                    found = True
            if not found:
                unreadable.append(
                    Unreadable(
                        label,
                        f"nessun Project Work: manca {PROJECT_FILE} qui e nelle sottocartelle",
                    )
                )
    return targets, unreadable


def _subfolders(folder: Path) -> list[Path]:
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        from pwkit.base.errors import os_failure

        raise os_failure(exc) from exc
    return [c for c in children if c.is_dir() and not c.name.startswith(".")]


def read_project(target: Target, key: str | None) -> ProjectFigures | Unreadable:
    """Check one project and take its figures; any failure becomes the reason it is listed.

    ``key`` is the check cache's key of ``target`` (``None`` when caching is off), computed
    by the caller, who found no figures kept under it: the figures taken are kept under it,
    and so is the check's report.
    """
    from pwkit.check import pipeline

    try:
        result = pipeline.check_project(target.path)
        figures = figures_of(result, target.label)
        if key is not None:
            from pwkit.check.cache import store_report
            from pwkit.report.kept import store_figures

            store_report(target.path, key, result.report)  # what `pwkit check` would print
            store_figures(target.path, key, figures)
        return figures
    except PwkitError as exc:
        reason = exc.message if not exc.hint else f"{exc.message} {exc.hint}"
        return Unreadable(target.label, reason)
    except OSError as exc:
        from pwkit.base.errors import os_failure

        return Unreadable(target.label, os_failure(exc).message)
    except Exception as exc:  # one project's internal error must not stop the others
        return Unreadable(
            target.label,
            f"errore interno di pwkit ({type(exc).__name__}) nel leggere questo progetto",
            "".join(traceback.format_exception(exc)),
        )


#: From this many projects on, they are read by several processes (one per processor).
PARALLEL_FROM = 8
MAX_WORKERS = 8


def read_projects(
    targets: Sequence[Target],
    progress: Callable[[Target], None] | None = None,
    *,
    workers: int | None = None,
) -> Iterator[ProjectFigures | Unreadable]:
    """The figures of every target, in order; ``progress`` is told when each one is done.

    A project unchanged since its figures were last taken is not read again (this process
    looks for those first); many of the others are read in parallel processes; if the
    processes cannot be started (or one dies), the projects not yet read are read here, one
    after the other.
    """
    from pwkit.check import cache
    from pwkit.report.kept import load_figures

    results: dict[int, ProjectFigures | Unreadable] = {}
    keys: list[str | None] = []  # each project is hashed once, here
    for index, target in enumerate(targets):
        key = cache.key_if_caching(target.path)
        keys.append(key)
        kept = None if key is None else load_figures(target.path, key, target.label)
        if kept is not None:
            results[index] = kept
            if progress is not None:
                progress(target)
    missing = [index for index in range(len(targets)) if index not in results]
    if workers is None:
        workers = _workers(len(missing))
    if workers > 1 and len(missing) > 1:
        # The first project is read here: the processes then start with everything it
        # loaded (schemas, parsers, the template), instead of each loading it again.
        first, *others = missing
        results[first] = read_project(targets[first], keys[first])
        if progress is not None:
            progress(targets[first])
        jobs = [(targets[i], keys[i]) for i in others]
        rest = _read_in_parallel(jobs, workers, progress)
        results.update((others[index], result) for index, result in rest.items())
    for index in missing:
        if index not in results:
            results[index] = read_project(targets[index], keys[index])
            if progress is not None:
                progress(targets[index])
    yield from (results[i] for i in range(len(targets)))


def _workers(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS, count // 4))


def _read_in_parallel(
    jobs: Sequence[tuple[Target, str | None]],
    workers: int,
    progress: Callable[[Target], None] | None,
) -> dict[int, ProjectFigures | Unreadable]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # Forked workers start with pwkit's schemas already loaded; elsewhere they import them.
    methods = multiprocessing.get_all_start_methods()
    context = (
        multiprocessing.get_context("fork")
        if sys.platform == "linux" and "fork" in methods
        else None
    )
    results: dict[int, ProjectFigures | Unreadable] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(read_project, *job): i for i, job in enumerate(jobs)}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except Exception:  # a worker died or its result did not come back
                    continue  # read again in this process
                if progress is not None:
                    progress(jobs[index][0])
    except (BrokenProcessPool, OSError):
        pass  # whatever is missing is read in this process
    return results


def compare_projects(
    paths: Sequence[Path],
    *,
    progress: Callable[[int, Target | None], None] | None = None,
    today: dt.date | None = None,
    notify: Callable[[str], None] | None = None,
) -> Comparison:
    """Read and check every project work found in ``paths`` and compare them.

    ``progress`` is told the number of projects first (with ``None``), then each project read.
    Broken projects are included with their errors, unreadable folders with the reason; only
    a call that finds nothing at all to read is an error. A project where an upgrade was cut
    off is first put back as it was, and ``notify`` told so.
    """
    targets, unreadable = find_targets(paths)
    targets = _put_back(targets, unreadable, notify)
    if not targets:
        reasons = "; ".join(f"{u.folder}: {u.reason}" for u in unreadable)
        raise PwkitError(
            f"Nessun Project Work da confrontare ({reasons}).",
            hint="Indica le cartelle dei progetti (con progetto.yaml) o una cartella che le "
            "contiene.",
        )
    if progress is not None:
        progress(len(targets), None)
    results = list(
        read_projects(targets, (lambda t: progress(len(targets), t)) if progress else None)
    )
    return Comparison.of([*results, *unreadable], today)


def _put_back(
    targets: list[Target], unreadable: list[Unreadable], notify: Callable[[str], None] | None
) -> list[Target]:
    """The targets, each first put back as it was if an upgrade was cut off there."""
    from pwkit.base.errors import os_failure
    from pwkit.upgrade.journal import recover_interrupted

    kept: list[Target] = []
    for target in targets:
        try:
            restored = recover_interrupted(target.path.resolve())
        except PwkitError as exc:
            unreadable.append(Unreadable(target.label, f"{exc.message} {exc.hint or ''}".strip()))
            continue
        except OSError as exc:
            unreadable.append(Unreadable(target.label, os_failure(exc).message))
            continue
        if restored and notify is not None:
            notify(f"{target.label}: {restored}")
        kept.append(target)
    return kept
