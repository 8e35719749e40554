"""``pwkit apri`` measured: ``python benchmarks/apri.py``.

- ready to serve: from starting ``pwkit apri --no-browser`` on a copy of the example to the
  first answer of the address it prints (with its token), as a user's browser asks it;
- the first dashboard: from the same start to the dashboard page served (the project open
  and checked);
- a save through the browser face, warm: the form of the service catalogue posted over HTTP
  with one start date changed (the page's parsing, the save, the re-check) on a running
  server, the redirect not followed.

Medians are printed and written to ``benchmarks/RESULTS-apri.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
EXAMPLE = HERE.parent / "examples" / "provincia-di-valdoria"
_SCRIPT = Path(sys.executable).with_name("pwkit")
PWKIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "pwkit"]
ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/\?token=\S+")
READY_GOAL = 1.5
SAVE_GOAL = 0.150
DATES = ("2026-11-02", "2026-11-03")


def _start(root: Path) -> tuple[float, float]:
    """Seconds from start to the first answer, and to the dashboard served."""
    import httpx2 as httpx

    start = time.perf_counter()
    process = subprocess.Popen(
        [*PWKIT, "apri", str(root), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = None
        while url is None:
            line = process.stdout.readline()
            if not line:
                raise SystemExit(f"pwkit apri printed no address: {process.stderr.read()}")
            found = ADDRESS.search(line)
            url = found[0] if found else None
        with httpx.Client() as client:
            while True:
                try:
                    first = client.get(url)
                    break
                except httpx.TransportError:
                    time.sleep(0.005)
            ready = time.perf_counter() - start
            assert first.status_code == 303, first.status_code
            board = client.get(url.split("?")[0])
            assert board.status_code == 200 and "Cruscotto" in board.text
            dashboard = time.perf_counter() - start
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
    return ready, dashboard


def _save_times(root: Path, runs: int) -> list[float]:
    from tests.web.conftest import signed_in
    from tests.web.formpost import form_fields

    from pwkit.web.app import create_app
    from pwkit.web.security import Secrets

    keys = Secrets()
    times = []
    with signed_in(create_app(root, keys=keys), keys) as client:
        for index in range(runs + 1):  # the first save warms the server
            fields = form_fields(client.get("/sezione/servizi").text, "modulo")
            fields["servizi[0].avvio"] = [DATES[(index + 1) % 2]]
            start = time.perf_counter()
            answer = client.post("/sezione/servizi", data=fields, follow_redirects=False)
            elapsed = time.perf_counter() - start
            if answer.status_code != 303:
                raise SystemExit(f"the save was refused: {answer.status_code}")
            if index:
                times.append(elapsed)
    return times


def _verdict(met: bool, goal: str) -> str:
    return f"{goal} {'✓' if met else '✗'}"


def main() -> None:
    """Measure, print and record."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (at least 5)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    runs = max(args.runs, 5)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / EXAMPLE.name
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("export"))
        _start(root)  # warm the disk and the bytecode caches
        starts = [_start(root) for _ in range(runs)]
        save = statistics.median(_save_times(root, runs))
    ready = statistics.median(s[0] for s in starts)
    board = statistics.median(s[1] for s in starts)
    lines = [
        "# `pwkit apri` benchmark",
        "",
        f"Measured on {dt.date.today().isoformat()} with `python benchmarks/apri.py` "
        f"(median of {runs} runs after a warm-up).",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}.",
        "",
        "| What | Median | Goal |",
        "|---|---:|---|",
        f"| `pwkit apri` ready to serve (start → first answer to the printed address) "
        f"| {ready * 1000:.0f} ms | {_verdict(ready <= READY_GOAL, '≤ 1.5 s')} |",
        f"| `pwkit apri` start → the dashboard served (project open and checked) "
        f"| {board * 1000:.0f} ms |  |",
        f"| save of the service catalogue posted over HTTP, warm server (save + re-check) "
        f"| {save * 1000:.0f} ms | {_verdict(save <= SAVE_GOAL, '≤ 150 ms')} |",
        "",
        "The cold `pwkit check` of the same project, and the save measured inside the library,",
        "are in `RESULTS-edit.md` (`python benchmarks/edit_save.py`).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        (HERE / "RESULTS-apri.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
