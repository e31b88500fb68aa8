"""The listening dashboard over HTTP: who may open it, what it shows, what it costs."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/listening/"
# Queries for the dashboard with the full data set (two must-reads), measured
# 2026-11 at 26, admin menu included; 28 since the admin carries the company's
# name (the site and its settings, two queries on every admin page). It does not
# grow with the number of comments or posts; each must-read in the period adds
# two (audience, confirmations).
DASHBOARD_BUDGET = 28


def figure(html, name):
    return re.search(rf'id="figure-{name}">([^<]*)<', html).group(1)


def test_editor_sees_the_figures_of_the_chosen_period(client, editor, comment_data):
    client.force_login(editor)
    client.get("/language/en/")

    response = client.get(URL, {"days": 7})

    assert response.status_code == 200
    html = response.content.decode()
    assert figure(html, "received") == "9"
    assert figure(html, "answered") == "6 (67 %)"
    assert figure(html, "median") == "4.0 h"
    assert figure(html, "p90") == "2.0 d"
    unanswered = re.findall(r'<tr data-comment="(\d+)">', html)
    assert unanswered == [str(comment_data[name].pk) for name in ("c11", "c13", "c6")]
    assert f'href="/admin/comment-moderation/{comment_data["c11"].pk}/#company-reply"' in html


def test_charts_are_inline_svg_without_scripts(client, editor, comment_data, reach_data):
    client.force_login(editor)
    html = client.get(URL, {"days": 7}).content.decode()

    for chart in ("chart-answer-times", "chart-per-post", "chart-departments"):
        assert f'data-chart="{chart}"' in html
    assert 'aria-labelledby="chart-per-post-title"' in html


def test_department_table_leaves_out_small_groups(client, editor, reach_data):
    client.force_login(editor)
    html = client.get(URL, {"days": 7}).content.decode()

    assert 'data-department="Forschung &amp; Entwicklung"' in html
    assert 'data-department="Vertrieb &amp; Service"' in html
    assert 'data-department="Personal &amp; Kultur"' not in html
    assert 'id="reach-hidden"' in html


def test_moderator_outside_the_staff_sees_no_internal_figures(client, moderator, reach_data):
    client.force_login(moderator)
    response = client.get(URL, {"days": 7})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="reach-departments"' not in html
    assert "Reisekostenrichtlinie" not in html


def test_explicit_dates_choose_the_period(client, editor, comment_data, now):
    client.force_login(editor)
    day = now.date().isoformat()
    html = client.get(URL, {"from": day, "to": day}).content.decode()
    assert figure(html, "received") == "0"


def test_unreadable_dates_give_a_message_and_the_default_period(client, editor, comment_data):
    client.force_login(editor)
    response = client.get(URL, {"from": "gestern", "to": "2026-02-30"})

    assert response.status_code == 200
    # The default is 30 days: c11 and c12, written 15-16 days ago, count too.
    assert figure(response.content.decode(), "received") == "11"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


@pytest.mark.parametrize("who", ["employee", "author_user"])
def test_staff_without_moderation_rights_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_dashboard_query_budget(client, editor, comment_data, reach_data):
    client.force_login(editor)
    client.get(URL, {"days": 7})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"days": 7}).status_code == 200
    assert len(captured.captured_queries) <= DASHBOARD_BUDGET, len(captured.captured_queries)
