"""Which comments: on a post, published, on pages a reader may see. One owner for each rule.

Threads, counts, feeds, the moderation queue and the insights dashboard all
ask these methods instead of writing the filters again. Visibility itself is
``core.visibility``: a comment is visible exactly when the page it is on is.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from wagtail.models import Page

from core.visibility import visible_to

from .moderation import ModerationStatus


def page_ids_as_text(pages):
    """A page queryset as a subquery of text ids, to compare with ``object_pk``.

    ``object_pk`` is text (django_comments lets it point at any model);
    comments here are only ever on post pages (``policy.resolve_post``), so a
    page id identifies the post.
    """
    return pages.annotate(pk_text=Cast("pk", CharField())).values("pk_text")


class CommentQuerySet(QuerySet):
    """Comment filters with one meaning each, chained as needed."""

    def on(self, post):
        """Comments on ``post`` (every state: narrow with ``published()`` for readers)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(post),
            object_pk=str(post.pk),
            site_id=settings.SITE_ID,
        )

    def on_posts(self, content_type_id, post_ids):
        """Comments on several posts of one type (listings count them in one query)."""
        return self.filter(
            content_type_id=content_type_id,
            object_pk__in=[str(pk) for pk in post_ids],
            site_id=settings.SITE_ID,
        )

    def on_pages(self, pages):
        """Comments on the pages of a page queryset (a subquery: no extra round trip)."""
        return self.filter(object_pk__in=page_ids_as_text(pages))

    def published(self, *, with_deleted=False):
        """What readers see: public, not deleted.

        ``with_deleted`` keeps deleted ones too: a thread shows them as
        placeholders while they have replies.
        """
        if with_deleted:
            return self.filter(is_public=True)
        return self.filter(is_public=True, is_removed=False)

    def visible_to(self, user):
        """Comments on pages ``user`` may read (``None``: an anonymous reader)."""
        return self.on_pages(visible_to(Page.objects.all(), user))

    def hidden_from(self, user):
        """Comments on pages ``user`` may not read (the complement of ``visible_to``)."""
        return self.exclude(object_pk__in=page_ids_as_text(visible_to(Page.objects.all(), user)))

    def not_spam(self):
        return self.exclude(moderation_status=ModerationStatus.SPAM)

    def company_answers(self):
        """Published comments in which the company answers: by staff, or marked official."""
        return self.published().filter(Q(is_staff_comment=True) | Q(is_official_answer=True))


def later_in_same_thread() -> dict:
    """Filter arguments for comments after the outer comment, in its thread on its post."""
    return {
        "content_type": OuterRef("content_type"),
        "object_pk": OuterRef("object_pk"),
        "thread_id": OuterRef("thread_id"),
        "submit_date__gt": OuterRef("submit_date"),
    }
