"""The internal section is restricted to the Employees group from the moment it exists."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client

from wagtail.models import Page, PageViewRestriction

import pytest

from core.visibility import EMPLOYEES_GROUP, can_view, is_public, public_pages, visible_pages
from internal.models import InternalIndexPage, InternalPostPage

pytestmark = pytest.mark.django_db


def _employees_only(page) -> bool:
    """Whether the page sits under a view restriction that admits exactly the Employees group."""
    for restriction in page.get_view_restrictions():
        groups = set(restriction.groups.values_list("name", flat=True))
        if restriction.restriction_type == PageViewRestriction.GROUPS and groups == {
            EMPLOYEES_GROUP
        }:
            return True
    return False


def test_creating_the_internal_home_restricts_it_to_employees(site_root):
    index = site_root.add_child(instance=InternalIndexPage(title="Intern", slug="intern"))
    restriction = PageViewRestriction.objects.get(page=index)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert list(restriction.groups.values_list("name", flat=True)) == [EMPLOYEES_GROUP]


def test_no_internal_page_can_be_reached_without_the_restriction(make_post, departments):
    make_post("Für alle")
    make_post("Nur Vertrieb", departments=[departments["sales"]])
    make_post("Vertraulich", departments=[departments["hr"]], confidential=True)
    internal_pages = [
        *InternalIndexPage.objects.all(),
        *InternalPostPage.objects.all(),
    ]
    assert len(internal_pages) == 4
    for page in internal_pages:
        assert _employees_only(page), page.title
        assert not is_public(page), page.title
    public_ids = set(public_pages().values_list("pk", flat=True))
    assert not public_ids & {page.pk for page in internal_pages}


def test_internal_posts_only_live_below_the_internal_home():
    assert InternalPostPage.parent_page_types == ["internal.InternalIndexPage"]
    assert InternalIndexPage.max_count == 1
    assert [model.__name__ for model in InternalIndexPage.clean_subpage_models()] == [
        "InternalPostPage"
    ]


def test_removing_the_restriction_puts_it_back(internal_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=internal_index).delete()
    assert _employees_only(internal_index)


def test_loosening_the_restriction_is_undone(internal_index, django_capture_on_commit_callbacks):
    restriction = PageViewRestriction.objects.get(page=internal_index)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.LOGIN
        restriction.save()
        restriction.groups.add(Group.objects.create(name="Partner"))
    assert _employees_only(internal_index)
    assert PageViewRestriction.objects.filter(page=internal_index).count() == 1


def test_deleting_the_whole_section_works(
    internal_index, make_post, django_capture_on_commit_callbacks
):
    make_post("Alt")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=internal_index.pk).delete()
    assert not InternalPostPage.objects.exists()
    assert not PageViewRestriction.objects.exists()


def test_internal_pages_stay_hidden_even_if_the_restriction_vanished(make_post, employee):
    post = make_post("Betriebsinterna")
    PageViewRestriction.objects.all().delete()  # no commit: the guard has not run yet
    anonymous = Client()
    assert not is_public(post)
    assert "Betriebsinterna" not in set(public_pages().values_list("title", flat=True))
    assert anonymous.get(post.url).status_code in (302, 404)
    assert can_view(employee, post)


def test_anonymous_readers_are_sent_to_the_staff_login(client, make_post):
    post = make_post("Neu im Intranet")
    response = client.get(post.url)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={post.url}"


def test_outsiders_cannot_tell_which_internal_addresses_exist(client, make_post):
    post = make_post("Geheimes Projekt")
    existing = client.get(post.url)
    missing = client.get("/intern/gibt-es-nicht/")
    assert existing.status_code == missing.status_code == 302
    assert missing["Location"] == "/login/?next=/intern/gibt-es-nicht/"


def test_signed_in_non_employee_gets_not_found(client, make_post, django_user_model):
    post = make_post("Für alle")
    outsider = django_user_model.objects.create_user("extern.partner", password="pw-12345678")
    client.force_login(outsider)
    assert client.get(post.url).status_code == 404
    assert client.get("/intern/").status_code == 404
    assert not can_view(outsider, post)


def test_employee_reads_internal_pages(client, make_post, employee):
    post = make_post("Für alle")
    client.force_login(employee)
    assert client.get("/intern/").status_code == 200
    response = client.get(post.url)
    assert response.status_code == 200
    assert "Für alle" in response.content.decode()
    assert post.pk in set(visible_pages(employee).values_list("pk", flat=True))


def test_internal_section_is_in_the_menu_for_employees_only(client, internal_index, employee):
    menu_link = 'href="/intern/"'
    assert menu_link not in client.get("/").content.decode()
    client.force_login(employee)
    assert menu_link in client.get("/").content.decode()


def test_reserved_slugs_are_refused(make_post):
    # /intern/einstellungen/ is a Django route; a post there could never be reached.
    with pytest.raises(ValidationError, match="einstellungen"):
        make_post("Einstellungen")
