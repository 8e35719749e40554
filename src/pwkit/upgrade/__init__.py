"""`pwkit upgrade`: a project work moved to a newer template version, without losing a word."""
