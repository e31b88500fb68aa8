"""What an internal post page shows besides its body: authors, audience, confirmation."""

from django.db.models import Prefetch, Q, prefetch_related_objects

from .audience import in_audience, is_editor
from .models import Acknowledgement, InternalPostAuthor, InternalPostPage


def neighbours(post, user):
    """The readable internal posts published just before and after ``post``."""
    from core.visibility import visible_siblings

    siblings = visible_siblings(
        InternalPostPage.objects.sibling_of(post, inclusive=False), post, user
    )
    older = (
        siblings.filter(Q(date__lt=post.date) | Q(date=post.date, pk__lt=post.pk))
        .order_by("-date", "-pk")
        .defer_streamfields()
        .first()
    )
    newer = (
        siblings.filter(Q(date__gt=post.date) | Q(date=post.date, pk__gt=post.pk))
        .order_by("date", "pk")
        .defer_streamfields()
        .first()
    )
    return older, newer


def post_context(post, request) -> dict:
    """Template context of an internal post for ``request.user``."""
    user = request.user
    if not getattr(request, "is_preview", False):
        # Unsaved relations live on the instance in preview; elsewhere load them once.
        prefetch_related_objects(
            [post],
            Prefetch(
                "authors", queryset=InternalPostAuthor.objects.select_related("person__photo")
            ),
            "audience_departments",
            "audience_locations",
            "attachments__document",
        )
    confirmation = None
    if post.must_read and user.is_authenticated and post.pk:
        confirmation = Acknowledgement.objects.filter(
            post_id=post.pk, user=user, version=post.acknowledgement_version
        ).first()
    older, newer = neighbours(post, user) if post.pk else (None, None)
    return {
        "internal_index": post.internal_index,
        "authors": post.author_people(),
        "audience": post.audience_labels(),
        "reader_in_audience": in_audience(post, user),
        "confirmation": confirmation,
        "reader_is_editor": is_editor(user),
        "attachments": [entry.document for entry in post.attachments.all() if entry.document_id],
        "previous_post": older,
        "next_post": newer,
    }
