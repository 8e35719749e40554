"""Renderers of a validated ``Project``; import a sub-package to use one (docx is heavy)."""
