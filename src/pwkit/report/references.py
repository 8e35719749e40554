"""«sezione N» in the report's texts: a section named by its data model, numbered by the template.

A text refers to a section as ``{CatalogoServizi}``; ``SectionReferences`` fills it in with the
number the template (the manifest) gives that section, so a template that renumbers its
sections renumbers the report's references too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pwkit.pack.manifest import TemplateManifest

#: How a section the template does not have is referred to.
NO_SECTION = "sezione –"


class SectionReferences:
    """«sezione N» by data model (``refs["Piano"]``), for ``str.format_map``."""

    def __init__(self, manifest: TemplateManifest) -> None:
        from pwkit.model.sections import SECTION_MODELS

        self._numbers: dict[str, int] = {}
        for spec in manifest.sections:
            model = SECTION_MODELS.get(spec.model)
            # a newer schema extending an older one answers to the older one's name too
            names = [c.__name__ for c in model.__mro__] if model is not None else [spec.model]
            for name in names:
                self._numbers.setdefault(name, spec.number)

    def __getitem__(self, model: str) -> str:
        number = self._numbers.get(model)
        return NO_SECTION if number is None else f"sezione {number}"

    def fill(self, text: str) -> str:
        """``text`` with each ``{Model}`` replaced by «sezione N»."""
        return text.format_map(self)
