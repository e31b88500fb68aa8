"""The dashboard's figures on a known data set (see conftest.py for the table)."""

from datetime import timedelta

import pytest

from insights.figures import Period, answer_figures, percentile, reach_figures

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def test_received_and_answered(comment_data, now):
    figures = answer_figures(Period.last_days(7, now), now)

    assert figures.received == 9
    assert figures.answered == 6
    assert figures.answered_percent == 67


def test_median_and_90th_percentile_of_time_to_first_answer(comment_data, now):
    figures = answer_figures(Period.last_days(7, now), now)

    assert sorted(figures.answer_times) == [h * HOUR for h in (1, 2, 3, 5, 24, 48)]
    assert figures.median_time == 4 * HOUR
    assert figures.p90_time == 48 * HOUR


def test_unanswered_public_comments_oldest_first(comment_data, now):
    figures = answer_figures(Period.last_days(7, now), now)

    assert [row.comment.pk for row in figures.unanswered] == [
        comment_data["c11"].pk,
        comment_data["c13"].pk,
        comment_data["c6"].pk,
    ]
    assert figures.unanswered_total == 3
    assert (
        figures.unanswered[0].answer_url
        == f"/admin/comment-moderation/{comment_data['c11'].pk}/#company-reply"
    )


def test_comments_per_post(comment_data, now):
    figures = answer_figures(Period.last_days(7, now), now)

    assert [(row.title, row.comments) for row in figures.per_post] == [
        ("Wärmepumpen im Altbau", 12),
        ("Speicher richtig planen", 3),
    ]


def test_a_shorter_period_counts_only_its_comments(comment_data, now):
    figures = answer_figures(Period.last_days(1, now), now)
    assert figures.received == 0
    assert figures.median_time is None


def test_nearest_rank_percentile():
    values = [h * HOUR for h in range(1, 11)]
    assert percentile(values, 0.9) == 9 * HOUR
    assert percentile(values[:1], 0.9) == 1 * HOUR
    assert percentile([], 0.9) is None


def test_acknowledgement_rates_per_department(reach_data, editor, now):
    reach = reach_figures(Period.last_days(7, now), editor)

    rows = {
        row.name: (row.people, row.confirmed, row.expected, row.percent)
        for row in reach.departments
    }
    assert rows == {
        "Forschung & Entwicklung": (6, 7, 12, 58),
        "Vertrieb & Service": (5, 5, 5, 100),
    }
    assert [(post.title, post.audience, post.confirmed, post.percent) for post in reach.posts] == [
        ("Reisekostenrichtlinie", 15, 10, 67),
        ("Prüfstand-Sicherheit", 6, 4, 67),
    ]


def test_departments_under_five_people_are_not_shown(reach_data, editor, now):
    reach = reach_figures(Period.last_days(7, now), editor)

    assert "Personal & Kultur" not in {row.name for row in reach.departments}
    assert reach.hidden_departments == 2  # Personal & Kultur (3), no department (the editor)


def test_a_department_reaching_five_people_is_shown(reach_data, editor, now, settings):
    settings.INSIGHTS_MIN_GROUP_SIZE = 3
    reach = reach_figures(Period.last_days(7, now), editor)
    rows = {row.name: (row.people, row.confirmed, row.expected) for row in reach.departments}
    assert rows["Personal & Kultur"] == (3, 2, 3)


def test_internal_figures_only_for_employees(reach_data, moderator, now):
    assert reach_figures(Period.last_days(7, now), moderator) is None
