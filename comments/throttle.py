"""A small rate limit for anonymous actions, per client address and hour."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.net import client_ip


def allow(request, scope: str, limit: int | None = None) -> bool:
    """Count one ``scope`` action for this client; False once over the hourly limit.

    Signed-in users are not limited here: they are accountable by name.
    """
    if getattr(request.user, "is_authenticated", False):
        return True
    limit = limit or settings.COMMENTS_RATE_LIMIT_PER_HOUR
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"stimme_comments:rate:{scope}:{client_ip(request)}:{hour}"
    # add() is atomic and only sets a missing key; incr() then counts.
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit
