"""The browser face of pwkit (``pwkit apri``): a local Starlette server over :mod:`pwkit.api`.

Nothing here decides about a project work: every check, rule, form model, save and export
is a call to :mod:`pwkit.api`, as the command line makes. This package turns requests into
those calls and their results into pages (Jinja2 templates, CSS and a little JavaScript that
ship in the wheel). Starlette, uvicorn and Jinja2 are imported only when ``apri`` runs.
"""
