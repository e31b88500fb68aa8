"""The demo polls: a public one under a blog post, an internal one with its decision."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page

import pytest

from polls.models import Ballot, Poll

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", stdout=io.StringIO())


def _poll_ids(page):
    return [block.value.pk for block in page.specific.body if block.block_type == "poll"]


def test_seed_demo_embeds_a_public_and_an_internal_poll_once(client):
    _seed()
    _seed()

    public = Poll.objects.get(internal=False)
    internal = Poll.objects.get(internal=True)
    blog_post = Page.objects.get(slug="kommunikation-in-beide-richtungen")
    internal_post = Page.objects.get(slug="sommerfest-husumer-hafen")
    assert _poll_ids(blog_post) == [public.pk]
    assert _poll_ids(internal_post) == [internal.pk]
    assert internal.is_closed and internal.decision
    assert Ballot.objects.filter(poll=internal, user__isnull=False).count() == 5

    html = client.get(blog_post.url).content.decode()
    assert f'id="poll-{public.pk}"' in html

    client.force_login(get_user_model().objects.get(username="jonas.berger"))
    html = client.get(internal_post.url).content.decode()
    assert f'id="poll-{internal.pk}"' in html
    assert "poll__decision" in html
