"""An employee learns on their next visit to the post that a moderator rejected their comment.

The life of that notice, in one place: the reject action flags it
(``flag_for_author``), the post page reads it (``unseen_on``) and the
employee dismisses it with a POST (``mark_seen``), so showing a page never
writes to the database. Readers without an account learn by mail instead
(``queue.actions``).
"""

from django.core.cache import cache

from .models import StimmeComment

HINT_SECONDS = 60 * 60 * 24 * 30


def notice_key(user_id) -> str:
    """Cache hint that an employee has a rejection to read (the database is the truth)."""
    return f"stimme_comments:rejection_notice:{user_id}"


def flag_for_author(comment) -> None:
    """Keep the rejection of ``comment`` for its author's next visit to the post."""
    StimmeComment.objects.filter(pk=comment.pk).update(rejection_unseen=True)
    cache.set(notice_key(comment.user_id), True, timeout=HINT_SECONDS)


def unseen_on(user, post) -> list:
    """``user``'s rejected comments on ``post`` not shown to them yet (reads only).

    The cache hint keeps the query off every other page view.
    """
    if not getattr(user, "is_authenticated", False) or not cache.get(notice_key(user.pk)):
        return []
    unseen = StimmeComment.objects.filter(user=user, rejection_unseen=True)
    notices = list(unseen.on(post).select_related("rejected_for__page"))
    if not notices and not unseen.exists():
        # A stale hint (the comment was approved after all): stop asking.
        cache.delete(notice_key(user.pk))
    return notices


def mark_seen(user_id: int, comment_ids: list[int]) -> None:
    """The employee dismissed these notices: not again; drop the hint once none is left."""
    unseen = StimmeComment.objects.filter(user_id=user_id, rejection_unseen=True)
    unseen.filter(pk__in=comment_ids).update(rejection_unseen=False)
    if not unseen.exists():
        cache.delete(notice_key(user_id))
