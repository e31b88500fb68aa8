"""Journey: a reader votes in a poll without leaving the post, and finds their vote again.

Walked with the page cache on, as on the running site: the post page and its
poll box are the same for every anonymous reader; the voter's own answer, the
results they may now see and the thank-you come from the uncached
``/polls/<id>/mine/`` that static/js/polls.js puts into the box.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

POST = "/blog/kommunikation-in-beide-richtungen/"


def test_reader_votes_in_place_and_sees_their_vote_after_a_reload(page_cache_on, new_tab):
    base = page_cache_on
    reader = new_tab()
    problems = []
    reader.on("console", lambda message: message.type == "error" and problems.append(message.text))
    reader.goto(base + POST)
    poll = reader.locator("section.poll")
    expect(poll.locator(".poll-chart")).to_have_count(0)
    poll.get_by_role("checkbox", name="Wärmepumpen im Altbau").check()
    poll.locator("button[type=submit]").click()

    # The outcome appears in the box, on the post, with the results this voter may see.
    poll = reader.locator("section.poll")
    expect(poll.get_by_role("status")).to_be_visible()
    expect(poll.locator(".poll__yours")).to_contain_text("Wärmepumpen im Altbau")
    expect(poll.locator(".poll-chart")).to_be_visible()
    expect(poll.locator("form")).to_have_count(0)
    assert reader.url.split("#")[0] == base + POST

    # A reload serves the shared page; the script asks for this voter's state again.
    reader.reload()
    poll = reader.locator("section.poll")
    expect(poll.locator(".poll__yours")).to_contain_text("Wärmepumpen im Altbau")
    expect(poll.locator("form")).to_have_count(0)
    expect(poll.get_by_role("status")).to_have_count(0)

    # Nobody else sees it.
    stranger = new_tab()
    stranger.goto(base + POST)
    stranger.wait_for_load_state("networkidle")
    poll = stranger.locator("section.poll")
    expect(poll.locator("form")).to_have_count(1)
    expect(poll.locator(".poll__yours")).to_have_count(0)
    expect(poll.locator(".poll-chart")).to_have_count(0)
    assert problems == [], "no script or Content-Security-Policy errors"
