"""``pwkit init``: a new project from a template pack, for a Provincia of the ISTAT list."""
