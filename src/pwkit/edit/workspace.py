"""A project open in the editor: its pages' data, saves, undo, the check after each save.

One :class:`Workspace` lives as long as the editor does. It checks the project with a
:class:`~pwkit.check.memo.CheckMemo`, so after a save only the saved file is read and
validated again, with the cross-section rules run on every file's data.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from pathlib import Path

from pwkit.base.diagnostics import Diagnostic, Severity
from pwkit.base.errors import PwkitError
from pwkit.base.projectdir import PROJECT_FILE
from pwkit.check.memo import CheckMemo
from pwkit.check.pipeline import CheckResult, check_project
from pwkit.edit.files import read_bytes, save_file, sha256_of, undo_file
from pwkit.edit.grid import grid_findings, read_grid, write_grid
from pwkit.edit.pages import (
    ComuniGrid,
    Dashboard,
    Finding,
    FormRefused,
    SaveResult,
    SectionForm,
    SectionSummary,
    findings_of,
    form_of,
    front_form,
    provincia_of,
)
from pwkit.edit.projectform import ProjectForm
from pwkit.edit.sectionfile import SectionText, normalised_prose
from pwkit.edit.targets import FieldTarget
from pwkit.edit.yamldiff import EditFailed
from pwkit.edit.yamledit import rewrite
from pwkit.pack.manifest import SectionSpec

#: How many versions of files pages were made from are remembered (to show a conflict).
_SEEN = 64


class Workspace:
    """The project in ``root``, as the editor shows and changes it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._memo = CheckMemo()
        self._lock = threading.RLock()
        self._result: CheckResult | None = None
        self._seen: dict[str, bytes] = {}

    # --- reading ----------------------------------------------------------------------------

    def check(self) -> CheckResult:
        """Check the project again (only the files that changed are read again)."""
        with self._lock:
            self._result = check_project(self.root, memo=self._memo)
            return self._result

    def _checked(self) -> CheckResult:
        return self._result if self._result is not None else self.check()

    def findings(self) -> list[Finding]:
        """Every finding of the last check, each with the field or line it concerns."""
        return findings_of(self._checked())

    def dashboard(self, today: dt.date | None = None) -> Dashboard:
        """The project at a glance: sections, words, findings, days to the deadline."""
        from pwkit.check.status import programme_line, project_status

        with self._lock:
            result = self.check()
            status = project_status(result, today or dt.date.today())
            findings = findings_of(result)
            keys = {spec.file: spec.key for spec in result.project.manifest.sections}
            rows = [
                SectionSummary(
                    row.number, keys[row.file], row.title, row.file, row.words, row.words_min,
                    row.words_max, row.errors, row.warnings, row.completion,
                    row.errors == 0 and row.completion == 100,
                )
                for row in status.sections
            ]  # fmt: skip
            manifest = result.project.manifest
            return Dashboard(
                provincia_of(result), manifest.pin, manifest.title, status.deadline,
                status.days_left, programme_line(status), status.completion, rows, findings,
                len(result.report.errors), len(result.report.warnings),
            )  # fmt: skip

    def _spec(self, key: str) -> SectionSpec:
        for spec in self._checked().project.manifest.sections:
            if spec.key == key or str(spec.number) == key:
                return spec
        raise PwkitError(
            f"La sezione «{key}» non esiste in questo progetto.",
            hint="Torna al riepilogo e scegli una delle sezioni elencate.",
        )

    def section_form(self, key: str) -> SectionForm:
        """The form of a section, with the values and findings of its file as it is now."""
        with self._lock:
            spec = self._spec(key)
            data = read_bytes(self.root, spec.file)
            form = form_of(spec, data, self.check())
            self._remember(form.sha256, data)
            return form

    def preview(self, prose: str) -> str:
        """The HTML of ``prose`` as the Word document will show it (no raw HTML)."""
        from pwkit.edit.preview import preview_html

        return preview_html(normalised_prose(prose))

    # --- saving -----------------------------------------------------------------------------

    def save_section(
        self,
        key: str,
        values: Mapping[str, str | list[str]],
        prose: str | None,
        expected_sha256: str,
    ) -> SaveResult:
        """Write what the form changed to the section's file and check the project again.

        Refused with :class:`~pwkit.edit.files.ConflictError` if the file is no longer the
        one of ``expected_sha256``, with :class:`FormRefused` if a value cannot be read
        (a number that reads two ways): then nothing is written.
        """
        with self._lock:
            spec = self._spec(key)
            current = read_bytes(self.root, spec.file)
            seen = self._seen.get(expected_sha256)
            if sha256_of(current) != expected_sha256:
                save_file(self.root, spec.file, current, expected_sha256, key=key, seen=seen)
            new = self._edited(spec, current, values, prose)
            save_file(self.root, spec.file, new, expected_sha256, key=key, seen=seen)
            return self._after_save(spec.file, key, new, changed=new != current)

    def _edited(
        self,
        spec: SectionSpec,
        current: bytes,
        values: Mapping[str, str | list[str]],
        prose: str | None,
    ) -> bytes:
        """The section file's new bytes (the same bytes when nothing changed)."""
        from pwkit.edit.formvalues import apply_values

        text = SectionText.of(current, spec.file)
        body = text.prose if prose is None else normalised_prose(prose)
        front = text.front
        if front is not None and values:
            form = front_form(spec, text, self._checked())
            if not form.readable:
                raise PwkitError(
                    f"I dati all'inizio di {spec.file} non sono YAML leggibile: il modulo non "
                    "può salvarli.",
                    hint="Esegui «pwkit check» per sapere dove correggerli, poi ricarica la "
                    "pagina.",
                    path=spec.file,
                )
            new_data, refused = apply_values(
                form.model, form.fields, form.data, values, form.source
            )
            if refused:
                raise FormRefused(spec.key, refused)
            try:
                front = rewrite(front, new_data)
            except EditFailed:
                raise PwkitError(
                    f"Non riesco a scrivere le modifiche in {spec.file} senza cambiare altro.",
                    hint="Modifica questi dati con un editor di testo, oppure ricarica la pagina "
                    "e riprova.",
                    path=spec.file,
                ) from None
        if front == text.front and body == text.prose:
            return current
        return text.joined(front, body)

    def undo(self, key: str) -> SaveResult:
        """Put back the section's file as it was before its last save from the editor."""
        with self._lock:
            spec = self._spec(key)
            restored = undo_file(self.root, spec.file, key=key)
            return self._after_save(spec.file, key, restored, changed=True)

    def comuni(self) -> ComuniGrid:
        """The Comuni CSV as a grid, with its findings by cell."""
        with self._lock:
            result = self.check()
            rel = result.project.comuni_file
            data = read_bytes(self.root, rel)
            grid = read_grid(data.decode("utf-8-sig", "replace"))
            placed = grid_findings(grid, rel, result.report.diagnostics)
            self._remember(sha256_of(data), data)
            return ComuniGrid(rel, grid.header, grid.rows, sha256_of(data), placed)

    def save_comuni(self, rows: list[list[str]], expected_sha256: str) -> SaveResult:
        """Write the grid's rows to the Comuni CSV (same header and dialect) and check again."""
        with self._lock:
            rel = self._checked().project.comuni_file
            current = read_bytes(self.root, rel)
            seen = self._seen.get(expected_sha256)
            if sha256_of(current) != expected_sha256:
                save_file(self.root, rel, current, expected_sha256, key=None, seen=seen)
            bom = current.startswith(b"\xef\xbb\xbf")
            grid = read_grid(current.decode("utf-8-sig", "replace"))
            text = write_grid(grid, [[str(cell) for cell in row] for row in rows])
            new = (("\ufeff" if bom else "") + text).encode("utf-8")
            if grid.rows == [list(row) for row in rows]:
                new = current
            save_file(self.root, rel, new, expected_sha256, key=None, seen=seen)
            return self._after_save(rel, None, new, changed=new != current)

    def undo_comuni(self) -> SaveResult:
        """Put back the Comuni CSV as it was before its last save from the editor."""
        with self._lock:
            rel = self._checked().project.comuni_file
            restored = undo_file(self.root, rel, key=None)
            return self._after_save(rel, None, restored, changed=True)

    def project_form(self) -> ProjectForm:
        """The form of ``progetto.yaml`` (the pin read-only), with its values and findings."""
        from pwkit.edit.projectform import project_form

        with self._lock:
            data = read_bytes(self.root, PROJECT_FILE)
            form = project_form(data, self.check())
            self._remember(form.sha256, data)
            return form

    def save_project(
        self, values: Mapping[str, str | list[str]], expected_sha256: str
    ) -> SaveResult:
        """Write what the form changed to ``progetto.yaml`` and check the project again.

        Refused like :meth:`save_section` (conflict, value read two ways); the template pin
        is never written.
        """
        from pwkit.edit.projectform import edited_project

        with self._lock:
            current = read_bytes(self.root, PROJECT_FILE)
            seen = self._seen.get(expected_sha256)
            if sha256_of(current) != expected_sha256:
                save_file(self.root, PROJECT_FILE, current, expected_sha256, key=None, seen=seen)
            new = edited_project(current, values, self._checked())
            save_file(self.root, PROJECT_FILE, new, expected_sha256, key=None, seen=seen)
            return self._after_save(PROJECT_FILE, None, new, changed=new != current)

    def undo_project(self) -> SaveResult:
        """Put back ``progetto.yaml`` as it was before its last save from the editor."""
        with self._lock:
            restored = undo_file(self.root, PROJECT_FILE, key=None)
            return self._after_save(PROJECT_FILE, None, restored, changed=True)

    # --- after a save -----------------------------------------------------------------------

    def _after_save(self, rel: str, key: str | None, data: bytes, *, changed: bool) -> SaveResult:
        result = self.check()
        sha = sha256_of(data)
        self._remember(sha, data)
        found = findings_of(result)
        here: dict[str, list[Diagnostic]] = {}
        for finding in found:
            if finding.diagnostic.location.file == rel:
                here.setdefault(finding.target.field or "", []).append(finding.diagnostic)
        errors = sum(1 for f in found if f.diagnostic.severity is Severity.ERROR)
        return SaveResult(
            rel, key, sha, changed, here, errors, len(found) - errors, _complete(result)
        )

    def _remember(self, sha: str, data: bytes) -> None:
        self._seen.pop(sha, None)
        self._seen[sha] = data
        while len(self._seen) > _SEEN:
            self._seen.pop(next(iter(self._seen)))


def _complete(result: CheckResult) -> int:
    return result.report.sections_complete


__all__ = ["FieldTarget", "Workspace"]
