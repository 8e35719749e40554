"""What a browser posts for a page's form: every field with the value the page shows."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    """The fields of the form with ``id``: inputs, selected options, text areas (no templates)."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.template = 0
        self.items: list[tuple[str, str]] = []
        self.select: str | None = None
        self.area: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "template":
            self.template += 1
        if self.template:
            return
        name = a.get("name")
        if tag == "input" and name:
            self.items.append((name, a.get("value", "")))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.items.append((self.select, a.get("value", "")))
        elif tag == "textarea" and name:
            self.area, self.text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "template" and self.template:
            self.template -= 1
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.area:
            # a browser drops the one newline that follows <textarea> (the HTML parser not)
            text = self.text[1:] if self.text.startswith("\n") else self.text
            self.items.append((self.area, text))
            self.area = None

    def handle_data(self, data: str) -> None:
        if self.area:
            self.text += data


def form_fields(page: str, form_id: str) -> dict[str, list[str]]:
    """The fields the form ``form_id`` of ``page`` posts as shown, by name (a list each)."""
    parser = _Form(form_id)
    parser.feed(page)
    fields: dict[str, list[str]] = {}
    for name, value in parser.items:
        fields.setdefault(name, []).append(value)
    return fields
