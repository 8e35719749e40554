"""The lowest layer: findings, errors, safe file writing, source maps and Italian wording."""
