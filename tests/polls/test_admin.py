"""Editors in the admin: poll form validation, results, CSV export, the page's query budget."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from polls.models import Poll

from .conftest import vote

pytestmark = pytest.mark.django_db

# Queries for a returning voter's GET of a public post with one poll, measured
# 2026-11 at 20 (the same post without a poll: 17). A poll costs at most three:
# the snippet, its options with vote counts, whether this reader voted.
POST_WITH_POLL_BUDGET = 20
QUERIES_PER_POLL = 3


def _form_data(labels, **fields):
    data = {
        "question": "Welcher Termin passt?",
        "kind": "single",
        "closes_at": "2030-01-01 12:00",
        "results_shown": "after_voting",
        "decision": "",
        "options-TOTAL_FORMS": str(len(labels)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    for index, label in enumerate(labels):
        data[f"options-{index}-label"] = label
        data[f"options-{index}-ORDER"] = str(index + 1)
        data[f"options-{index}-id"] = ""
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("labels", "created"),
    [(["Nur eine"], False), (["Ja", "Nein"], True), ([f"Termin {n}" for n in range(9)], False)],
)
def test_editor_creates_polls_with_two_to_eight_answers(client, editor, labels, created):
    client.force_login(editor)
    response = client.post("/admin/snippets/polls/poll/add/", _form_data(labels))

    assert Poll.objects.exists() is created
    if not created:
        assert response.status_code == 200  # the form again, with the error


def test_editor_sees_results_in_the_admin(client, editor, make_poll):
    poll = make_poll()
    vote(Client(), poll, "Blau")
    vote(Client(), poll, "Blau")
    vote(Client(), poll, "Grau")
    client.force_login(editor)

    response = client.get(f"/admin/polls/{poll.pk}/results/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="poll-result-row"') == 3
    assert "<td>2</td>" in html
    assert "<td>67 %</td>" in html


def test_results_even_when_readers_never_see_them(client, editor, make_poll):
    poll = make_poll(results_shown=Poll.ResultsShown.NEVER)
    client.force_login(editor)
    assert client.get(f"/admin/polls/{poll.pk}/results/").status_code == 200


def test_authors_without_poll_rights_get_403(client, author_user, make_poll):
    poll = make_poll()
    client.force_login(author_user)

    assert client.get(f"/admin/polls/{poll.pk}/results/").status_code == 403
    assert client.get(f"/admin/polls/{poll.pk}/results.csv").status_code == 403


def test_employee_without_admin_access_gets_403(client, employee, make_poll):
    poll = make_poll()
    client.force_login(employee)
    assert client.get(f"/admin/polls/{poll.pk}/results/").status_code == 403


def test_internal_poll_results_stay_with_employees(client, author_user, make_poll):
    """A moderator-like admin user outside the Employees group cannot read internal results."""
    poll = make_poll(internal=True)
    author_user.groups.remove(Group.objects.get(name="Employees"))
    author_user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(author_user)
    assert client.get(f"/admin/polls/{poll.pk}/results/").status_code == 403


def test_csv_export_counts_and_neutralises_formulas(client, editor, make_poll):
    poll = make_poll(
        '=HYPERLINK("http://evil.example")', options=("=1+1", "+49 4841", "@SUM", "Ok")
    )
    vote(Client(), poll, "=1+1")
    client.force_login(editor)

    response = client.get(f"/admin/polls/{poll.pk}/results.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith('\'=HYPERLINK(""http://evil.example"")"')
    assert "'=1+1,1,100" in text
    assert "'+49 4841,0,0" in text
    assert "'@SUM,0,0" in text
    assert "Ok,0,0" in text
    assert not any(line.startswith(("=", "+", "@")) for line in lines)


def _queries(client, url):
    assert client.get(url).status_code == 200  # warm-up (renditions, site settings)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_post_with_poll_query_budget(client, make_poll, public_post_with):
    plain = public_post_with()
    poll = make_poll(closes_in=timedelta(days=3))
    post = public_post_with(poll)
    vote(client, poll, "Blau")  # a returning voter: the costliest case

    without_poll, _html = _queries(client, plain.url)
    with_poll, html = _queries(client, post.url)

    assert f'id="poll-{poll.pk}"' in html
    assert with_poll <= POST_WITH_POLL_BUDGET
    assert with_poll - without_poll <= QUERIES_PER_POLL
