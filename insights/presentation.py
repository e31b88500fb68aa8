"""Figures as people read them: durations in hours and days, and the dashboard's charts."""

from datetime import timedelta

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .charts import bar_chart

# Buckets of time to first answer, for the distribution chart.
ANSWER_BUCKETS = (
    (timedelta(hours=4), "< 4 h"),
    (timedelta(hours=24), "4–24 h"),
    (timedelta(days=3), "1–3 d"),
    (None, "> 3 d"),
)


def duration(value: timedelta | None) -> str:
    """``3.5 h`` under two days, ``4.2 d`` above; an en dash for "no figure".

    The decimal separator is the active language's ("4,0 Std." in German).
    """
    if value is None:
        return "–"
    hours = value.total_seconds() / 3600
    if hours < 48:
        return _("%(hours)s h") % {"hours": number_format(hours, 1)}
    return _("%(days)s d") % {"days": number_format(hours / 24, 1)}


def answer_time_buckets(times: list[timedelta]) -> list[tuple[str, int]]:
    counts = []
    lower = timedelta(0)
    for upper, label in ANSWER_BUCKETS:
        counts.append((label, sum(1 for t in times if t >= lower and (upper is None or t < upper))))
        lower = upper or lower
    return counts


def charts(answers, reach) -> dict:
    """The dashboard's SVG charts (laid out, not yet drawn)."""
    result = {
        "per_post": bar_chart(
            _("Comments per post"),
            [(row.title, row.comments, str(row.comments)) for row in answers.per_post],
        ),
        "answer_times": bar_chart(
            _("Time to first company answer"),
            [
                (label, count, ngettext("%(n)d comment", "%(n)d comments", count) % {"n": count})
                for label, count in answer_time_buckets(answers.answer_times)
            ],
        ),
    }
    if reach is not None:
        result["departments"] = bar_chart(
            _("Must-reads confirmed, per department"),
            [(row.name, row.percent, f"{row.percent} %") for row in reach.departments],
            scale_max=100,
        )
    return result
