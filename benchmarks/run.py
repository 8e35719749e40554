"""pwkit's speed goals (issue #20), measured on whole processes: ``python benchmarks/run.py``.

Every goal is a ratio of two commands measured in the same run, pair by pair (A B A B…, after
one warm-up of each): the machine's speed drifts, a pair's two runs see the same machine. A
figure is the median of ``--runs`` pairs (≥ 7; ``--quick`` takes 3, for a rough look); peak
memory is the largest resident size a run of A reached (``wait4``). The table is printed and
written to ``benchmarks/RESULTS.md``; what that file holds after the history marker is kept.

Commands run as on a user's machine: bytecode may be cached (``PYTHONDONTWRITEBYTECODE`` is
dropped), LibreOffice's pagination of the TOC is off (``PWKIT_NO_LIBREOFFICE=1``) except in the
one row that measures it beside. ``--src DIR`` measures the pwkit whose source is ``DIR`` (e.g.
a ``git archive`` of an older commit): how the before/after figures of RESULTS.md were made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from projects import EXAMPLE, REPO, bench_sample_project, generated_projects, scaled_project

HERE = Path(__file__).resolve().parent
#: Where bench-sample.md is looked for (the shared folder beside the checkout or a worktree).
SAMPLES = [REPO.parent / "shared" / "bench" / "bench-sample.md"] + [
    parent / "shared" / "bench" / "bench-sample.md" for parent in REPO.parents
]
#: The commit whose ``report`` the goal halves (the time of #7's report).
REPORT_BASELINE = "edc63b8"
_SCRIPT = Path(sys.executable).with_name("pwkit")
PWKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "pwkit"]
HISTORY_MARKER = "<!-- Kept by run.py: everything below is written by hand. -->"


#: Environment variables a command adds (``None`` removes one).
Env = dict[str, str | None]


@dataclass
class Command:
    """One command line and the environment variables it adds (``None`` removes one)."""

    argv: list[str]
    env: Env = field(default_factory=dict)

    def environment(self) -> dict[str, str]:
        merged: dict[str, str | None] = {**os.environ, **self.env}
        merged.pop("PYTHONDONTWRITEBYTECODE", None)
        return {key: value for key, value in merged.items() if value is not None}


def run_once(command: Command) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run (exit codes 0 and 1 are both results)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command.argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=command.environment(),
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            text = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(command.argv)} → {process.returncode}\n{text}")
    return seconds, usage.ru_maxrss / 1024


@dataclass
class Paired:
    """Medians of A and B, the median of the pair-by-pair ratios A/B, A's peak memory."""

    a: float
    b: float
    ratio: float
    peak_mb: float
    b_peak_mb: float


def paired(a: Command, b: Command, runs: int) -> Paired:
    """A and B in turn, one warm-up each, then ``runs`` pairs."""
    run_once(a)
    run_once(b)
    times_a, times_b, ratios, peaks, b_peaks = [], [], [], [], []
    for _ in range(runs):
        seconds_a, peak_a = run_once(a)
        seconds_b, peak_b = run_once(b)
        times_a.append(seconds_a)
        times_b.append(seconds_b)
        ratios.append(seconds_a / seconds_b)
        peaks.append(peak_a)
        b_peaks.append(peak_b)
    return Paired(
        statistics.median(times_a),
        statistics.median(times_b),
        statistics.median(ratios),
        max(peaks),
        max(b_peaks),
    )


def alone(a: Command, runs: int, before: Callable[[], None] | None = None) -> tuple[float, float]:
    """Median seconds and peak MB of ``runs`` runs of ``a`` after a warm-up.

    ``before`` (not timed) runs before each of them.
    """
    samples = []
    for _ in range(runs + 1):
        if before is not None:
            before()
        samples.append(run_once(a))
    samples = samples[1:]
    return statistics.median(s for s, _ in samples), max(p for _, p in samples)


@dataclass
class Results:
    """The rows of the table, printed as they come."""

    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, what: str, figure: str, ratio: str = "", goal: str = "") -> None:
        self.rows.append((what, figure, ratio, goal))
        print(f"{what:<62} {figure:<28} {ratio:<16} {goal}", flush=True)

    def pair(self, what: str, vs: str, done: Paired, goal: float | None = None) -> None:
        figure = f"{done.a:.3f} s · {done.peak_mb:.0f} MB (B {done.b:.3f} s)"
        met = "" if goal is None else _goal(done.ratio <= goal, f"≤ {goal:g}×")
        self.add(what, figure, f"{done.ratio:.2f}× {vs}", met)


def _goal(met: bool, goal: str) -> str:
    return f"{goal} {'✓' if met else '✗'}"


def baseline_source(commit: str, target: Path) -> Path | None:
    """``commit``'s source, templates and examples put in ``target`` (its ``src``, or ``None``)."""
    if shutil.which("git") is None:
        return None
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "src", "templates", "examples"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        return None
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="pairs per figure (≥ 7)")
    parser.add_argument("--quick", action="store_true", help="3 pairs a figure, a rough look")
    parser.add_argument("--src", type=Path, help="measure the pwkit whose source is this folder")
    parser.add_argument("--sample", type=Path, help="bench-sample.md (found beside the checkout)")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the TOC row")
    args = parser.parse_args()
    runs = 3 if args.quick else max(args.runs, 7)
    sample = args.sample or next((path for path in SAMPLES if path.is_file()), None)
    if sample is None or shutil.which("pandoc") is None:
        raise SystemExit("Servono pandoc e bench-sample.md (--sample): i traguardi sono rapporti.")
    results = Results()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        measure_all(Path(folder), sample, runs, args, results)
    minutes = (time.perf_counter() - started) / 60
    write_results(args.output, results.rows, runs, args.src, minutes)


def measure_all(
    work: Path, sample: Path, runs: int, args: argparse.Namespace, results: Results
) -> None:
    """Every «Must show» figure of #20, in one run."""
    source: Env = {"PYTHONPATH": str(args.src.resolve())} if args.src else {}
    quiet: Env = {**source, "PWKIT_NO_LIBREOFFICE": "1"}
    cold: Env = {**quiet, "PWKIT_NO_CACHE": "1", "PWKIT_CACHE_DIR": str(work / "cold")}
    warm: Env = {**quiet, "PWKIT_NO_CACHE": None, "PWKIT_CACHE_DIR": str(work / "cache")}

    def pwkit(*argv: str | Path, env: Env) -> Command:
        return Command([*PWKIT, *map(str, argv)], env)

    pandoc = Command(["pandoc", str(sample), "-o", str(work / "pandoc.docx")])
    bench = bench_sample_project(work / "bench", sample)
    out = work / "bench.docx"
    export_args = ("export", bench, "-o", out, "--force", "--bozza")

    version = paired(pwkit("--version", env=source), Command([sys.executable, "-c", "pass"]), runs)
    results.pair("pwkit --version (B: python -c pass)", "python", version, 2.0)

    run_once(pwkit("check", bench, env=warm))  # the project checked, then left unchanged
    results.pair(
        "export of the bench project, checked and unchanged (B: pandoc)",
        "pandoc",
        paired(pwkit(*export_args, env=warm), pandoc, runs),
        1.0,
    )
    results.pair(
        "export of the bench project, cold (B: pandoc)",
        "pandoc",
        paired(pwkit(*export_args, env=cold), pandoc, runs),
        2.0,
    )
    if not args.no_libreoffice and shutil.which("soffice"):
        with_toc = {**warm, "PWKIT_NO_LIBREOFFICE": None}
        remembered = work / "cache" / "toc"
        seconds, peak = alone(
            pwkit(*export_args, env=with_toc),
            min(runs, 3),
            before=lambda: shutil.rmtree(remembered, ignore_errors=True),
        )
        results.add(
            "the same export with LibreOffice writing the TOC's page numbers",
            f"{seconds:.3f} s · {peak:.0f} MB",
            "beside, not a goal",
        )
        example = ("export", EXAMPLE, "-o", work / "example.docx", "--force")
        seconds, peak = alone(
            pwkit(*example, env=with_toc),
            min(runs, 3),
            before=lambda: shutil.rmtree(remembered, ignore_errors=True),
        )
        results.add(
            "export of the example, LibreOffice writing the TOC's page numbers",
            f"{seconds:.3f} s · {peak:.0f} MB",
            "beside, not a goal",
        )
        results.pair(
            "the example unchanged, LibreOffice on, page numbers reused (B: pandoc)",
            "pandoc",
            paired(pwkit(*example, env=with_toc), pandoc, runs),
        )
    results.pair(
        "check of the example, cold: --no-cache (B: pandoc)",
        "pandoc",
        paired(pwkit("check", EXAMPLE, "--no-cache", env=warm), pandoc, runs),
        1.5,
    )
    results.pair(
        "check of the example, cached (B: pandoc)",
        "pandoc",
        paired(pwkit("check", EXAMPLE, env=warm), pandoc, runs),
        0.5,
    )
    _growth(work, runs, results, pwkit, cold)
    _report(work, runs, results, pwkit, source)


def _growth(
    work: Path,
    runs: int,
    results: Results,
    pwkit: Callable[..., Command],
    cold: Env,
) -> None:
    """100× content against 1× (the example), check and export, with peak memory."""
    big = scaled_project(work / "x100", 100)
    small = work / "x1.docx"
    for what, argv_big, argv_small in (
        ("check", ("check", big, "--no-cache"), ("check", EXAMPLE, "--no-cache")),
        (
            "export --bozza",
            ("export", big, "-o", work / "x100.docx", "--force", "--bozza"),
            ("export", EXAMPLE, "-o", small, "--force", "--bozza"),
        ),
    ):
        done = paired(pwkit(*argv_big, env=cold), pwkit(*argv_small, env=cold), max(runs // 2, 3))
        met = _goal(done.ratio <= 110 and done.peak_mb <= 300, "≤ 110× and ≤ 300 MB")
        figure = f"{done.a:.3f} s · {done.peak_mb:.0f} MB (B {done.b:.3f} s)"
        ratio = f"{done.ratio:.1f}×"
        results.add(f"{what} of 100× content (B: the example, 1×)", figure, ratio, met)


def _report(
    work: Path,
    runs: int,
    results: Results,
    pwkit: Callable[..., Command],
    source: Env,
) -> None:
    """``report`` of 107 projects against the same command of ``REPORT_BASELINE``.

    The projects are made from the baseline's own examples, which both versions read (the
    current examples name a template version the baseline does not know).
    """
    old = baseline_source(REPORT_BASELINE, work / "baseline")
    examples = old.parent / "examples" if old is not None else EXAMPLE.parent
    many = generated_projects(work / "province", 107, examples)
    argv = ("report", many, "-o", work / "restituzione.docx", "--force")
    quiet: Env = {**source, "PWKIT_NO_LIBREOFFICE": "1"}
    # The projects were read before (the warm-up) and are unchanged, as between two meetings.
    now = pwkit(*argv, env={**quiet, "PWKIT_CACHE_DIR": str(work / "cache-report")})
    cold = pwkit(*argv, env={**quiet, "PWKIT_NO_CACHE": "1"})
    if old is None:
        seconds, peak = alone(now, runs)
        results.add("report of 107 projects", f"{seconds:.3f} s · {peak:.0f} MB", "no baseline")
        return
    then = pwkit(*argv, env={"PYTHONPATH": str(old), "PWKIT_NO_LIBREOFFICE": "1"})
    results.pair(
        f"report of 107 projects, read before and unchanged (B: the same at {REPORT_BASELINE})",
        REPORT_BASELINE,
        paired(now, then, max(runs // 2, 3)),
        0.5,
    )
    results.pair(
        f"the same report, cold: --no-cache (B: the same at {REPORT_BASELINE})",
        REPORT_BASELINE,
        paired(cold, then, max(runs // 2, 3)),
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def _version_of(argv: list[str]) -> str:
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    return out.stdout.splitlines()[0] if out.returncode == 0 and out.stdout else "?"


NOTES = [
    "Reading the table:",
    "",
    "- A is the command named, B the one in brackets; «ratio» is the median of the ratios of "
    "the pairs, so it may differ from the ratio of the two medians.",
    "- The bench project is the example with its prose replaced by bench-sample.md (one `#` "
    "chapter a section); it keeps the example's structured data (tables, Gantt chart) and its "
    "prose breaks section rules, so it is exported with `--bozza`: pwkit writes more than "
    "pandoc does from the same Markdown.",
    "- «Checked and unchanged»: `pwkit check` ran on the project before and nothing changed "
    "since; «cold»: no cache (`PWKIT_NO_CACHE=1`), as the first run after an edit.",
    "- LibreOffice's row is one export with the TOC's page numbers written by LibreOffice "
    "(pwkit's default when it is installed), its remembered numbers deleted before each run; "
    "the «reused» row exports the example again, unchanged: LibreOffice would lay out the same "
    "file, so the numbers of the previous export are written without starting it (measured on "
    "the example, a final document). Every other row turns LibreOffice off.",
    "- The 100× project repeats the example's prose and grows its Comuni, activities, KPIs and "
    "risks; the 1× is the example. Fewer pairs there (half of the runs, at least 3).",
    f"- `report` is compared with the same command at {REPORT_BASELINE} (its source extracted "
    "with `git archive` and put first on `PYTHONPATH`), in the same run, on 107 projects made "
    f"from {REPORT_BASELINE}'s examples (both versions read all of them). «Read before and "
    "unchanged»: the warm-up report read them and nothing changed since, so their figures are "
    "kept; «cold»: no cache, as after editing every project.",
    "",
]


def write_results(
    path: Path, rows: list[tuple[str, str, str, str]], runs: int, src: Path | None, minutes: float
) -> None:
    kept = ""
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if HISTORY_MARKER in old:
            kept = old[old.index(HISTORY_MARKER) + len(HISTORY_MARKER) :].strip("\n")
    version = _version_of([*PWKIT, "--version"])
    measured = f"source {src}" if src else version
    lines = [
        "# Benchmark results",
        "",
        f"{measured}, measured on {dt.date.today().isoformat()} with `python benchmarks/run.py` "
        f"({runs} pairs after a warm-up, medians; the run took {minutes:.1f} min).",
        "",
        f"Machine: {machine()}.",
        f"pandoc: {_version_of(['pandoc', '--version'])}.",
        "",
        "| What (A) | Median · peak memory of A (median of B) | A/B | Goal |",
        "|---|---|---|---|",
        *(f"| {what} | {figure} | {ratio} | {goal} |" for what, figure, ratio, goal in rows),
        "",
        *NOTES,
        HISTORY_MARKER,
        "",
        kept,
        "",
    ]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    print(f"\nscritto {path}")


if __name__ == "__main__":
    main()
