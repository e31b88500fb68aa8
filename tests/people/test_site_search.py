"""Site search finds people: public profiles only, by what their public profile says."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _people(page: str) -> list[str]:
    return [
        re.sub(r"</?mark>", "", name)
        for name in re.findall(r'class="search-person__name"><a href="[^"]+">(.*?)</a>', page)
    ]


def test_search_finds_a_public_person_by_name_and_links_the_profile(client, make_person, team_page):
    jorg = make_person("Jörg Großmann", job_title="Leiter Wärmenetze")
    page = client.get("/search/", {"q": "Großmann"}).content.decode()
    assert _people(page) == ["Jörg Großmann"]
    assert f'href="{jorg.profile_url}"' in page
    assert "Leiter Wärmenetze" in page


def test_search_finds_people_by_job_title_and_expertise(client, make_person, team_page):
    make_person("Hanna Öztürk", job_title="Fernwärme-Planerin", expertise="Wärmespeicher, Husum")
    assert _people(client.get("/search/", {"q": "Wärmespeicher"}).content.decode()) == [
        "Hanna Öztürk"
    ]


def test_internal_only_people_and_internal_fields_are_never_found(
    client, employee, make_person, team_page
):
    make_person("Jörg Verborgen", public=False, job_title="Geheimprojekt")
    make_person(
        "Maren Sößmann", location="Büro Kattegat", phone="+49 4841 999", job_title="Einkauf"
    )
    for who in (None, employee):
        if who:
            client.force_login(who)
        assert _people(client.get("/search/", {"q": "Verborgen"}).content.decode()) == []
        assert _people(client.get("/search/", {"q": "Kattegat"}).content.decode()) == []
        page = client.get("/search/", {"q": "Sößmann"}).content.decode()
        assert _people(page) == ["Maren Sößmann"]
        assert "Kattegat" not in page and "4841" not in page


def test_unpublished_profiles_are_not_found(client, make_person, team_page):
    make_person("Entwurf Schröder", live=False)
    assert _people(client.get("/search/", {"q": "Schröder"}).content.decode()) == []
