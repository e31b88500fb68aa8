"""Directory search at /intern/menschen/?q=: the beginnings of words, from the search index.

The directory once chained ``icontains`` filters; it now asks Wagtail's
search backend for ``Person.search_fields``. What the old chain found by a
word's beginning it still finds (on SQLite and PostgreSQL alike), and what
the directory hides (drafts, leavers, changes still under review) stays
hidden.
"""

from django.contrib.auth import get_user_model

import pytest

from people.review import profile_draft, submit_profile_change

pytestmark = pytest.mark.django_db

URL = "/intern/menschen/"


@pytest.fixture
def staff_client(client, employee):
    client.force_login(employee)
    return client


@pytest.fixture
def colleagues(make_person, departments):
    """People whose words start with what an employee types."""
    return {
        "technician": make_person(
            "Maren Thiessen",
            public=False,
            job_title="Wärmepumpen-Technikerin",
            department=departments["dev"],
            location="Flensburg",
        ),
        "adviser": make_person(
            "Jan Petersen",
            job_title="Berater",
            expertise="Wärmepumpen, Förderprogramme",
            department=departments["sales"],
            location="Husum",
        ),
        "buyer": make_person(
            "Ewa Kowalski", job_title="Einkauf", department=departments["sales"], location="Husum"
        ),
        "planner": make_person("Özlem Aydın", job_title="Netzplanerin", location="Kiel"),
    }


def found(client, query: str, **params) -> set[str]:
    """Names in the directory's result list for ``query``."""
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    results = html[html.index('class="directory__count"') :]
    names = ("Maren Thiessen", "Jan Petersen", "Ewa Kowalski", "Özlem Aydın", "Lena Kowalczyk")
    return {name for name in names if name in results}


def test_a_word_beginning_finds_job_title_and_expertise(staff_client, colleagues):
    assert found(staff_client, "Wärme") == {"Maren Thiessen", "Jan Petersen"}
    assert found(staff_client, "wärmepumpen") == {"Maren Thiessen", "Jan Petersen"}


def test_a_name_beginning_finds_the_person(staff_client, colleagues):
    assert found(staff_client, "Kow") == {"Ewa Kowalski"}


def test_a_lower_case_umlaut_finds_a_capitalised_name(staff_client, colleagues):
    # SQLite's LIKE folds ASCII only: the icontains chain missed "Özlem" for "özl".
    assert found(staff_client, "özl") == {"Özlem Aydın"}


def test_every_word_must_match_and_each_may_be_a_beginning(staff_client, colleagues):
    assert found(staff_client, "wärme flens") == {"Maren Thiessen"}
    assert found(staff_client, "Hus Kow") == {"Ewa Kowalski"}
    assert found(staff_client, "Wärme Kiel") == set()


def test_employees_find_internal_profiles_by_internal_fields(staff_client, colleagues):
    # Location is internal: the public site search never matches it, the directory does.
    assert found(staff_client, "Flens") == {"Maren Thiessen"}
    assert found(staff_client, "Vertr") == {"Jan Petersen", "Ewa Kowalski"}  # department


def test_search_and_department_filter_combine(staff_client, colleagues):
    assert found(staff_client, "Wärme", department="vertrieb") == {"Jan Petersen"}


def test_drafts_and_leavers_are_not_found(staff_client, colleagues, make_person):
    make_person("Lena Kowalczyk", live=False)
    assert found(staff_client, "Kow") == {"Ewa Kowalski"}
    leaver = get_user_model().objects.create_user("ewa.kowalski", password="pw-for-tests-1")
    buyer = colleagues["buyer"]
    buyer.user = leaver
    buyer.save()
    leaver.is_active = False
    leaver.save()
    assert found(staff_client, "Kow") == set()


def test_a_change_under_review_is_not_found_until_published(staff_client, colleagues, employee):
    draft = profile_draft(colleagues["planner"])
    draft.expertise = "Wärmenetze"
    submit_profile_change(draft, employee)
    assert found(staff_client, "Wärmenetz") == set()
    draft.get_latest_revision().publish()
    assert found(staff_client, "Wärmenetz") == {"Özlem Aydın"}


def test_the_index_follows_an_edited_profile(staff_client, colleagues):
    buyer = colleagues["buyer"]
    buyer.name = "Ewa Nowak"
    buyer.save()
    assert found(staff_client, "Kow") == set()
    response = staff_client.get(URL, {"q": "Nowa"})
    assert "Ewa Nowak" in response.content.decode()


@pytest.mark.parametrize("query", ['"Kow', "Kow*", "a:b", "(Wärme", "' OR 1=1", "---", "&|!"])
def test_search_syntax_in_a_query_is_plain_text(staff_client, colleagues, query):
    response = staff_client.get(URL, {"q": query})
    assert response.status_code == 200


def test_a_renamed_department_is_found_by_its_new_name(staff_client, colleagues, departments):
    sales = departments["sales"]
    sales.name = "Kundenberatung"
    sales.save()
    assert found(staff_client, "Kundenb") == {"Jan Petersen", "Ewa Kowalski"}
    assert found(staff_client, "Vertr") == set()
