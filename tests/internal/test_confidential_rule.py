"""Confidential means confidential, on the site and in the admin, for editors too.

A confidential post is seen only by its audience, its authors (credited, or
the page's owner for a fresh draft), holders of ``internal.read_all_confidential``
and superusers. Editors outside the audience get a 404 like anyone else;
editors inside it still publish what an author drafted.
"""

from html.parser import HTMLParser

from django.contrib.auth.models import Group, Permission
from django.test import Client

from wagtail.models import Page

import pytest

from core.visibility import AUTHORS_GROUP, EDITORS_GROUP, admin_visible, may_see_in_admin
from internal.audience import may_read
from internal.models import InternalPostPage
from people.models import Person

pytestmark = pytest.mark.django_db

TITLE = "Gehaltsrunde 2026: Übersicht für die Personalabteilung"


def _join(user, *groups):
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def confidential_post(make_post, departments):
    return make_post(TITLE, departments=[departments["hr"]], confidential=True)


def test_editor_outside_the_audience_gets_404_for_a_confidential_post(
    client, confidential_post, colleague
):
    editor = _join(colleague("edda.schroeder", "dev"), EDITORS_GROUP)
    client.force_login(editor)
    assert client.get(confidential_post.url).status_code == 404
    assert TITLE not in client.get("/intern/").content.decode()
    assert not may_read(editor, confidential_post)
    assert not may_see_in_admin(editor, confidential_post)


def test_editor_inside_the_audience_reads_the_confidential_post(
    client, confidential_post, colleague
):
    editor = _join(colleague("hanne.jessen", "hr"), EDITORS_GROUP)
    client.force_login(editor)
    response = client.get(confidential_post.url)
    assert response.status_code == 200
    assert TITLE in response.content.decode()
    assert may_see_in_admin(editor, confidential_post)


def test_holder_of_read_all_confidential_sees_the_post_on_site_and_in_admin(
    client, confidential_post, colleague
):
    reader = colleague("björn.carstensen", "sales")
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label="internal", codename="read_all_confidential")
    )
    client.force_login(reader)
    assert client.get(confidential_post.url).status_code == 200
    assert may_see_in_admin(reader, confidential_post)


def test_credited_author_outside_the_audience_reads_the_post(make_post, departments, colleague):
    writer = colleague("ole.hansen", "sales")
    post = make_post(
        TITLE,
        departments=[departments["hr"]],
        confidential=True,
        authors=[Person.objects.get(user=writer)],
    )
    reader = Client()
    reader.force_login(writer)
    assert reader.get(post.url).status_code == 200
    assert may_see_in_admin(writer, post)


class _FormFields(HTMLParser):
    """The fields of the admin's page form with their initial values, as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _add_draft(author, internal_index, departments) -> InternalPostPage:
    """The author drafts a confidential post for HR through the real admin form and submits it."""
    client = Client()
    client.force_login(author)
    url = f"/admin/pages/add/internal/internalpostpage/{internal_index.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    parser = _FormFields()
    parser.feed(page.content.decode())
    form = {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}
    form.setdefault("body-count", "0")  # the StreamField's inputs are drawn by script
    form.update(
        {
            "title": TITLE,
            "slug": "gehaltsrunde-2026",
            "teaser": "Was sich für euch ändert.",
            "date": "2026-03-02 09:00",
            "confidential": "on",
            "audience_departments": [str(departments["hr"].pk)],
            # Credited: the head of HR, who has no account. The author is the page's owner only.
            "authors-0-person": str(
                Person.objects.create(name="Fatma Yılmaz", slug="fatma-yilmaz", live=True).pk
            ),
            "action-submit": "1",
        }
    )
    response = client.post(url, form)
    assert response.status_code == 302, (
        response.status_code,
        list(InternalPostPage.objects.values_list("title", "owner_id", "live")),
        author.pk,
    )
    return InternalPostPage.objects.get(slug="gehaltsrunde-2026")


def test_employee_author_sees_their_own_confidential_draft(internal_index, departments, colleague):
    author = _join(colleague("karla.möller", "sales"), AUTHORS_GROUP)
    draft = _add_draft(author, internal_index, departments)
    assert not draft.live and draft.owner == author
    assert may_see_in_admin(author, draft)
    client = Client()
    client.force_login(author)
    response = client.get(f"/admin/pages/{draft.pk}/edit/")
    assert response.status_code == 200
    assert TITLE in response.content.decode()

    stranger = _join(colleague("paul.weiß", "dev"), AUTHORS_GROUP)
    assert not may_see_in_admin(stranger, draft)
    assert not admin_visible(Page.objects.filter(pk=draft.pk), stranger).exists()


def test_editor_inside_the_audience_publishes_a_confidential_post_an_author_drafted(
    internal_index, departments, colleague
):
    author = _join(colleague("karla.möller", "sales"), AUTHORS_GROUP)
    draft = _add_draft(author, internal_index, departments)
    state = draft.current_workflow_state
    assert state is not None, "the internal section's approval workflow did not start"

    editor = _join(colleague("hanne.jessen", "hr"), EDITORS_GROUP)
    client = Client()
    client.force_login(editor)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/",
        {"comment": "Passt so – freigegeben."},
    )
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.live

    client.force_login(editor)
    assert client.get(draft.url).status_code == 200
    outsider = Client()
    outsider.force_login(_join(colleague("edda.schroeder", "dev"), EDITORS_GROUP))
    assert outsider.get(draft.url).status_code == 404


def test_non_employee_sees_no_internal_page_in_admin_drafts_included(
    internal_index, departments, colleague, django_user_model
):
    author = _join(colleague("karla.möller", "sales"), AUTHORS_GROUP)
    draft = _add_draft(author, internal_index, departments)
    moderator = django_user_model.objects.create_user("agentur.moderation", password="pw-1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    assert not may_see_in_admin(moderator, draft)
    assert not may_see_in_admin(moderator, internal_index)
