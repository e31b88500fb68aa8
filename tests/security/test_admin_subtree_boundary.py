"""Admin actions that reach a page's subpages stop at the boundary.

Unpublishing a section "with its subpages" (one page or in bulk) and copying
or aliasing it "with its subpages" act on descendants the user never sees in
the admin. An editor outside a confidential post's audience must not take
that post down, learn how many such posts there are, or end up owning a copy
of it (an owner may read a confidential post). Tried over HTTP as the editor
outside the audience, with the editor inside it as the control.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from internal.models import InternalPostPage

from .admin_world import INTERNAL_TITLE, SECRET_TITLE, publish

pytestmark = pytest.mark.django_db

# "Diese Seite hat eine Unterseite", "… 2 Unterseiten", "Es werden 2 Unterseiten kopiert".
SUBPAGE_COUNT = re.compile(r"\b(\d+|eine|one) (?:Unterseiten?|subpages?)\b")
WORDS = {"eine": 1, "one": 1}


def _live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


def _counts(response) -> list[int]:
    return [WORDS.get(n) or int(n) for n in SUBPAGE_COUNT.findall(response.content.decode())]


def test_unpublishing_a_section_with_its_subpages_leaves_hidden_posts_live(client, world):
    client.force_login(world.outside_editor)
    url = reverse("wagtailadmin_pages:unpublish", args=[world.internal_index.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert _counts(confirm) == [1], "only the subpage the editor can see is counted"

    response = client.post(url, {"include_descendants": "on"})

    assert response.status_code == 302
    assert not _live(world.internal_index) and not _live(world.internal_post)
    assert _live(world.secret), "a post the editor never sees stays up"


def test_bulk_unpublish_with_subpages_leaves_hidden_posts_live(client, world):
    client.force_login(world.outside_editor)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
        + f"?id={world.internal_index.pk}"
    )

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert _counts(confirm) == [1]

    response = client.post(url, {"include_descendants": "on"})

    assert response.status_code == 302
    assert not _live(world.internal_post)
    assert _live(world.secret)


def test_editor_inside_the_audience_unpublishes_the_whole_section(client, world):
    client.force_login(world.audience_editor)
    url = reverse("wagtailadmin_pages:unpublish", args=[world.internal_index.pk])
    assert _counts(client.get(url)) == [2]

    client.post(url, {"include_descendants": "on"})

    assert not _live(world.internal_post) and not _live(world.secret)


def _copy(client, page, **choices):
    data = {
        "new_title": f"{page.title} (Kopie)",
        "new_slug": f"{page.slug}-kopie",
        "new_parent_page": page.get_parent().pk,
        **choices,
    }
    return client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)


def _sections(world):
    return {"internal_index": world.internal_index, "home": world.internal_index.get_parent()}


@pytest.mark.parametrize("section", ["internal_index", "home"])
@pytest.mark.parametrize("how", ["copy", "alias"])
def test_copying_a_section_with_its_subpages_copies_no_hidden_post(client, world, section, how):
    """The copy form neither counts nor copies hidden subpages.

    (Both sections allow one page of their type, so Wagtail refuses any copy
    of them anyway; the form still must not give the count away, and a
    forged "copy subpages" must not reach the confidential post.)
    """
    client.force_login(world.outside_editor)
    page = _sections(world)[section]
    form = client.get(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    assert form.status_code == 200
    html = form.content.decode()
    assert not _counts(form), "the copy form gives no count that includes hidden posts"
    assert re.search(r'<input[^>]*name="copy_subpages"[^>]*disabled', html)
    assert "vertraulich" in html, "the form says why subpages are not copied"

    choices = {"copy_subpages": "on", **({"alias": "on"} if how == "alias" else {})}
    _copy(client, page, **choices)

    assert InternalPostPage.objects.filter(title=SECRET_TITLE).count() == 1
    assert InternalPostPage.objects.filter(title=INTERNAL_TITLE).count() == 1


def test_editor_inside_the_audience_is_offered_every_subpage_to_copy(client, world):
    client.force_login(world.audience_editor)
    form = client.get(reverse("wagtailadmin_pages:copy", args=[world.internal_index.pk]))
    assert _counts(form) == [2]
    assert not re.search(r'<input[^>]*name="copy_subpages"[^>]*disabled', form.content.decode())


def _explorer_queries(client, index) -> int:
    url = reverse("wagtailadmin_explore", args=[index.pk])
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_explorer_asks_the_boundary_once_not_once_per_post(client, world):
    """Every row gets a permission tester; the hidden pages are read once per request."""
    client.force_login(world.outside_editor)
    few = _explorer_queries(client, world.internal_index)
    for number in range(6):
        post = InternalPostPage(
            title=f"Schichtplan Süd {number}", slug=f"schicht-{number}", teaser="Plan"
        )
        post.date = timezone.now()
        publish(world.internal_index, post)

    assert _explorer_queries(client, world.internal_index) == few
