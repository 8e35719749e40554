"""Editing a project through forms: form model, byte-preserving saves, undo, re-check."""
