"""What one public reader has done with comments, kept in their browser, never in a page.

Post pages are the same bytes for every anonymous reader (the page cache
and any shared HTTP cache serve them), so a reader's own state (their
comment waiting for moderation, their likes, the outcome of a confirmation)
comes from ``views.readers.reader_state``, a small uncached answer a script on
the post page asks for, and is shown on the uncached status page for readers
without JavaScript.

The reader is recognised as poll voters are (``polls.voters``): a random id
in a signed cookie, stored in the database only as a keyed hash per comment
(``CommentLike.browser_hash``). The cookie is limited to ``/comments/``, so
browsers never send it with a post page: those stay cacheable for everyone.
Besides the id it lists the reader's own submissions (ids of
``PendingComment`` rows, which lead to the comment once confirmed) and one
short-lived outcome to announce.
"""

import secrets
import time

from django.core import signing
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import ModerationStatus, PendingComment, StimmeComment
from .threads import author_of

COOKIE_NAME = "stimme_comment_reader"
COOKIE_SALT = "stimme_comments.reader"
COOKIE_PATH = "/comments/"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
# Enough for anyone's recent comments; older ones have long been moderated.
REMEMBERED_SUBMISSIONS = 20
# An outcome not shown within this time is stale (the reader never came back by script).
OUTCOME_SECONDS = 10 * 60
# What the post page announces after a confirmation click that published the comment.
OUTCOME_TEXTS = {
    "published": _("Thank you! Your comment is published."),
    "already": _("You already confirmed this comment."),
}


class Reader:
    """The state in one browser's cookie; ``changed`` once something must be written back."""

    def __init__(self, data=None):
        data = data if isinstance(data, dict) else {}
        browser = data.get("b")
        self.browser = browser if isinstance(browser, str) and browser else None
        self.submissions = [pk for pk in data.get("p", []) if isinstance(pk, int)]
        outcome = data.get("o")
        self.outcome = outcome if isinstance(outcome, dict) else None
        self.changed = False

    @classmethod
    def of(cls, request) -> "Reader":
        """This browser's state (empty if it has no cookie, or a tampered one)."""
        raw = request.COOKIES.get(COOKIE_NAME)
        try:
            return cls(signing.loads(raw, salt=COOKIE_SALT) if raw else None)
        except (signing.BadSignature, ValueError):
            return cls()

    def browser_id(self) -> str:
        """The random id of this browser, created on first use."""
        if self.browser is None:
            self.browser = secrets.token_urlsafe(24)
            self.changed = True
        return self.browser

    def like_hash(self, comment_id: int) -> str:
        """What a like stores: a keyed hash of comment and browser, unlinkable across comments."""
        return salted_hmac(
            "stimme_comments.like", f"{comment_id}:{self.browser_id()}", algorithm="sha256"
        ).hexdigest()

    def remember_submission(self, pending_pk: int) -> None:
        if pending_pk not in self.submissions:
            self.submissions = [*self.submissions, pending_pk][-REMEMBERED_SUBMISSIONS:]
            self.changed = True

    def announce(self, kind: str, comment_id: int | None) -> None:
        """Keep an outcome (``published``, ``already``) for the post page's script to show once."""
        self.outcome = {"k": kind, "c": comment_id, "t": int(time.time())}
        self.changed = True

    def take_outcome(self, comment_ids) -> dict | None:
        """The outcome to announce on a page showing ``comment_ids``, then forgotten."""
        outcome = self.outcome
        if outcome is None:
            return None
        if time.time() - outcome.get("t", 0) > OUTCOME_SECONDS:
            self.outcome, self.changed = None, True
            return None
        if outcome.get("c") not in comment_ids:
            return None
        self.outcome, self.changed = None, True
        return outcome

    def save(self, response, request) -> None:
        """Write the cookie back if anything changed (httponly, same-site, signed)."""
        if not self.changed:
            return
        value = signing.dumps(
            {"b": self.browser, "p": self.submissions, "o": self.outcome},
            salt=COOKIE_SALT,
            compress=True,
        )
        response.set_cookie(
            COOKIE_NAME,
            value,
            max_age=COOKIE_MAX_AGE,
            path=COOKIE_PATH,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )


def waiting_comments(reader: Reader, user, post):
    """The reader's own comments on ``post`` that wait for a moderator."""
    comments = StimmeComment.objects.on(post).filter(
        is_public=False,
        is_removed=False,
        moderation_status=ModerationStatus.WAITING,
    )
    if getattr(user, "is_authenticated", False):
        comments = comments.filter(user=user)
    elif reader.submissions:
        published = PendingComment.objects.filter(pk__in=reader.submissions).values("published")
        comments = comments.filter(pk__in=published)
    else:
        return []
    return list(
        comments.select_related("person__department", "person__user").order_by("submit_date")
    )


def waiting_items(comments, public_post: bool) -> list[dict]:
    """What ``waiting.html`` shows of each waiting comment: text, author, whom it answers."""
    parents = StimmeComment.objects.in_bulk(
        [c.parent_id for c in comments if c.parent_id and c.parent_id != c.pk]
    )
    return [
        {
            "comment": comment,
            "author": author_of(comment, public_post),
            "parent": parents.get(comment.parent_id),
        }
        for comment in comments
    ]


def render_waiting(comments, public_post: bool) -> str:
    return render_to_string(
        "stimme_comments/waiting.html",
        {
            "items": waiting_items(comments, public_post),
            "is_public_post": public_post,
            "waiting_label": ModerationStatus.WAITING.label,
        },
    )
