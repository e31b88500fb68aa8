"""Recognising a voter without storing who they are.

Signed-in voters are recognised by account. Public readers get a random id
in a signed cookie; the database keeps only a keyed hash of that id *per
poll*, so ballots in different polls cannot be linked to one browser and the
id cannot be read back from the database. Flood control counts votes per
client address through ``core.ratelimit`` (in the cache, under a keyed hash
of the address), never in the database.
"""

import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

from core import ratelimit
from operations.net import client_ip

COOKIE_SALT = "polls.voter"
# Browsers send the cookie only to the vote and the voter's own state, never
# with a post page: those stay the same bytes, and cacheable, for everyone.
COOKIE_PATH = "/polls/"


def browser_id(request) -> str | None:
    """The random id in this browser's signed voter cookie, or None (none or tampered)."""
    return request.get_signed_cookie(
        settings.POLLS_VOTER_COOKIE_NAME, default=None, salt=COOKIE_SALT
    )


def new_browser_id() -> str:
    return secrets.token_urlsafe(24)


def remember_browser(response, request, browser: str) -> None:
    """Give the browser its voter id (httponly, same-site, signed, only for ``/polls/``)."""
    response.set_signed_cookie(
        settings.POLLS_VOTER_COOKIE_NAME,
        browser,
        salt=COOKIE_SALT,
        max_age=settings.POLLS_VOTER_COOKIE_MAX_AGE,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def browser_hash(poll_id: int, browser: str) -> str:
    """What the ballot stores for a public reader: an HMAC of poll and browser id."""
    return salted_hmac("polls.ballot", f"{poll_id}:{browser}", algorithm="sha256").hexdigest()


def flooded(request, poll_id: int) -> bool:
    """Whether this client address has cast too many votes on this poll within the hour.

    Counts every attempt (``core.ratelimit``), so a browser that keeps
    clearing its cookie is stopped at the limit; offices behind one address
    share it, hence a generous default (``POLLS_VOTES_PER_IP_PER_HOUR``, 0 = off).
    """
    limit = ratelimit.Limit(settings.POLLS_VOTES_PER_IP_PER_HOUR, 60 * 60)
    return not ratelimit.hit(f"polls:vote:{poll_id}", f"ip:{client_ip(request)}", limit)
