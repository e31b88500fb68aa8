"""How the listening dashboard reads (issue 18 item 7): whole labels, local numbers, one heading."""

import html
import re
from datetime import timedelta

import pytest

from insights.figures import Period, answer_figures
from insights.summary import send_weekly_summary
from operations.models import OutboxMessage

from .conftest import make_comment, make_public_post

pytestmark = pytest.mark.django_db

URL = "/admin/listening/"
# A generous average glyph width for the 13 px sans-serif chart text (em).
GLYPH_EM = 0.62


def _svg_texts(page: str):
    """``(x, anchor, font size, text, viewBox width)`` of every ``<text>`` in every chart."""
    for svg in re.findall(r"<svg role=\"img\".*?</svg>", page, re.S):
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        for attrs, text in re.findall(r"<text([^>]*)>([^<]*)</text>", svg):
            x = float(re.search(r'\bx="([\d.]+)"', attrs).group(1))
            anchor = re.search(r'text-anchor="(\w+)"', attrs)
            size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))
            yield x, anchor.group(1) if anchor else "start", size, html.unescape(text), width


@pytest.mark.parametrize("language", ["de", "en"])
def test_chart_labels_fit_inside_the_chart(
    client, editor, comment_data, blog_index, author, language
):
    long_title = "Großwärmepumpe am Klärwerk Husum: Erfahrungen nach dem ersten Winter"
    post = make_public_post(blog_index, author, long_title)
    make_comment(post, comment_data["c1"].submit_date)
    client.force_login(editor)
    client.get(f"/language/{language}/")
    page = client.get(URL, {"days": 7}).content.decode()

    texts = list(_svg_texts(page))
    assert texts
    for x, anchor, size, text, width in texts:
        needed = len(text) * size * GLYPH_EM
        if anchor == "end":
            assert x - needed >= 0, f"{text!r} is cut off on the left"
        else:
            assert x + needed <= width, f"{text!r} is cut off on the right"


def test_german_dashboard_writes_german_decimals(client, editor, comment_data):
    client.force_login(editor)
    client.get("/language/de/")
    page = client.get(URL, {"days": 7}).content.decode()
    median = re.search(r'id="figure-median">([^<]*)<', page).group(1)
    p90 = re.search(r'id="figure-p90">([^<]*)<', page).group(1)
    assert median.startswith("4,0 ")
    assert p90.startswith("2,0 ")


def test_english_dashboard_writes_english_decimals(client, editor, comment_data):
    client.force_login(editor)
    client.get("/language/en/")
    page = client.get(URL, {"days": 7}).content.decode()
    assert re.search(r'id="figure-median">([^<]*)<', page).group(1) == "4.0 h"


def test_weekly_mail_in_german_writes_german_decimals(editor, comment_data, settings, now):
    settings.LANGUAGE_CODE = "de"
    send_weekly_summary(now)
    text = OutboxMessage.objects.get(to=editor.email).body_text
    assert "4,0 " in text and "4.0 " not in text


def test_comments_per_post_is_one_heading_not_two(client, editor, comment_data):
    client.force_login(editor)
    client.get("/language/en/")
    page = client.get(URL, {"days": 7}).content.decode()
    visible = re.findall(r"<(?:h\d|figcaption|caption)[^>]*>\s*Comments per post\s*<", page)
    assert len(visible) == 1


def test_a_readers_thank_you_after_the_answer_is_not_waiting(comment_data, now, t0):
    thanks = make_comment(
        comment_data["p1"], t0 + timedelta(hours=30), parent=comment_data["c5_answer"]
    )
    thanks.comment = "Danke, das hilft uns weiter!"
    thanks.save()

    figures = answer_figures(Period.last_days(7, now), now)

    waiting = [row.comment.pk for row in figures.unanswered]
    assert thanks.pk not in waiting
    assert figures.unanswered_total == 3
    # It needed no answer: counted as answered, without an answer time.
    assert (figures.received, figures.answered) == (10, 7)
    assert len(figures.answer_times) == 6


def test_a_follow_up_question_after_the_answer_still_waits(comment_data, now):
    # c13 replies to the answer to c1 and asks something ("?"): it waits.
    figures = answer_figures(Period.last_days(7, now), now)
    assert comment_data["c13"].pk in [row.comment.pk for row in figures.unanswered]


def test_another_readers_reply_to_an_answer_still_waits(comment_data, now, t0):
    other = make_comment(
        comment_data["p1"], t0 + timedelta(hours=30), parent=comment_data["c5_answer"]
    )
    other.user_email = "nachbar@example.org"
    other.comment = "Bei mir läuft das anders."
    other.save()
    figures = answer_figures(Period.last_days(7, now), now)
    assert other.pk in [row.comment.pk for row in figures.unanswered]
