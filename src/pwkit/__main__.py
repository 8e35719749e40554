"""Entry point for ``python -m pwkit``."""

from pwkit.cli import main

main()
