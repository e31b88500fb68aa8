"""One rate-limit helper (``core.ratelimit``) with its numbers in settings (issue 17, Build).

The HTTP behaviour of each limit is tested where it applies: comment API,
likes and reports in tests/comments/test_api_and_action_limits.py, password
reset in test_password_reset.py, logins in test_login_lockout.py and
tests/internal/test_login.py, poll votes in tests/polls/test_voting.py.
"""

import re
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

import pytest

from core import ratelimit
from core.ratelimit import Limit

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "blog", "internal", "people", "comments", "polls", "insights")


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_every_counter_of_the_site_goes_through_the_one_helper():
    """No app keeps an hourly counter of its own next to core.ratelimit."""
    allowed = {ROOT / "core" / "ratelimit.py", ROOT / "core" / "pagecache.py"}
    own_counters = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path not in allowed and re.search(r"\bcache\.incr\(", path.read_text())
    ]
    assert own_counters == []


def test_every_configured_limit_is_attempts_per_seconds():
    for scope in ("login", "login_address", "password_reset", "password_reset_address"):
        assert scope in settings.RATE_LIMITS
    for scope in ("like", "report"):
        assert scope in settings.RATE_LIMITS
    for scope in settings.RATE_LIMITS:
        limit = ratelimit.limit_for(scope)
        assert limit.attempts >= 0 and limit.seconds > 0, scope


def test_an_unknown_scope_is_a_clear_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="RATE_LIMITS"):
        ratelimit.limit_for("gibt-es-nicht")


def test_a_window_counts_attempts_and_then_refuses():
    limit = Limit(3, 60)
    assert [ratelimit.hit("probe", "ip:203.0.113.8", limit) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    # Other keys and other scopes have budgets of their own.
    assert ratelimit.hit("probe", "ip:203.0.113.9", limit)
    assert ratelimit.hit("other", "ip:203.0.113.8", limit)


def test_a_window_opens_with_the_first_attempt_and_closes_after_its_seconds():
    limit = Limit(1, 1)
    assert ratelimit.hit("probe", "email:grüße@example.org", limit)
    assert not ratelimit.hit("probe", "email:grüße@example.org", limit)
    assert ratelimit.retry_after("probe", ["email:grüße@example.org"], limit) == 1
    time.sleep(1.2)
    assert ratelimit.hit("probe", "email:grüße@example.org", limit)


def test_zero_attempts_turns_a_limit_off():
    assert all(ratelimit.hit("probe", "ip:203.0.113.8", Limit(0, 60)) for _ in range(50))


def test_allow_counts_only_allowed_actions_under_every_key():
    account, address = Limit(5, 60), Limit(2, 60)
    checks = [("report", "user:7", account), ("report-ip", "ip:203.0.113.8", address)]
    assert ratelimit.allow(*checks)
    assert ratelimit.allow(*checks)
    assert not ratelimit.allow(*checks)  # the address is full
    assert ratelimit.count("report", "user:7", account) == 2  # the refusal did not count


def test_keys_are_not_stored_in_clear():
    ratelimit.hit("probe", "email:jördis.weiß@nordlicht.example", Limit(3, 60))
    stored = " ".join(str(key) for key in cache._cache)  # locmem's own store
    assert "nordlicht" not in stored and "jördis" not in stored
