"""What post pages and listings load: the renditions they draw, previous/next, profile links."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import CustomRendition
from people.models import TeamPage

pytestmark = pytest.mark.django_db

RENDITIONS = CustomRendition._meta.db_table


def rendition_queries(client, url) -> list[str]:
    """The SQL of every query on the rendition table in a second GET of ``url``."""
    client.get(url)  # the first view creates the renditions
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries if RENDITIONS in query["sql"]]


def test_the_blog_index_loads_only_the_renditions_its_teasers_draw(client, make_post):
    post = make_post("Mit Bild")
    client.get(post.url)  # the post page draws the same hero at other sizes
    [query] = rendition_queries(client, "/blog/")
    where = query.split(" WHERE ", 1)[1]
    assert re.search(r'filter_spec"? IN \(', where), where


def test_the_home_page_reads_every_hero_and_author_photo_in_one_rendition_query(
    client, site_root, make_post
):
    # The featured post is drawn larger than the cards below it: both sizes
    # must come from the one prefetch, not one look-up per image.
    for number in range(4):
        make_post(f"Beitrag {number}", authors=("jonas",), days_ago=number + 1)
    assert len(rendition_queries(client, "/")) == 1


def test_a_post_links_its_older_and_newer_neighbours(client, make_post):
    older = make_post("Älter", days_ago=3)
    middle = make_post("Mitte", days_ago=2)
    newer = make_post("Neuer", days_ago=1)
    html = client.get(middle.url).content.decode()
    assert f'href="{older.url}" rel="prev"' in html
    assert f'href="{newer.url}" rel="next"' in html


def test_the_author_box_and_author_page_link_the_public_profile(client, site_root, make_post):
    team = site_root.add_child(instance=TeamPage(title="Menschen", slug="menschen"))
    team.save_revision().publish()
    post = make_post("Von Jonas", authors=("jonas",))
    profile = "/menschen/jonas-berger/"
    assert f'href="{profile}"' in client.get(post.url).content.decode()
    assert f'href="{profile}"' in client.get("/blog/author/jonas-berger/").content.decode()
    assert f'"url": "http://testserver{profile}"' in client.get(post.url).content.decode()
