"""Public profiles at /menschen/<slug>/: who someone is and what they wrote, nothing internal."""

import json
import re

from django.contrib.auth import get_user_model

import pytest

from people.models import Person
from people.models.team import POSTS_PER_PAGE

pytestmark = pytest.mark.django_db

PERSON_QUERY_BUDGET = 18
INTERNAL_MARKERS = (
    "+49 4841 111-10",
    "k.albers.intern@nordlicht.example",
    "Husum-Zentrale",
)


def jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_profile_shows_role_bio_expertise_and_links(client, team, team_page):
    response = client.get("/menschen/katrin-albers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="person-name">Dr. Katrin Albers</h1>' in html
    assert "Geschäftsführerin" in html
    assert "Leitet Nordlicht." in html
    assert "Promovierte Verfahrenstechnikerin." in html
    assert "<li>Kältemittel</li>" in html and "<li>Strategie</li>" in html
    assert 'href="https://www.linkedin.com/in/katrin-demo"' in html
    assert '<link rel="canonical" href="http://testserver/menschen/katrin-albers/">' in html


def test_profile_never_shows_internal_fields_to_anonymous_readers(client, team, team_page):
    html = client.get("/menschen/katrin-albers/").content.decode()
    for marker in INTERNAL_MARKERS:
        assert marker not in html
    # The manager of Jonas is not named on his public profile.
    jonas = client.get("/menschen/jonas-berger/").content.decode()
    assert "Albers" not in jonas
    assert "jonas.intern@nordlicht.example" not in jonas
    assert "Kiel-Labor" not in jonas


def test_profile_has_person_jsonld_without_internal_data(client, team, team_page):
    data = jsonld(client.get("/menschen/katrin-albers/").content.decode())
    assert data["@type"] == "Person"
    assert data["name"] == "Dr. Katrin Albers"
    assert data["jobTitle"] == "Geschäftsführerin"
    assert data["url"] == "http://testserver/menschen/katrin-albers/"
    assert data["worksFor"]["department"]["name"] == "Geschäftsführung"
    assert data["sameAs"] == ["https://www.linkedin.com/in/katrin-demo"]
    assert data["knowsAbout"] == ["Kältemittel", "Strategie"]
    serialised = json.dumps(data, ensure_ascii=False)
    for marker in INTERNAL_MARKERS:
        assert marker not in serialised
    assert "telephone" not in data and "email" not in data


def test_internal_only_person_has_no_public_page(client, team, team_page, employee):
    assert client.get("/menschen/henrik-wolff/").status_code == 404
    # The public site stays the public site, also for signed-in staff.
    client.force_login(employee)
    assert client.get("/menschen/henrik-wolff/").status_code == 404


def test_unknown_person_is_not_found(client, team, team_page):
    assert client.get("/menschen/niemand/").status_code == 404


def test_internal_only_person_is_absent_from_team_page_home_and_sitemap(
    client, team, team_page, make_post
):
    # Even when a colleague co-wrote a public post and their profile became
    # internal-only afterwards (editors cannot credit internal people directly).
    henrik = team["henrik"]
    henrik.visibility = henrik.Visibility.PUBLIC
    henrik.save()
    make_post(henrik, team["ceo"], title="Gemeinsamer Beitrag")
    henrik.visibility = henrik.Visibility.INTERNAL
    henrik.save()
    for url in ("/menschen/", "/", "/sitemap.xml", "/menschen/?department=entwicklung"):
        html = client.get(url).content.decode()
        assert "henrik-wolff" not in html, url
        assert "Softwareentwickler Anlagensteuerung" not in html, url
    team_html = client.get("/menschen/").content.decode()
    assert "Henrik Wolff" not in team_html
    home = client.get("/").content.decode()
    faces = home[home.find('class="face-row"') :]
    assert "Henrik Wolff" not in faces


def test_sitemap_lists_public_profiles(client, team, team_page):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/menschen/</loc>" in xml
    assert "<loc>http://testserver/menschen/katrin-albers/</loc>" in xml
    assert "<loc>http://testserver/menschen/jonas-berger/</loc>" in xml
    assert "henrik-wolff" not in xml


def test_profile_lists_the_persons_public_posts_newest_first(client, team, team_page, make_post):
    older = make_post(team["ceo"], title="Älterer Beitrag", days_ago=5)
    newer = make_post(team["ceo"], team["jonas"], title="Neuer Beitrag", days_ago=1)
    make_post(team["jonas"], title="Nicht von Katrin")
    make_post(team["ceo"], title="Nur für Mitarbeitende", section="internal")
    make_post(team["ceo"], title="Noch ein Entwurf", live=False)
    html = client.get("/menschen/katrin-albers/").content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "Nicht von Katrin" not in html
    assert "Nur für Mitarbeitende" not in html
    assert "Noch ein Entwurf" not in html
    assert f'href="{newer.url}"' in html


def test_profile_posts_are_paginated(client, team, team_page, make_post):
    for day in range(POSTS_PER_PAGE + 2):
        make_post(team["ceo"], title=f"Beitrag vom Tag {day:02d}", days_ago=day + 1)
    first = client.get("/menschen/katrin-albers/").content.decode()
    assert first.count('class="card"') == POSTS_PER_PAGE
    assert 'rel="next"' in first
    second = client.get("/menschen/katrin-albers/?page=2")
    assert second.content.decode().count('class="card"') == 2
    assert client.get("/menschen/katrin-albers/?page=abc").status_code == 200
    assert client.get("/menschen/katrin-albers/?page=9").status_code == 404


@pytest.mark.parametrize("posts", [3, 12])
def test_profile_query_count_is_fixed(
    client, team, team_page, make_post, django_assert_max_num_queries, posts
):
    for _ in range(posts):
        make_post(team["ceo"], team["jonas"])
    client.get("/menschen/katrin-albers/")
    with django_assert_max_num_queries(PERSON_QUERY_BUDGET):
        client.get("/menschen/katrin-albers/")


def test_post_keeps_author_credit_when_account_is_deactivated(client, team, team_page, make_post):
    user = get_user_model().objects.create_user("katrin.albers", password="pw-for-tests-1")
    Person.objects.filter(pk=team["ceo"].pk).update(user=user)
    post = make_post(team["ceo"], title="Bleibt signiert")
    user.is_active = False
    user.save()
    html = client.get("/menschen/katrin-albers/").content.decode()
    assert "Bleibt signiert" in html
    assert "Dr. Katrin Albers" in client.get(post.url).content.decode()


def test_profile_url_for_blog_and_comments(team, team_page):
    assert team["ceo"].profile_url == "/menschen/katrin-albers/"
    assert team["henrik"].profile_url == ""  # internal-only: no public page to link
    # Django's spelling of the same link, for code that expects it.
    assert team["ceo"].get_absolute_url() == "/menschen/katrin-albers/"
    assert team["henrik"].get_absolute_url() is None
    assert team["henrik"].get_directory_url() == "/intern/menschen/henrik-wolff/"


def test_preview_of_an_internal_profile_claims_no_public_address(rf, team, team_page):
    context = team["henrik"].get_preview_context(rf.get("/admin/"), "")
    assert context["person"] == team["henrik"]
    assert context["canonical_url"] == ""
    assert context["jsonld"] == ""
