"""A person's posts across every post type, without importing blog or internal.

Post types register themselves by subclassing ``core.models.posts.PostPage``
and linking authors through a ``people.models.Authorship`` subclass with
``related_name="authors"``. This module finds them generically, so a new
post type (polls, internal news) shows up on profiles without changes here.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist

from core.models.pages import post_page_models
from core.models.posts import complete_teasers
from core.pagination import paginate
from core.visibility import hidden_paths, visible_to

from .models.people import Authorship


@dataclass(frozen=True)
class PostRef:
    """Enough to sort and paginate posts of several types before loading them."""

    date: object
    pk: int
    model: type


def authored_post_models() -> list[tuple[type, type]]:
    """(post model, its ``Authorship`` subclass) for every post type with authors."""
    pairs = []
    for model in post_page_models():
        try:
            field = model._meta.get_field("authors")
        except FieldDoesNotExist:
            continue
        if issubclass(field.related_model, Authorship):
            pairs.append((model, field.related_model))
    return pairs


def post_refs(person, user) -> list[PostRef]:
    """The posts ``person`` (co-)wrote that ``user`` may read, newest first.

    One small query per post type (ids and dates only), however many posts
    there are; ``user=None`` means an anonymous reader.
    """
    refs: list[PostRef] = []
    if person.pk is None:  # an unsaved profile (admin preview) has written nothing
        return refs
    for model, authorship in authored_post_models():
        written = authorship.objects.filter(person=person).values("page_id")
        posts = visible_to(model.objects.filter(pk__in=written), user)
        refs += [PostRef(date, pk, model) for pk, date in posts.values_list("pk", "date")]
    refs.sort(key=lambda ref: (ref.date, ref.pk), reverse=True)
    return refs


def load_posts(refs: list[PostRef]) -> list:
    """The posts behind ``refs``, in the same order, with their teasers prefetched.

    One query per post type on the page (plus that type's prefetches).
    """
    by_model: dict[type, list[int]] = {}
    for ref in refs:
        by_model.setdefault(ref.model, []).append(ref.pk)
    loaded = {}
    for model, pks in by_model.items():
        queryset = (
            model.objects.filter(pk__in=pks)
            .select_related("hero_image")
            .prefetch_related(*model.listing_prefetch)
        )
        loaded.update({(model, post.pk): post for post in queryset})
    return [loaded[(ref.model, ref.pk)] for ref in refs if (ref.model, ref.pk) in loaded]


def paginated_posts(request, person, user, per_page: int):
    """A ``Page`` of ``person``'s posts readable by ``user``, loaded for display.

    Uses ``core.pagination.paginate``: a bad ``?page=`` gives page 1, one past
    the end is a 404.
    """
    page_obj = paginate(request, post_refs(person, user), per_page)
    page_obj.object_list = load_posts(list(page_obj.object_list))
    complete_teasers(page_obj.object_list)
    return page_obj


def mark_internal(posts) -> None:
    """Set ``post.is_internal`` on each post an anonymous reader could not open."""
    restricted = hidden_paths(AnonymousUser())
    for post in posts:
        post.is_internal = any(post.path.startswith(path) for path in restricted)
