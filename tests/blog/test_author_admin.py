"""An author's own admin: a new post starts credited to them, and the dashboard shows their drafts.

Through the real admin URLs as an author of the Authors group; page rights
come with the sections (``core.roles``), nothing is granted here.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from blog.models import BlogPostAuthor, BlogPostPage
from core.roles import MODERATORS_GROUP
from internal.models import InternalIndexPage, InternalPostPage
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_person(author_user) -> Person:
    return Person.objects.create(name="Karla Äußerlich", slug="karla-aeusserlich", user=author_user)


@pytest.fixture
def internal_index(site_root) -> InternalIndexPage:
    index = site_root.add_child(instance=InternalIndexPage(title="Intern", slug="intern"))
    index.save_revision().publish()
    return index


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def prefilled_author(response):
    formset = response.context["form"].formsets["authors"]
    return [form["person"].value() for form in formset.forms]


def test_new_blog_post_form_starts_with_the_signed_in_author(
    client, author_user, author_person, blog_index
):
    client.force_login(author_user)
    response = client.get(add_url(BlogPostPage, blog_index))
    assert response.status_code == 200
    assert prefilled_author(response) == [author_person.pk]
    assert "Karla Äußerlich" in response.content.decode()


def test_new_internal_post_form_starts_with_the_signed_in_author(
    client, author_user, author_person, internal_index
):
    client.force_login(author_user)
    response = client.get(add_url(InternalPostPage, internal_index))
    assert response.status_code == 200
    assert prefilled_author(response) == [author_person.pk]


def test_posting_the_prefilled_form_credits_the_author(
    client, author_user, author_person, blog_index
):
    client.force_login(author_user)
    url = add_url(BlogPostPage, blog_index)
    person = prefilled_author(client.get(url))[0]
    data = nested_form_data(
        {
            "title": "Ein Jahr Wärmewende in Husum",
            "slug": "ein-jahr-waermewende",
            "teaser": "Was sich geändert hat.",
            "date": "2026-01-01 10:00",
            "language": "de",
            "authors": inline_formset([{"person": person}]),
            "body": streamfield([]),
            "tags": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    post = BlogPostPage.objects.get(slug="ein-jahr-waermewende")
    assert [a.person for a in post.authors.all()] == [author_person]


def test_someone_without_a_profile_gets_an_empty_author_row(client, editor, blog_index):
    client.force_login(editor)
    response = client.get(add_url(BlogPostPage, blog_index))
    assert response.status_code == 200
    assert prefilled_author(response) == [None]


def test_editing_an_existing_post_keeps_its_authors(client, author_user, author_person, make_post):
    post = make_post("Alte Geschichte", authors=("jonas",), state="draft")
    post.owner = author_user
    post.save()
    client.force_login(author_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert prefilled_author(response) == [post.authors.get().person_id]


# --- Dashboard ---------------------------------------------------------------------


def draft(parent, title, owner, model=BlogPostPage, **fields):
    page = model(title=title, teaser="Entwurf", owner=owner, live=False, **fields)
    parent.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def test_author_dashboard_offers_new_posts_and_lists_only_own_drafts(
    client, author_user, author_person, other_employee, blog_index, internal_index, make_post
):
    mine = draft(blog_index, "Grüße aus Flensburg", author_user)
    mine_internal = draft(internal_index, "Übergabe im Lager", author_user, InternalPostPage)
    theirs = draft(blog_index, "Fremder Entwurf über Straßen", other_employee)
    credited = make_post("Gemeinsam geschrieben", state="draft")
    BlogPostAuthor.objects.create(page=credited, person=author_person, sort_order=1)
    published = make_post("Schon veröffentlicht")
    published.owner = author_user
    published.save()
    client.force_login(author_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="new-post-section"' in html
    assert add_url(BlogPostPage, blog_index) in html
    assert add_url(InternalPostPage, internal_index) in html
    assert 'id="my-drafts-section"' in html
    for page in (mine, mine_internal, credited):
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html, page.title
    assert "Grüße aus Flensburg" in html
    assert theirs.title not in html
    assert "Schon veröffentlicht" not in html


def test_moderator_without_page_rights_sees_neither_panel(client, blog_index, author_user):
    draft(blog_index, "Entwurf für später", author_user)
    moderator = get_user_model().objects.create_user("mona.moderatorin", password="pw-for-tests-1")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="new-post-section"' not in html
    assert 'id="my-drafts-section"' not in html


def test_dashboard_query_budget_with_twenty_drafts(
    client, author_user, author_person, blog_index, internal_index, django_assert_max_num_queries
):
    client.force_login(author_user)
    home = reverse("wagtailadmin_home")
    client.get(home)
    with django_assert_max_num_queries(60) as baseline:
        client.get(home)
    for number in range(20):
        draft(blog_index, f"Entwurf Nr. {number} über Wärme", author_user)
    with django_assert_max_num_queries(len(baseline.captured_queries) + 6):
        html = client.get(home).content.decode()
    assert "Entwurf Nr. 19 über Wärme" in html
    assert Page.objects.filter(owner=author_user, live=False).count() == 20
