"""Entry point of the ``pwkit`` command and of ``python -m pwkit``.

``pwkit --version`` is answered here, before the command-line machinery (typer, click) is
loaded: it is what scripts and support calls run most, and it should cost no more than Python
itself. A plain ``pwkit check`` or ``pwkit export`` is run without that machinery too
(:mod:`pwkit.plainline`).

A finished command leaves at once: once its output is flushed (every file it writes is already
closed and in place), the process ends with its exit code without Python's teardown — no
garbage collection and no freeing of a document tree nobody will read again. While it runs,
the collector looks for cycles less often (``GC_THRESHOLDS``): a command allocates millions of
short-lived objects (tokens, elements, validated data) and frees nearly all of them by
reference counting, so the default thresholds mostly scan live objects for nothing. Nor does
the command look for Pydantic plugins (:mod:`pwkit.model.plugins`).
"""

import gc
import os
import sys

#: Allocations between two collections of the youngest generation (CPython's default 700),
#: and how many of those trigger the older ones (at the defaults: ~10 % of a cold check).
#: What survives among a command's young objects is mostly the modules, classes and schemas it
#: loads, which live to its end: each collection scans them once for nothing (8–10 ms of a cold
#: check or export at 10,000; none at 100,000, and the 100× export's peak memory is unchanged,
#: 218 MB). mypy sets 200,000 for the same reason.
GC_THRESHOLDS = (100_000, 20, 100)


def start() -> None:
    """Run the command line; ends by raising ``SystemExit`` with the exit code, or returns."""
    if sys.argv[1:] == ["--version"]:
        from pwkit import VERSION_LINE

        sys.stdout.write(f"{VERSION_LINE}\n")
        return
    from pwkit.model import plugins

    plugins.skip_discovery()
    from pwkit import plainline

    plainline.run_plain(sys.argv[1:])
    from pwkit.cli import main

    main()


def run() -> None:
    """Start pwkit: ``--version`` at once, everything else through the command line."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        start()
    except SystemExit as done:
        _leave(done)
    _leave(SystemExit(0))


def _leave(done: SystemExit) -> None:
    """End the process with ``done``'s exit code, skipping the teardown once output is flushed.

    An exit code that is not a number, or output that cannot be flushed (a closed pipe), takes
    Python's ordinary way out, which reports them as it always did.
    """
    code = 0 if done.code is None else done.code
    if not isinstance(code, int) or isinstance(code, bool):
        raise done
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise done from None
    os._exit(code)


if __name__ == "__main__":
    run()
