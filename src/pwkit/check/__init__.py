"""``pwkit check``: the pipeline from a project's files to a report, its cache, the status."""
