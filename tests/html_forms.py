"""The forms of a page as a browser sees them: action, method, fields and their values.

Used by the tests that submit a page's own form (lost updates) and by the fuzz test, which
discovers every form of every page this way instead of keeping a list that goes stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlForm:
    action: str
    method: str
    enctype: str = ""
    # Where htmx sends the same fields (autosave, fragments), besides the action.
    hx_post: str = ""
    # name -> value as the browser would send it untouched (checkboxes only when checked).
    values: dict[str, str] = field(default_factory=dict)
    # name -> "text", "hidden", "select", "textarea", "checkbox", "file", …
    kinds: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_post(self) -> bool:
        return self.method == "post"

    def editable(self) -> list[str]:
        return [name for name, kind in self.kinds.items() if name != "csrfmiddlewaretoken"]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = HtmlForm(
                action=attrs.get("action", ""),
                method=(attrs.get("method") or "get").lower(),
                enctype=attrs.get("enctype", ""),
                hx_post=attrs.get("hx-post", ""),
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "name" not in attrs:
            if tag == "option" and form is not None and self._select:
                self._option(attrs)
            return
        name = attrs["name"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                if name and "value" in attrs:
                    form.kinds.setdefault(name, "submit")
                    form.values.setdefault(name, attrs["value"])
                return
            form.kinds[name] = kind
            if kind in ("checkbox", "radio"):
                form.options.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form.values[name] = attrs.get("value", "on")
            elif kind != "file":
                form.values[name] = attrs.get("value", "")
        elif tag == "select":
            form.kinds[name] = "select"
            form.options.setdefault(name, [])
            self._select = name
        elif tag == "textarea":
            form.kinds[name] = "textarea"
            self._textarea = name
            self._text = []
        elif tag == "button" and "value" in attrs:
            form.kinds.setdefault(name, "submit")
            form.values.setdefault(name, attrs["value"])

    def _option(self, attrs):
        value = attrs.get("value", "")
        self._form.options[self._select].append(value)
        if "selected" in attrs or self._select not in self._form.values:
            self._form.values[self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            self._form.values[self._textarea] = "".join(self._text).lstrip("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def page_forms(html: str) -> list[HtmlForm]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def post_form(html: str, *, action: str = "") -> HtmlForm:
    """The page's POST form that posts to `action` (by default, to the page itself)."""
    for form in page_forms(html):
        if form.is_post and form.action == action:
            return form
    raise AssertionError(f"no POST form with action {action!r}")
