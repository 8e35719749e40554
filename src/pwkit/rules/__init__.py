"""The rules of ``pwkit check`` on a project's data and prose, one module per family."""
