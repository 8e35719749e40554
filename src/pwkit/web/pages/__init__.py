"""One module per kind of page: dashboard, new project, export and download, section, Comuni."""
