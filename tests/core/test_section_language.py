"""The site's own section pages speak the interface language; posts keep theirs.

A reader who switched to English reads the home page, the blog, the people
page and (as an employee) the internal home with English titles and
introductions: in the heading, the lead, the browser tab and the main menu.
German readers keep the German texts, and an empty English field falls back
to German rather than to nothing.
"""

import re

import pytest

from blog.models import BlogIndexPage
from internal.models import InternalIndexPage
from people.models import TeamPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(site_root):
    site_root.title_en = "Nordlicht Systems"
    site_root.intro_en = "Welcome to the north"
    site_root.save_revision().publish()
    pages = {"home": site_root}
    for key, model, title, slug, title_en in (
        ("blog", BlogIndexPage, "Blog", "blog", "Our blog"),
        ("team", TeamPage, "Menschen", "menschen", "People"),
        ("internal", InternalIndexPage, "Intern", "intern", "Internal"),
    ):
        page = site_root.add_child(
            instance=model(
                title=title,
                slug=slug,
                show_in_menus=True,
                intro=f"Einleitung {title}",
                title_en=title_en,
                intro_en=f"Introduction to {title_en}",
            )
        )
        page.save_revision().publish()
        pages[key] = page
    return pages


def _texts(html: str) -> dict:
    return {
        "h1": re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip(),
        "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip(),
        "menu": re.findall(r'<nav class="site-nav".*?</nav>', html, re.S)[0],
    }


@pytest.mark.parametrize("key", ["home", "blog", "team", "internal"])
def test_english_readers_get_the_english_section_texts(client, employee, sections, key):
    client.force_login(employee)
    client.cookies["django_language"] = "en"
    page = sections[key]
    html = client.get(page.url).content.decode()
    texts = _texts(html)
    assert texts["h1"] == page.title_en
    assert page.title_en in texts["title"]
    assert f"Introduction to {page.title_en}" in html or page.intro_en in html
    for label in ("Our blog", "People", "Internal"):
        assert f">{label}</a>" in texts["menu"]
    assert ">Menschen</a>" not in texts["menu"]


@pytest.mark.parametrize("key", ["home", "blog", "team", "internal"])
def test_german_readers_keep_the_german_section_texts(client, employee, sections, key):
    client.force_login(employee)
    page = sections[key]
    html = client.get(page.url).content.decode()
    texts = _texts(html)
    assert texts["h1"] == page.title
    assert page.intro in html
    assert ">Menschen</a>" in texts["menu"] and "People" not in texts["menu"]


def test_an_empty_english_title_falls_back_to_german(client, sections):
    team = sections["team"]
    team.title_en = ""
    team.intro_en = ""
    team.save_revision().publish()
    client.cookies["django_language"] = "en"
    html = client.get(team.url).content.decode()
    assert _texts(html)["h1"] == "Menschen"
    assert "Einleitung Menschen" in html
