"""The site's one rate limit: how often one key may do one thing within a window.

Every throttle counts through here: comment floods (``comments.flood``),
likes, reports and link re-sends (``comments.throttle``), poll votes
(``polls.voters``) and password resets (``internal.password_reset``); the
login lockout (``internal.throttle``) reads its numbers from the same
``RATE_LIMITS`` setting. A limit is ``(attempts, seconds)``.

Counts live in the shared cache (Redis in production), so every app server
sees the same numbers. A window opens with the first attempt and lasts
``seconds``; the counter key expires with it. Keys are keyed hashes, so no
client address or email address is stored in the cache in clear. While the
cache is away (``operations.resilient_cache``) counts start from zero: a limit
fails open rather than refusing everyone.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac

PREFIX = "ratelimit"


@dataclass(frozen=True)
class Limit:
    """At most ``attempts`` within ``seconds``; 0 (or less) in either turns the limit off."""

    attempts: int
    seconds: int

    @property
    def off(self) -> bool:
        return self.attempts <= 0 or self.seconds <= 0


def limit_for(scope: str) -> Limit:
    """The limit ``settings.RATE_LIMITS`` gives ``scope``."""
    try:
        attempts, seconds = settings.RATE_LIMITS[scope]
    except (KeyError, TypeError, ValueError):
        raise ImproperlyConfigured(f"RATE_LIMITS[{scope!r}] must be (attempts, seconds)") from None
    return Limit(int(attempts), int(seconds))


def _keys(scope: str, key: str, limit: Limit) -> tuple[str, str]:
    digest = salted_hmac("core.ratelimit", f"{scope}\x00{key}", algorithm="sha256").hexdigest()
    base = f"{PREFIX}:{scope}:{limit.seconds}:{digest[:32]}"
    return base + ":n", base + ":since"


def count(scope: str, key: str, limit: Limit) -> int:
    """Attempts counted for ``key`` in its current window."""
    counter, _since = _keys(scope, key, limit)
    return int(cache.get(counter) or 0)


def exceeded(scope: str, key: str, limit: Limit) -> bool:
    """Whether one more attempt would be over the limit (counts nothing)."""
    return not limit.off and count(scope, key, limit) >= limit.attempts


def hit(scope: str, key: str, limit: Limit) -> bool:
    """Count one attempt; True while it is within the limit."""
    if limit.off:
        return True
    counter, since = _keys(scope, key, limit)
    # add() is atomic and only sets a missing key, so concurrent first attempts
    # open one window; incr() then counts atomically (in Redis as well).
    if cache.add(counter, 0, timeout=limit.seconds):
        cache.set(since, int(time.time()), timeout=limit.seconds)
    try:
        attempts = cache.incr(counter)
    except ValueError:  # expired between add and incr, or the cache is away
        cache.set(counter, 1, timeout=limit.seconds)
        attempts = 1
    return attempts <= limit.attempts


def allow(*checks: tuple[str, str, Limit]) -> bool:
    """One action counted under several ``(scope, key, limit)`` at once (an address and an
    account, say): refused if any of them is at its limit. Only an allowed action counts,
    so a refused client does not use up more of its budget."""
    checks = [(scope, key, limit) for scope, key, limit in checks if key and not limit.off]
    if any(exceeded(scope, key, limit) for scope, key, limit in checks):
        return False
    for scope, key, limit in checks:
        hit(scope, key, limit)
    return True


def retry_after(scope: str, keys, limit: Limit) -> int:
    """Seconds until every full window among ``keys`` has closed (at least 1)."""
    now = int(time.time())
    waits = []
    for key in keys:
        if key and exceeded(scope, key, limit):
            opened = cache.get(_keys(scope, key, limit)[1])
            waits.append(limit.seconds if opened is None else int(opened) + limit.seconds - now)
    return max(max(waits, default=limit.seconds), 1)
