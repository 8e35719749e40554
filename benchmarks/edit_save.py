"""Saving a section from the editor, measured: ``python benchmarks/edit_save.py``.

A workspace is opened on a copy of the example and warmed (one save); then each run changes
one service's start date in the service catalogue through ``Workspace.save_section`` (the
section's form values, the byte-preserving write, the backup and the incremental check of
the project) and times it. Beside it, in the same run, the cold check a user would run in a
terminal after the same edit: ``pwkit check --no-cache`` in a fresh process. Medians are
printed and written to ``benchmarks/RESULTS-edit.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "provincia-di-valdoria"
_SCRIPT = Path(sys.executable).with_name("pwkit")
PWKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "pwkit"]
#: The goal of issue #17 for a save and its check, warm.
GOAL_SECONDS = 0.150
DATES = ("2026-11-02", "2026-11-03")


def _save_times(root: Path, runs: int) -> list[float]:
    from pwkit import api
    from pwkit.edit.fields import posted_values

    workspace = api.open_workspace(root)
    times = []
    for index in range(runs + 1):  # the first save warms the workspace
        form = workspace.section_form("servizi")
        values = posted_values(form.fields) | {"servizi[0].avvio": DATES[(index + 1) % 2]}
        start = time.perf_counter()
        result = workspace.save_section("servizi", values, None, form.sha256)
        elapsed = time.perf_counter() - start
        if not result.changed:
            raise SystemExit("the save changed nothing: the benchmark would measure nothing")
        if index:
            times.append(elapsed)
    return times


def _cold_check_times(root: Path, runs: int) -> list[float]:
    times = []
    for index in range(runs + 1):  # the first run warms the disk and bytecode caches
        start = time.perf_counter()
        done = subprocess.run(
            [*PWKIT, "check", "--no-cache", str(root)], capture_output=True, check=False
        )
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr.decode(errors="replace"))
        if index:
            times.append(elapsed)
    return times


def main() -> None:
    """Measure, print and record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (at least 7)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    runs = max(args.runs, 7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / EXAMPLE.name
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
        save = statistics.median(_save_times(root, runs))
        cold = statistics.median(_cold_check_times(root, runs))
    verdict = "✓" if save <= GOAL_SECONDS else "✗"
    lines = [
        "# Editor save benchmark",
        "",
        f"Measured on {dt.date.today().isoformat()} with `python benchmarks/edit_save.py` "
        f"(median of {runs} runs after a warm-up).",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}.",
        "",
        "| What | Median | Goal |",
        "|---|---:|---|",
        f"| save + re-check of the service catalogue (warm workspace) | {save * 1000:.0f} ms "
        f"| ≤ {GOAL_SECONDS * 1000:.0f} ms {verdict} |",
        f"| `pwkit check --no-cache` of the same project (cold process) | {cold * 1000:.0f} ms "
        "|  |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        (HERE / "RESULTS-edit.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
