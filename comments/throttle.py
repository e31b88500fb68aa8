"""Rate limits for what readers do with comments: likes, reports, link re-sends.

Counted by ``core.ratelimit``. Signed-in readers count per account, with
the limits of ``RATE_LIMITS`` (``like``, ``report``): colleagues behind one
office address do not share a budget, and an account is no way around the
limit. Anonymous readers count per client address,
``COMMENTS_RATE_LIMIT_PER_HOUR`` an hour (or the ``limit`` a view asks for).
"""

from django.conf import settings

from core import ratelimit
from operations.net import client_ip


def allow(request, scope: str, limit: int | None = None) -> bool:
    """Count one ``scope`` action by this reader; False once over the limit."""
    anonymous = ratelimit.Limit(limit or settings.COMMENTS_RATE_LIMIT_PER_HOUR, 60 * 60)
    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        per_account = ratelimit.limit_for(scope) if scope in settings.RATE_LIMITS else anonymous
        return ratelimit.hit(f"comments:{scope}", f"user:{user.pk}", per_account)
    return ratelimit.hit(f"comments:{scope}", f"ip:{client_ip(request)}", anonymous)
