"""The home page leads with one post, large: the editor's choice, else the newest."""

import re

import pytest

pytestmark = pytest.mark.django_db


def featured_title(html: str) -> str:
    return re.search(r'class="featured__title"[^>]*><a href="[^"]*">([^<]+)</a>', html).group(1)


def grid(html: str) -> str:
    return html.split('class="card-grid"', 1)[1]


def test_the_newest_post_leads_when_the_editor_chose_none(client, site_root, make_post):
    make_post("Älterer Beitrag", days_ago=5)
    make_post("Neuester Beitrag", days_ago=1)
    html = client.get("/").content.decode()
    assert featured_title(html) == "Neuester Beitrag"
    assert "Neuester Beitrag" not in grid(html)
    assert "Älterer Beitrag" in grid(html)


def test_the_editors_choice_leads_and_the_newest_moves_into_the_grid(client, site_root, make_post):
    chosen = make_post("Wahl der Redaktion", days_ago=9)
    make_post("Neuester Beitrag", days_ago=1)
    site_root.featured_post = chosen
    site_root.save_revision().publish()
    html = client.get("/").content.decode()
    assert featured_title(html) == "Wahl der Redaktion"
    assert "Neuester Beitrag" in grid(html)
    assert "Wahl der Redaktion" not in grid(html)


def test_a_chosen_post_that_is_no_longer_live_gives_way_to_the_newest(client, site_root, make_post):
    chosen = make_post("Zurückgezogen", days_ago=9)
    make_post("Neuester Beitrag", days_ago=1)
    site_root.featured_post = chosen
    site_root.save_revision().publish()
    chosen.unpublish()
    html = client.get("/").content.decode()
    assert featured_title(html) == "Neuester Beitrag"
    assert "Zurückgezogen" not in html
