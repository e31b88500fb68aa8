"""The admin's own edit form, posted over HTTP, cannot change provider-owned fields.

The form is read from the edit page as a browser would send it (every input,
select and textarea with its current value), the provider's fields are
rewritten, and the whole form is posted back: name, job title, department and
location stay what the company's provider says; the person's own text changes.
"""

from html.parser import HTMLParser

from django.test import Client

import pytest

from people.models import Department, Person

from .test_provider_fields import managed  # noqa: F401 - fixture used by name

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The fields of the page's edit form, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: list | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "form"
            and attrs.get("method", "").lower() == "post"
            and "edit" in (attrs.get("action") or "")
        ):
            self._in_form = True
        if not self._in_form or "name" not in attrs and tag != "option":
            return
        if "disabled" in attrs:
            return  # browsers never send disabled fields
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind in {"submit", "button", "file"}:
                return
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select, self._select_value = attrs["name"], None
        elif (
            tag == "option"
            and self._select is not None
            and ("selected" in attrs or self._select_value is None)
        ):
            self._select_value = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form":
            self._in_form = False


def test_a_crafted_admin_post_changes_only_what_the_person_owns(managed, superuser):  # noqa: F811
    other = Department.objects.create(name="Einkauf", slug="einkauf")
    client = Client()
    client.force_login(superuser)
    url = f"/admin/snippets/people/person/edit/{managed.pk}/"
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    data = dict(parser.fields)
    assert "short_bio" in data, sorted(data)
    data.update(
        name="Hacker",
        job_title="CEO",
        department=str(other.pk),
        location="Mallorca",
        short_bio="Segelt gern, jetzt auch auf der Ostsee.",
    )
    answer = client.post(url, data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    person = Person.objects.get(pk=managed.pk)
    latest = (
        person.get_latest_revision_as_object() if hasattr(person, "latest_revision") else person
    )
    for shown in (person, latest):
        assert (shown.name, shown.job_title, shown.department.name, shown.location) == (
            "Jürgen Schröder",
            "Vertriebsleiter",
            "Vertrieb",
            "München",
        )
    assert latest.short_bio == "Segelt gern, jetzt auch auf der Ostsee."
