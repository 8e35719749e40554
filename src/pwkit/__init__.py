"""pwkit: scaffold, check and export the Project Work of the «Province & Comuni» programme."""

__version__ = "0.1.0"

#: Situation date of the bundled ISTAT list of Comuni (see ``pwkit/data/README.md``).
ISTAT_SITUATION = "21 febbraio 2026"

#: What ``pwkit --version`` prints.
VERSION_LINE = f"pwkit {__version__} (elenco ISTAT dei Comuni: situazione al {ISTAT_SITUATION})"

__all__ = ["ISTAT_SITUATION", "VERSION_LINE", "__version__"]
