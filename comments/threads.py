"""Comment threads and counts for posts, built in a fixed number of queries.

A post page shows one page of its thread: ``COMMENTS_THREADS_PER_PAGE``
top-level comments with all their replies, so a post with hundreds of
comments stays quick to render and to download. Two queries: a light one
over every visible comment of the post (ids and tree shape only) decides
the count, the pages and where each official answer is; then one query
loads what the page shows, with staff profile, department and photo
(renditions prefetched), the like count and whether this reader liked it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from django_comments_xtd.models import max_thread_level_for_content_type

from core.avatars import AVATAR_COLOURS, colour_for, initials_for
from core.pagecache import shared_value

from .links import COMMENT_PARAM, PAGE_PARAM, comment_link
from .models import CommentLike, StimmeComment

# A comment id or page number longer than this is not a reader's link.
_MAX_DIGITS = 12


def _in_thread(post):
    """What a thread is built from: published comments, deleted ones kept for their replies."""
    return StimmeComment.objects.on(post).published(with_deleted=True)


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
        _in_thread(post)
        .select_related("person__department", "person__photo", "person__user")
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
    # A colleague whose account was switched off: their comments stay, marked.
    has_left: bool = False

    @property
    def has_photo(self) -> bool:
        return bool(getattr(self.avatar, "photo", None))

    @property
    def _avatar_name(self) -> str:
        return self.avatar if isinstance(self.avatar, str) else self.name

    @property
    def initials(self) -> str:
        return initials_for(self._avatar_name)

    @property
    def colour(self) -> int:
        """Index into ``core.avatars.AVATAR_COLOURS``; comments.css has a class per colour."""
        return AVATAR_COLOURS.index(colour_for(self._avatar_name))


@dataclass
class Node:
    """One comment in the tree, with its replies and what this reader may do with it."""

    comment: StimmeComment
    author: Author
    children: list = field(default_factory=list)
    can_reply: bool = False
    can_edit: bool = False
    official_in_thread: object = None
    urls: dict = field(default_factory=dict)


@dataclass
class OfficialAnswer:
    """An official answer for the box above the thread, linked to its comment page."""

    comment: StimmeComment
    url: str


@dataclass
class ThreadPage:
    """One page of a post's thread: its top-level comments with replies, and the pager."""

    roots: list
    official_answers: list
    count: int
    post_url: str = ""
    number: int = 1
    num_pages: int = 1

    def url_of(self, number: int) -> str:
        """The post URL showing comment page ``number`` (page 1: the plain post URL)."""
        query = f"?{PAGE_PARAM}={number}" if number > 1 else ""
        return f"{self.post_url}{query}#comments"

    @property
    def previous_url(self) -> str:
        return self.url_of(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url_of(self.number + 1) if self.number < self.num_pages else ""


def profile_url(person, public_post: bool) -> str:
    """The profile link fit for this page: public profile, or the staff directory."""
    return person.profile_url if public_post else person.get_directory_url()


def author_of(comment, public_post: bool, profile_urls: dict | None = None) -> Author:
    """The byline of ``comment``; internal-only profiles show no photo or link in public.

    ``profile_urls`` (person id -> URL) spares repeated look-ups when one
    person answers many comments of a thread.
    """
    if comment.author_erased:
        return Author(name=comment.display_name, avatar="?")
    person = comment.person if comment.person_id else None
    if comment.is_staff_comment and person is not None:
        shows_face = not public_post or person.is_public
        has_left = person.user_id is not None and not person.user.is_active
        if has_left and not public_post:
            # The staff directory lists only current colleagues.
            url = ""
        elif profile_urls is None:
            url = profile_url(person, public_post)
        elif person.pk in profile_urls:
            url = profile_urls[person.pk]
        else:
            url = profile_urls[person.pk] = profile_url(person, public_post)
        return Author(
            name=person.name,
            is_staff=True,
            person=person,
            job_title=person.job_title,
            department=person.department.name if person.department_id else "",
            profile_url=url,
            avatar=person if shows_face else person.name,
            has_left=has_left,
        )
    return Author(
        name=comment.user_name,
        is_staff=comment.is_staff_comment,
        avatar=comment.user_name,
        website="" if comment.is_staff_comment else comment.user_url,
    )


# Placeholder id for building each action URL once per thread, not once per comment.
_ANY_ID = 987654321


def _action_urls() -> dict:
    patterns = {}
    for action in ("like", "reply", "report", "edit"):
        try:
            patterns[action] = reverse(f"stimme_comments:{action}", args=[_ANY_ID])
        except NoReverseMatch:
            continue
    return patterns


def _urls_for(patterns: dict, comment_id: int) -> dict:
    key = str(_ANY_ID)
    return {action: url.replace(key, str(comment_id)) for action, url in patterns.items()}


@dataclass
class _Tree:
    """The thread rules, once: which comment hangs where, which show, what counts.

    Built from rows ``(id, thread id, parent id, level, deleted, official)``
    in thread order, so the light shape query and the full page load cannot
    disagree about what a reader sees.
    """

    roots: list = field(default_factory=list)  # ids of top-level comments, in order
    children: dict = field(default_factory=dict)  # id -> reply ids, for every attached comment
    thread_of: dict = field(default_factory=dict)  # id -> thread id, for every attached comment
    removed: set = field(default_factory=set)
    official: list = field(default_factory=list)  # ids of official answers shown, in order
    count: int = 0  # attached comments that are not deleted

    @classmethod
    def of(cls, rows) -> "_Tree":
        tree = cls()
        for pk, thread_id, parent_id, level, removed, is_official in rows:
            if level == 0 or parent_id == pk:
                tree.roots.append(pk)
            elif parent_id in tree.children:
                tree.children[parent_id].append(pk)
            else:
                continue  # its parent is hidden by a moderator: so is the reply
            tree.children[pk] = []
            tree.thread_of[pk] = thread_id
            if removed:
                tree.removed.add(pk)
            else:
                tree.count += 1
                if is_official:
                    tree.official.append(pk)
        return tree

    def shown(self) -> set:
        """Ids that show: a deleted comment stays as a placeholder only while it has replies."""
        shown = set()
        # Replies come after their parent in thread order: walk back to decide children first.
        for pk in reversed(self.children):
            if pk not in self.removed or any(child in shown for child in self.children[pk]):
                shown.add(pk)
        return shown


def _row(comment) -> tuple:
    return (
        comment.pk,
        comment.thread_id,
        comment.parent_id,
        comment.level,
        comment.is_removed,
        comment.is_official_answer,
    )


def _assemble(comments, user, public_post: bool, can_post: bool, max_level: int, threads=None):
    """Build the tree from comments in thread order: (roots, official answers, count).

    With ``threads`` (a set of thread ids), only those threads are built.
    """
    if threads is not None:
        comments = [comment for comment in comments if comment.thread_id in threads]
    by_id = {comment.pk: comment for comment in comments}
    tree = _Tree.of(_row(comment) for comment in comments)
    shown = tree.shown()
    patterns = _action_urls()
    profile_urls: dict = {}
    nodes: dict[int, Node] = {}
    for pk in tree.children:
        if pk not in shown:
            continue
        comment = by_id[pk]
        nodes[pk] = Node(
            comment=comment,
            author=author_of(comment, public_post, profile_urls),
            can_reply=can_post and not comment.is_removed and comment.level < max_level,
            can_edit=comment.is_authored_by(user) and comment.editable_now(),
            urls=_urls_for(patterns, pk),
        )
    for pk, node in nodes.items():
        node.children = [nodes[child] for child in tree.children[pk] if child in nodes]
    official = [by_id[pk] for pk in tree.official]
    for comment in official:
        root = nodes.get(comment.thread_id)
        if root is not None and root.official_in_thread is None:
            root.official_in_thread = comment
    roots = [nodes[pk] for pk in tree.roots if pk in nodes]
    return roots, official, tree.count


def build_thread(post, user, public_post: bool, can_post: bool):
    """The whole comment tree of ``post`` for ``user``: (roots, official answers, count)."""
    max_level = max_thread_level_for_content_type(ContentType.objects.get_for_model(post))
    return _assemble(thread_queryset(post, user), user, public_post, can_post, max_level)


@dataclass
class _Shape:
    """The visible tree of a post without its content: what paging needs."""

    threads: list  # thread ids of the top-level comments shown, in order
    thread_of: dict  # comment id -> thread id, for every comment shown
    official: list  # ids of official answers shown, in order
    count: int


def _shape(post) -> _Shape:
    """Which comments show, in which thread; the same for every reader, so shared.

    Kept until the next content change (``core.pagecache.shared_value``), so
    a page render usually costs only the query for the comments it shows.
    """
    return shared_value("comment-shape", (post.pk,), lambda: _read_shape(post))


def _read_shape(post) -> _Shape:
    """One light query: the thread's ``_Tree`` without loading comments."""
    rows = (
        _in_thread(post)
        .order_by("thread_id", "order")
        .values_list("pk", "thread_id", "parent_id", "level", "is_removed", "is_official_answer")
    )
    tree = _Tree.of(rows)
    shown = tree.shown()
    threads = [tree.thread_of[pk] for pk in tree.roots if pk in shown]
    visible_threads = set(threads)
    thread_of = {pk: tid for pk, tid in tree.thread_of.items() if tid in visible_threads}
    return _Shape(threads=threads, thread_of=thread_of, official=tree.official, count=tree.count)


def threads_per_page() -> int:
    return max(1, getattr(settings, "COMMENTS_THREADS_PER_PAGE", 30))


def requested_page(query) -> tuple[str, int] | None:
    """What a post page's query string asks of the thread: ("comment", id) or ("page", n).

    None for the first page (no or unusable parameters).
    """
    for kind, param in (("comment", COMMENT_PARAM), ("page", PAGE_PARAM)):
        raw = (query.get(param) or "").strip()
        if raw.isdigit() and len(raw) <= _MAX_DIGITS and int(raw) > 0:
            return kind, int(raw)
    return None


def build_thread_page(post, user, public_post: bool, can_post: bool, wanted=None) -> ThreadPage:
    """One page of the comment tree of ``post`` for ``user``.

    ``wanted`` is what ``requested_page`` read from the URL: a page number
    (past the end gives the last page) or a comment id (the page holding
    that comment; page 1 if it is not shown).
    """
    shape = _shape(post)
    per_page = threads_per_page()
    num_pages = max(1, -(-len(shape.threads) // per_page))
    position = {thread_id: index for index, thread_id in enumerate(shape.threads)}

    def page_of(comment_id) -> int | None:
        thread_id = shape.thread_of.get(comment_id)
        return None if thread_id is None else position[thread_id] // per_page + 1

    number = 1
    if wanted is not None:
        kind, value = wanted
        number = (page_of(value) or 1) if kind == "comment" else min(value, num_pages)
    on_page = set(shape.threads[(number - 1) * per_page : number * per_page])

    max_level = max_thread_level_for_content_type(ContentType.objects.get_for_model(post))
    official_ids = set(shape.official)
    loaded = thread_queryset(post, user).filter(Q(thread_id__in=on_page) | Q(pk__in=official_ids))
    loaded = list(loaded) if on_page or official_ids else []
    roots, _official, _count = _assemble(
        loaded, user, public_post, can_post, max_level, threads=on_page
    )
    by_id = {comment.pk: comment for comment in loaded}
    post_url = post.url or ""
    answers = []
    for pk in shape.official:
        page = page_of(pk)
        if pk not in by_id or page is None:
            continue
        url = f"#c{pk}" if page == number else comment_link(post_url, pk)
        answers.append(OfficialAnswer(comment=by_id[pk], url=url))
    return ThreadPage(
        roots=roots,
        official_answers=answers,
        count=shape.count,
        post_url=post_url,
        number=number,
        num_pages=num_pages,
    )


def comment_count(post) -> int:
    """Visible, not deleted comments on ``post`` (use ``with_comment_counts`` in listings)."""
    cached = getattr(post, "comment_count", None)
    if isinstance(cached, int):
        return cached
    return StimmeComment.objects.on(post).published().count()


def with_comment_counts(posts):
    """Set ``comment_count`` on every post in one query per post type; returns ``posts``."""
    posts = list(posts)
    by_type: dict[int, list] = {}
    for post in posts:
        by_type.setdefault(ContentType.objects.get_for_model(post).pk, []).append(post)
    for content_type_id, group in by_type.items():
        totals = dict(
            StimmeComment.objects.on_posts(content_type_id, [post.pk for post in group])
            .published()
            .order_by()
            .values("object_pk")
            .annotate(total=Count("pk"))
            .values_list("object_pk", "total")
        )
        for post in group:
            post.comment_count = totals.get(str(post.pk), 0)
    return posts
