"""pwkit: scaffold, check and export the Project Work of the «Province & Comuni» programme."""

__version__ = "0.1.0"

__all__ = ["__version__"]
