"""The internal demo content: at least eight posts for different audiences, seeded idempotently."""

import io

from django.core.management import call_command

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from internal.models import Acknowledgement, InternalIndexPage, InternalPostPage

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_internal_blog_once():
    call_command("seed_demo", stdout=io.StringIO())
    index = InternalIndexPage.objects.get(slug="intern")
    assert index.show_in_menus and index.live
    assert PageViewRestriction.objects.filter(page=index, groups__name="Employees").exists()
    posts = InternalPostPage.objects.live().child_of(index)
    assert posts.count() >= 8
    assert posts.filter(pinned=True).count() >= 1
    policy = posts.get(must_read=True)
    assert policy.attachments.count() == 1
    assert Acknowledgement.objects.filter(post=policy).exists()
    targeted = {
        slug for post in posts for slug in post.audience_departments.values_list("slug", flat=True)
    }
    assert {"entwicklung", "vertrieb", "personal", "geschaeftsfuehrung"} <= targeted
    assert posts.filter(confidential=True).exists()
    assert all(post.authors.exists() for post in posts)
    ceo = posts.get(slug="rekordjahr-und-wie-weiter")
    assert [person.slug for person in ceo.author_people()] == ["katrin-albers"]

    collection = Collection.objects.get(name="Intern")
    assert CollectionViewRestriction.objects.filter(
        collection=collection, groups__name="Employees"
    ).exists()

    call_command("seed_demo", stdout=io.StringIO())
    assert InternalPostPage.objects.count() == posts.count()
    assert PageViewRestriction.objects.filter(page=index).count() == 1
