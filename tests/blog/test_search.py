"""Site search at /search/: public results for everyone, internal ones only for staff."""

import re

from django.conf import settings

import pytest

from core.search import MAX_QUERY_LENGTH, clean_query, excerpt, highlight, highlight_pattern

from .conftest import HIDDEN_MARKER, count_queries

pytestmark = pytest.mark.django_db


def _result_titles(html: str) -> list[str]:
    titles = re.findall(r'class="search-result__title"><a href="[^"]+">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def test_search_finds_public_posts_by_title_and_body(client, make_post):
    make_post("Großwärmepumpe am Klärwerk", body=[("paragraph", "<p>Abwasser liefert Wärme.</p>")])
    make_post("Ganz anderes Thema", body=[("paragraph", "<p>Nichts davon.</p>")])
    response = client.get("/search/", {"q": "Klärwerk"})
    assert response.status_code == 200
    assert _result_titles(response.content.decode()) == ["Großwärmepumpe am Klärwerk"]
    body_hit = client.get("/search/", {"q": "Abwasser"}).content.decode()
    assert _result_titles(body_hit) == ["Großwärmepumpe am Klärwerk"]


def test_search_highlights_terms_and_escapes_everything_else(client, make_post):
    make_post(
        "Speicher <script>alert(1)</script>",
        body=[("paragraph", "<p>Ein großer Speicher für Husum.</p>")],
    )
    html = client.get("/search/", {"q": "Speicher"}).content.decode()
    assert "<mark>Speicher</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_anonymous_readers_never_find_drafts_scheduled_or_internal_pages(
    client, make_post, hidden_posts
):
    make_post("Zugspitze öffentlich")
    html = client.get("/search/", {"q": HIDDEN_MARKER}).content.decode()
    assert _result_titles(html) == ["Zugspitze öffentlich"]
    assert "Interne Seite" not in html and "Entwurf" not in html and "Geplanter" not in html


def test_employees_find_internal_pages_marked_internal(client, employee, make_post, hidden_posts):
    make_post("Zugspitze öffentlich")
    client.force_login(employee)
    html = client.get("/search/", {"q": HIDDEN_MARKER}).content.decode()
    titles = _result_titles(html)
    assert "Interne Seite Zugspitze" in titles and "Interner Beitrag Zugspitze" in titles
    assert "Geheimer Entwurf Zugspitze" not in titles
    assert "Geplanter Beitrag Zugspitze" not in titles
    assert html.count('class="badge badge--internal"') == 2


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "' OR 1=1 --",
        '"unclosed',
        "&|!():*<>",
        "\x00\x1f control",
        "🙂 emoji",
        "AND OR NOT",
        "-",
        " ",
    ],
)
def test_any_query_gives_a_normal_page(client, make_post, query):
    make_post("Wärmepumpe")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('<main id="main"') :]
    assert 'maxlength="200"' in main
    assert "a" * (MAX_QUERY_LENGTH + 1) not in main


def test_search_results_are_paginated(client, make_post):
    for number in range(13):
        make_post(f"Speicher {number}", hero=False)
    first = client.get("/search/", {"q": "Speicher"}).content.decode()
    assert len(_result_titles(first)) == 10
    assert "13" in first
    second = client.get("/search/", {"q": "Speicher", "page": "2"}).content.decode()
    assert len(_result_titles(second)) == 3
    assert 'href="?q=Speicher&amp;page=1"' in second
    assert client.get("/search/", {"q": "Speicher", "page": "x"}).status_code == 200
    assert client.get("/search/", {"q": "Speicher", "page": "9"}).status_code == 404


def test_empty_search_shows_the_form(client, site_root):
    response = client.get("/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="search-page-q"' in html and 'id="search-page-q"' in html
    assert "search-results" not in html


def test_search_query_count_does_not_grow_with_results(client, make_post):
    for number in range(3):
        make_post(f"Speicher {number}")
    few = count_queries(client, "/search/?q=Speicher")
    for number in range(12):
        make_post(f"Speicher mehr {number}", authors=("katrin", "jonas"), tags=["x"])
    assert count_queries(client, "/search/?q=Speicher") == few


def test_query_helpers():
    assert clean_query("  Wärme\x00pumpe \n  Husum ") == "Wärme pumpe Husum"
    assert len(clean_query("x" * 999)) == MAX_QUERY_LENGTH
    pattern = highlight_pattern("Speicher")
    assert str(highlight("Speichern & <Speicher>", pattern)) == (
        "<mark>Speichern</mark> &amp; &lt;<mark>Speicher</mark>&gt;"
    )
    text = "Anfang " + "füllwort " * 100 + "Treffer hier " + "rest " * 100
    snippet = excerpt(text, highlight_pattern("Treffer"))
    assert "Treffer" in snippet and snippet.startswith("… ") and snippet.endswith(" …")


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="stemming needs PostgreSQL's full-text search; SQLite has none",
)
def test_german_stemming_finds_other_word_forms_on_postgresql(client, make_post):
    make_post(
        "Neue Speicher", body=[("paragraph", "<p>Wir liefern Wärmepumpen an Stadtwerke.</p>")]
    )
    titles = _result_titles(client.get("/search/", {"q": "Wärmepumpe"}).content.decode())
    assert titles == ["Neue Speicher"]


def test_words_of_adjacent_lines_and_blocks_stay_apart(client, make_post):
    make_post(
        "Impressum der Großwärme",
        body=[
            ("paragraph", "<p>Nordlicht Systemtechnik GmbH<br>Am Deich 12<br/>25813 Husum</p>"),
            ("paragraph", "<ul><li>Wärmenetz</li><li>Speicher</li></ul><p>Förde</p>"),
        ],
    )
    found = client.get("/search/", {"q": "Deich"}).content.decode()
    assert _result_titles(found) == ["Impressum der Großwärme"]
    assert "GmbH <mark>Am</mark>" in found or "GmbH Am <mark>Deich</mark>" in found
    assert "GmbHAm" not in found and "SpeicherFörde" not in found
    # The index holds separate words too: the joined one finds nothing.
    assert _result_titles(client.get("/search/", {"q": "GmbHAm"}).content.decode()) == []
    assert _result_titles(client.get("/search/", {"q": "Husum"}).content.decode()) == [
        "Impressum der Großwärme"
    ]
