"""The automatic moderation rules: each one decides publish, hold or reject, and says why.

``decide`` runs when a comment is about to be stored (a signed-in writer
posts, a reader confirms; a reader's submission is checked before the
confirmation mail too). Refusals that come before anything is stored
(flood, duplicate, too fast) live in ``comments.flood``. Every reason is
shown to moderators in the queue and written to the audit log.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.visibility import is_public

from .models import ModerationPolicy, ModerationStatus, StimmeComment
from .text import count_links

PUBLISH, HOLD, REJECT = "publish", "hold", "reject"

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Text for word matching: lower case, ä = ae (ö, ü, ß alike), other accents dropped."""
    text = unicodedata.normalize("NFC", text or "").casefold().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _pattern(entry: str) -> re.Pattern:
    # Whole words; a trailing or leading '*' allows any continuation.
    parts = [re.escape(part) for part in fold(entry).split("*")]
    body = r"\w*".join(parts)
    return re.compile(rf"(?<![\w]){body}(?![\w])")


def matching_word(entries, *fields) -> str | None:
    """The first list entry found in any of ``fields`` (case- and umlaut-insensitive)."""
    haystack = "\n".join(fold(field) for field in fields if field)
    for entry in entries:
        if entry.strip("* ") and _pattern(entry).search(haystack):
            return entry
    return None


@dataclass(frozen=True)
class Decision:
    """What the rules decided, and the reason moderators (and the log) see."""

    verdict: str
    reason: str = ""

    @property
    def status(self) -> str:
        return {
            PUBLISH: ModerationStatus.APPROVED,
            HOLD: ModerationStatus.WAITING,
            REJECT: ModerationStatus.REJECTED,
        }[self.verdict]


def has_approved_comment(email: str) -> bool:
    """Whether a comment from this address was ever published (the first-time rule)."""
    return (
        bool(email)
        and StimmeComment.objects.filter(
            user_email__iexact=email,
            moderation_status=ModerationStatus.APPROVED,
            is_public=True,
        ).exists()
    )


def decide(comment, post, policy) -> Decision:
    """Publish, hold or reject ``comment`` on ``post`` under ``policy`` (a ``CommentPolicy``)."""
    rules = policy.settings
    internal = not is_public(post)
    staff = bool(comment.is_staff_comment)
    if staff and internal and rules.internal_publish_directly:
        return Decision(PUBLISH)
    fields = (comment.user_name, comment.user_email, comment.user_url, comment.comment)
    word = matching_word(rules.blocked_words, *fields)
    if word:
        return Decision(REJECT, _("Contains a blocked word: “%(word)s”") % {"word": word})
    word = matching_word(rules.moderation_words, *fields)
    if word:
        return Decision(
            HOLD, _("Contains a word on the moderation list: “%(word)s”") % {"word": word}
        )
    if not staff:
        links = count_links(comment.comment)
        if links > rules.hold_links_over:
            return Decision(
                HOLD,
                _("%(count)d links (more than %(limit)d)")
                % {"count": links, "limit": rules.hold_links_over},
            )
    mode = policy.moderation_policy
    if mode == ModerationPolicy.ALL:
        return Decision(HOLD, _("Every comment on this post is pre-moderated."))
    first_time = mode == ModerationPolicy.FIRST_TIME and not staff
    if first_time and not has_approved_comment(comment.user_email):
        return Decision(HOLD, _("First comment from this address."))
    return Decision(PUBLISH)
