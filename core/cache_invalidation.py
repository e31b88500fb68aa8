"""Drop the page cache whenever content readers can see changes.

Connected once in ``CoreConfig.ready()``. These signals are how the page
cache learns of a change, whoever makes it: an editor in the admin, a
moderator, scheduled publishing (cron), management commands, tasks, the
shell. A request by itself never drops the cache (a stranger's POST would
empty it for everyone); writes that send no signal (``QuerySet.update``)
call ``core.pagecache.invalidate_pages`` themselves. Models of other apps are
looked up by label, so core imports none of them; a label whose app is not
installed is skipped.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from . import pagecache

# Models whose rows show up on public pages, beyond pages themselves.
CONTENT_MODELS = (
    "stimme_comments.StimmeComment",
    "stimme_comments.CommentLike",
    "stimme_comments.CommentSettings",
    "stimme_comments.PostCommentOptions",
    "people.Person",
    "people.Department",
    "blog.BlogCategory",
    "core.SiteSettings",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "stimme_comments.CommunityGuideline",
    "polls.Poll",
    "polls.PollOption",
    "taggit.Tag",
    # A replaced or renamed image or document changes the URLs and alt text pages show.
    "core.CustomImage",
    "wagtaildocs.Document",
)


def _like_is_counted(like) -> bool:
    # A like waiting for its confirmation mail is shown nowhere; creating it
    # (any stranger can) must not empty the cache for everyone.
    return (
        getattr(like, "user_id", None) is not None or getattr(like, "confirmed_at", 1) is not None
    )


# Rows readers see only in some states: the others change no page.
SEEN_WHEN = {"stimme_comments.CommentLike": _like_is_counted}

DISPATCH_PREFIX = "core.pagecache"


def _page_changed(sender, instance=None, **kwargs):
    pagecache.invalidate_page(instance)


def _page_deleted(sender, instance=None, **kwargs):
    # Wagtail sends page_unpublished before deleting a live page (that purges
    # the CDN); here only the local cache needs dropping, once per row.
    pagecache.bump_generation()


def _live_page_saved(sender, instance, **kwargs):
    # Draft saves of a never-published page change nothing readers see.
    if instance.live:
        pagecache.bump_generation()


def _content_changed(sender, instance=None, **kwargs):
    seen = SEEN_WHEN.get(sender._meta.label)
    if seen is not None and instance is not None and not seen(instance):
        return
    # Finding the page costs a query: only worth it when a CDN needs purging.
    page = _page_of(instance) if pagecache.frontend_cache_configured() else None
    pagecache.invalidate_page(page)


def _page_of(instance):
    """The page a comment (or similar) belongs to, for purging a CDN; None if none."""
    page_id = getattr(instance, "page_id", None)
    if page_id is None and getattr(instance, "object_pk", None):
        content_type = getattr(instance, "content_type", None)
        if content_type is not None and issubclass(content_type.model_class() or object, Page):
            page_id = instance.object_pk
    if page_id is None:
        return None
    return Page.objects.filter(pk=page_id).specific().first()


def _restriction_groups_changed(sender, **kwargs):
    if kwargs.get("action", "").startswith("post_"):
        pagecache.bump_generation()


def connect_signals() -> None:
    """Connect every receiver (idempotent: each has a dispatch_uid)."""
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (page_slug_changed, "slug"),
    ):
        signal.connect(_page_changed, dispatch_uid=f"{DISPATCH_PREFIX}.page.{name}")
    # Snippets with drafts (people profiles, say) announce publishing too.
    published.connect(_content_changed, dispatch_uid=f"{DISPATCH_PREFIX}.published")
    unpublished.connect(_content_changed, dispatch_uid=f"{DISPATCH_PREFIX}.unpublished")

    for model in apps.get_models():
        if issubclass(model, Page):
            uid = f"{DISPATCH_PREFIX}.{model._meta.label_lower}"
            post_save.connect(_live_page_saved, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"{uid}.delete")

    for label in CONTENT_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        uid = f"{DISPATCH_PREFIX}.{label.lower()}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.delete")

    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{DISPATCH_PREFIX}.restriction_groups",
    )
