"""What ``pwkit apri`` prints: the address to open, and that the server stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from pwkit.console import _out

if TYPE_CHECKING:
    from pathlib import Path


def print_serving(url: str, root: Path | None) -> None:
    """The address (with its token) to open, the project it shows, and how to stop."""
    if root is not None:
        _out.print(f"[bold green]✓[/] pwkit apri: il Project Work in [bold]{escape(str(root))}[/]")
    else:
        _out.print(
            "[bold green]✓[/] pwkit apri: nessun Project Work qui, "
            "il browser propone di crearne uno."
        )
    _out.print("  Apri nel browser questo indirizzo (vale solo per questa sessione):")
    _out.print(f"  {escape(url)}", soft_wrap=True)
    _out.print("  Premi Ctrl-C per chiudere pwkit apri.")


def print_stopped() -> None:
    """After Ctrl-C: the server is closed, nothing left half-written."""
    _out.print("pwkit apri chiuso. I file del progetto sono salvati su disco.")
