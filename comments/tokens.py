"""Signed references in links we mail: they name a database row, never carry content.

Every kind of link has its own salt, so a mute link can never be replayed
as a confirmation link. Expiry is checked where it matters (confirmation
links: ``COMMENTS_CONFIRMATION_DAYS``).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM = "stimme_comments.confirm"
STATUS = "stimme_comments.status"
EDIT = "stimme_comments.edit"
MUTE = "stimme_comments.mute"
LIKE = "stimme_comments.like"


class TokenExpired(Exception):
    """The signature is genuine but the link is too old; ``value`` is still usable."""

    def __init__(self, value):
        super().__init__("expired")
        self.value = value


def make(salt: str, value) -> str:
    """A URL-safe signed token for ``value`` (an id or a small dict)."""
    return signing.dumps(value, salt=salt, compress=True)


def read(salt: str, token: str, max_age: timedelta | None = None):
    """The value inside ``token``; raises ``signing.BadSignature`` or ``TokenExpired``."""
    if max_age is None:
        return signing.loads(token, salt=salt)
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenExpired(signing.loads(token, salt=salt)) from None


def confirmation_max_age() -> timedelta:
    return timedelta(days=settings.COMMENTS_CONFIRMATION_DAYS)
