"""Reading the project's files: text, YAML with positions, front matter, Markdown, CSV, data."""
