"""Filling in the site's HTML forms over plain HTTP, as a browser without JavaScript would."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    """Every form of a page: (action, method, fields as a browser would send them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._fields = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = {}
            method = (attrs.get("method") or "get").lower()
            self.forms.append((attrs.get("action") or "", method, self._fields))
        if self._fields is None or not attrs.get("name"):
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._fields[attrs["name"]] = attrs.get("value") or "on"
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self._fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "form":
            self._fields = None


def form_on(page_html: str, page_path: str, *, action: str = "", field: str = ""):
    """(action, fields) of the first POST form whose action contains ``action`` and
    that has a field ``field``; a form without ``action`` posts to ``page_path``."""
    parser = _Forms()
    parser.feed(page_html)
    for form_action, method, fields in parser.forms:
        if method == "post" and action in form_action and (not field or field in fields):
            return form_action or page_path, dict(fields)
    raise AssertionError(f"no POST form to {action!r} with {field!r} on {page_path}")
