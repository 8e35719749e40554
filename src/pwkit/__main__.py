"""Entry point of the ``pwkit`` command and of ``python -m pwkit``.

``pwkit --version`` is answered here, before the command-line machinery (typer, click) is
loaded: it is what scripts and support calls run most, and it should cost no more than Python
itself.
"""

import sys


def run() -> None:
    """Start pwkit: ``--version`` at once, everything else through the command line."""
    if sys.argv[1:] == ["--version"]:
        from pwkit import VERSION_LINE

        sys.stdout.write(f"{VERSION_LINE}\n")
        return
    from pwkit.cli import main

    main()


if __name__ == "__main__":
    run()
