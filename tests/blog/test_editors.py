"""Editors' side: demo content, review workflow, permissions, the home page."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page

import pytest

from blog.demo import WORKFLOW_NAME
from blog.models import BlogIndexPage, BlogPostPage
from core.visibility import public_pages

from .conftest import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())
    return BlogIndexPage.objects.get(slug="blog")


def test_seed_demo_builds_a_blog_worth_reading(seeded, client):
    public = BlogPostPage.objects.filter(pk__in=public_pages().values("pk"))
    assert public.count() >= 12
    assert public.filter(language="en").exists() and public.filter(language="de").exists()
    assert public.exclude(hero_image=None).count() == public.count()
    authors = {a.person.slug for post in public for a in post.authors.all()}
    assert len(authors) >= 5
    assert seeded.show_in_menus and seeded.url == "/blog/"
    # One draft and one scheduled post exist, and neither is public.
    hidden = BlogPostPage.objects.exclude(pk__in=public.values("pk"))
    assert hidden.filter(live=False, go_live_at__isnull=False).count() == 1
    assert hidden.filter(live=False, go_live_at__isnull=True).count() == 1
    html = client.get("/blog/").content.decode()
    assert "Entwurf" not in html and "Fachmesse" not in html
    # Running it again changes nothing.
    call_command("seed_demo", stdout=io.StringIO())
    assert BlogPostPage.objects.count() == public.count() + 2


def test_seeded_workflow_sends_authors_drafts_to_editors(seeded):
    workflow = seeded.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == ["Editors"]
    users = get_user_model().objects
    author = users.get(username="katrin.albers")
    editor = users.get(username="miriam.hoffmann")
    post = BlogPostPage.objects.get(slug="entwurf-jahresbilanz")
    assert not post.permissions_for_user(author).can_publish()
    assert post.permissions_for_user(author).can_edit()
    assert post.permissions_for_user(editor).can_publish()
    # The author submits; the editor approves; the post goes live.
    state = workflow.start(post, author)
    assert task.user_can_access_editor(post, editor)
    task_state = state.current_task_state
    task.on_action(task_state, editor, "approve")
    post.refresh_from_db()
    assert post.live


def test_home_page_shows_blog_posts_with_constant_queries(client, make_post, categories):
    make_post("Erster", authors=("jonas",), categories=[categories["tech"]], tags=["a"])
    # Two posts: the featured one and a card, so the card grid's queries count too.
    make_post("Zweiter", authors=("katrin",), tags=["a"])
    few = count_queries(client, "/")
    for number in range(10):
        make_post(f"Weiterer {number}", authors=("jonas", "katrin"), tags=["a", f"b{number}"])
    assert count_queries(client, "/") == few
    html = client.get("/").content.decode()
    assert "Weiterer 9" in html


def test_blog_index_is_the_only_parent_of_posts():
    assert BlogPostPage.parent_page_types == ["blog.BlogIndexPage"]
    assert Page in BlogIndexPage.__mro__
