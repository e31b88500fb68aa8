"""The internal home: what needs me, what is pinned, what is for me, then everything else.

Each section is found as a list of ids first; all posts shown on the page
are then loaded in one query with their teaser relations prefetched, so the
number of queries does not grow with the number of posts.

It sits below ``internal.models`` (the internal home's ``get_context`` calls
it): the post model comes with the section's queryset.
"""

from django.db.models import Exists, OuterRef

from core.models.posts import complete_teasers
from core.pagination import paginate

from .audience import audience_posts, targeted_posts
from .models.acknowledgements import Acknowledgement

POSTS_PER_PAGE = 12
PINNED_MAX = 4
FOR_ME_MAX = 6
TO_CONFIRM_MAX = 10


def newest_first(queryset):
    return queryset.order_by("-date", "-pk")


def confirmed_current(user):
    """An ``Exists`` for "``user`` confirmed the current version of this post"."""
    return Exists(
        Acknowledgement.objects.filter(
            user=user, post_id=OuterRef("pk"), version=OuterRef("acknowledgement_version")
        )
    )


def load_posts(model, ids: list[int], user) -> dict:
    """The ``model`` posts behind ``ids`` with what a teaser shows, and ``user``'s confirmations."""
    if not ids:
        return {}
    posts = (
        model.objects.filter(pk__in=ids)
        .annotate(confirmed_by_reader=confirmed_current(user))
        .select_related("hero_image")
        .prefetch_related(*model.listing_prefetch)
    )
    return {post.pk: post for post in posts}


def awaiting_confirmation(posts, user):
    """Must-reads in ``user``'s audience that they have not confirmed in the current version."""
    return audience_posts(posts.filter(must_read=True), user).filter(~confirmed_current(user))


def ids(queryset, limit: int | None = None) -> list[int]:
    queryset = newest_first(queryset).values_list("pk", flat=True)
    return list(queryset[:limit] if limit else queryset)


def internal_home_context(index, request) -> dict:
    """Template context of the internal home for ``request.user``.

    Page 1 shows must-reads awaiting the reader, pinned posts and posts
    targeted at the reader's department or location; the paginated list
    below holds all other posts, so nothing appears twice.
    """
    user = request.user
    posts = index.posts(user)
    to_confirm = ids(awaiting_confirmation(posts, user), TO_CONFIRM_MAX)
    pinned = ids(posts.filter(pinned=True), PINNED_MAX)
    for_me = ids(targeted_posts(posts, user).exclude(pk__in=pinned), FOR_ME_MAX)
    rest = newest_first(posts.exclude(pk__in=pinned + for_me)).values_list("pk", flat=True)
    page_obj = paginate(request, rest, POSTS_PER_PAGE)
    page_ids = list(page_obj.object_list)
    first_page = page_obj.number == 1
    shown = page_ids + ((pinned + for_me + to_confirm) if first_page else [])
    loaded = load_posts(posts.model, list(dict.fromkeys(shown)), user)
    complete_teasers(loaded.values())

    def pick(id_list):
        return [loaded[pk] for pk in id_list if pk in loaded]

    return {
        "to_confirm": pick(to_confirm) if first_page else [],
        "pinned_posts": pick(pinned) if first_page else [],
        "for_me_posts": pick(for_me) if first_page else [],
        "page_obj": page_obj,
        "posts": pick(page_ids),
    }
