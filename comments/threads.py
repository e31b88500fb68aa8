"""Comment threads and counts for posts, built in a fixed number of queries.

One query loads every visible comment of a post with its staff profile,
department and photo (renditions prefetched), the like count and whether
this reader liked it; the tree is then assembled in memory.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from django_comments_xtd.models import max_thread_level_for_content_type

from .models import CommentLike, StimmeComment


def comments_on(post):
    """Published comments of ``post`` (deleted ones included, for their replies)."""
    return StimmeComment.objects.filter(
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
        site_id=settings.SITE_ID,
        is_public=True,
    )


def _like_counts():
    likes = (
        CommentLike.objects.filter(comment=OuterRef("pk"), confirmed_at__isnull=False)
        .order_by()
        .values("comment")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(likes, output_field=IntegerField()), Value(0))


def thread_queryset(post, user=None):
    """Everything a thread shows, in thread order, in one query (+1 for renditions)."""
    queryset = (
        comments_on(post)
        .select_related("person__department", "person__photo")
        .prefetch_related("person__photo__renditions")
        .annotate(like_count=_like_counts())
        .order_by("thread_id", "order")
    )
    if getattr(user, "is_authenticated", False):
        mine = CommentLike.objects.filter(comment=OuterRef("pk"), user=user)
        queryset = queryset.annotate(liked=Exists(mine))
    else:
        queryset = queryset.annotate(liked=Value(False))
    return queryset


@dataclass
class Author:
    """Who wrote a comment, as this page may show them."""

    name: str
    is_staff: bool = False
    person: object = None
    job_title: str = ""
    department: str = ""
    profile_url: str = ""
    avatar: object = None  # what {% avatar %} draws: a Person (photo) or a name (initials)
    website: str = ""


@dataclass
class Node:
    """One comment in the tree, with its replies and what this reader may do with it."""

    comment: StimmeComment
    author: Author
    children: list = field(default_factory=list)
    can_reply: bool = False
    can_edit: bool = False
    official_in_thread: object = None


def profile_url(person, public_post: bool) -> str:
    """The profile link fit for this page: public profile, or the staff directory."""
    if public_post:
        getter = getattr(person, "get_absolute_url", None)
        return (getter() or "") if getter and person.is_public else ""
    try:
        return reverse("people:directory_profile", args=[person.slug])
    except NoReverseMatch:
        return ""


def author_of(comment, public_post: bool) -> Author:
    """The byline of ``comment``; internal-only profiles show no photo or link in public."""
    if comment.author_erased:
        return Author(name=comment.display_name, avatar="?")
    person = comment.person if comment.person_id else None
    if comment.is_staff_comment and person is not None:
        shows_face = not public_post or person.is_public
        return Author(
            name=person.name,
            is_staff=True,
            person=person,
            job_title=person.job_title,
            department=person.department.name if person.department_id else "",
            profile_url=profile_url(person, public_post),
            avatar=person if shows_face else person.name,
        )
    return Author(
        name=comment.user_name,
        is_staff=comment.is_staff_comment,
        avatar=comment.user_name,
        website="" if comment.is_staff_comment else comment.user_url,
    )


def build_thread(post, user, public_post: bool, can_post: bool):
    """The comment tree of ``post`` for ``user``: (roots, official answers, count)."""
    content_type = ContentType.objects.get_for_model(post)
    max_level = max_thread_level_for_content_type(content_type)
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    official: list[StimmeComment] = []
    count = 0
    for comment in thread_queryset(post, user):
        node = Node(
            comment=comment,
            author=author_of(comment, public_post),
            can_reply=can_post and not comment.is_removed and comment.level < max_level,
            can_edit=comment.is_authored_by(user) and comment.editable_now(),
        )
        nodes[comment.pk] = node
        if comment.level == 0 or comment.parent_id == comment.pk:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
        else:
            continue  # its parent is hidden by a moderator: so is the reply
        if not comment.is_removed:
            count += 1
            if comment.is_official_answer:
                official.append(comment)
                root = nodes.get(comment.thread_id)
                if root is not None and root.official_in_thread is None:
                    root.official_in_thread = comment
    return [node for node in roots if _worth_showing(node)], official, count


def _worth_showing(node: Node) -> bool:
    """A deleted comment stays as a placeholder only while it has replies."""
    node.children = [child for child in node.children if _worth_showing(child)]
    return not node.comment.is_removed or bool(node.children)


def comment_count(post) -> int:
    """Visible, not deleted comments on ``post`` (use ``with_comment_counts`` in listings)."""
    cached = getattr(post, "comment_count", None)
    if isinstance(cached, int):
        return cached
    return comments_on(post).filter(is_removed=False).count()


def with_comment_counts(posts):
    """Set ``comment_count`` on every post in one query per post type; returns ``posts``."""
    posts = list(posts)
    by_type: dict[int, list] = {}
    for post in posts:
        by_type.setdefault(ContentType.objects.get_for_model(post).pk, []).append(post)
    for content_type_id, group in by_type.items():
        totals = dict(
            StimmeComment.objects.filter(
                content_type_id=content_type_id,
                object_pk__in=[str(post.pk) for post in group],
                site_id=settings.SITE_ID,
                is_public=True,
                is_removed=False,
            )
            .order_by()
            .values("object_pk")
            .annotate(total=Count("pk"))
            .values_list("object_pk", "total")
        )
        for post in group:
            post.comment_count = totals.get(str(post.pk), 0)
    return posts
