"""Drop the page cache whenever content readers can see changes.

These signals are how the page cache learns of a change, whoever makes it:
an editor in the admin, a moderator, scheduled publishing (cron), management
commands, tasks, the shell. A request by itself never drops the cache (a
stranger's POST would empty it for everyone); writes that send no signal
(``QuerySet.update``) call ``core.pagecache.invalidate_pages`` themselves.

Pages are watched here, for every page type. Other rows that show up on
pages are watched once their app says so, in its ``AppConfig.ready()``::

    register(self.get_model("Person"))

so core names no app above it. ``connect_signals`` (``CoreConfig.ready()``)
registers core's own models and the third-party ones core builds on.
"""

from collections.abc import Callable

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from taggit.models import Tag

from operations.resilient_cache import cache_reconnected

from . import pagecache
from .models import SiteSettings

DISPATCH_PREFIX = "core.pagecache"

# Rows readers see only in some states (``register(..., seen_when=...)``):
# the others change no page.
_seen_when: dict[str, Callable[[Model], bool]] = {}
# Fields a library writes for its own bookkeeping (``register(..., bookkeeping=...)``):
# a save of only these changes no page.
_bookkeeping: dict[str, frozenset[str]] = {}


def register(
    model: type[Model],
    *,
    seen_when: Callable[[Model], bool] | None = None,
    bookkeeping: tuple[str, ...] = (),
) -> None:
    """Drop the page cache when a row of ``model`` is saved or deleted (idempotent).

    For models whose rows show up on public pages, beyond pages themselves.
    ``seen_when(row)`` answers False for a row no page shows (an unconfirmed
    like, say): saving it leaves the cache alone, so strangers who may create
    such rows cannot empty the cache for everyone. A save that writes only
    ``bookkeeping`` fields (``save(update_fields=...)``) leaves it alone too.
    """
    label = model._meta.label
    if seen_when is not None:
        _seen_when[label] = seen_when
    if bookkeeping:
        _bookkeeping[label] = frozenset(bookkeeping)
    uid = f"{DISPATCH_PREFIX}.{label.lower()}"
    post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.save")
    post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.delete")


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


def _content_changed(sender, instance=None, update_fields=None, created=False, **kwargs):
    if update_fields and set(update_fields) <= _bookkeeping.get(sender._meta.label, frozenset()):
        return
    if created and issubclass(sender, BaseSiteSetting):
        # Wagtail creates a site's settings row, holding the defaults, the
        # first time a page reads it (``for_site``): nothing readers see
        # changes. Editing settings saves the existing row, which counts.
        return
    seen = _seen_when.get(sender._meta.label)
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


def _forget_generation_from_before_outage(sender, cache, **kwargs):
    # Content changed during a Redis outage could not bump the generation
    # there; Redis may still hold pages under the one it had (a network split).
    cache.delete(pagecache.GENERATION_KEY)
    pagecache.forget_known_generation()


def connect_signals() -> None:
    """Connect page receivers and core's own models (idempotent: each has a dispatch_uid)."""
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

    for model in (SiteSettings, PageViewRestriction, Site, Tag):
        register(model)
    # A replaced or renamed image or document changes the URLs and alt text pages show;
    # the hash and size Wagtail stores on an image's first rendition change nothing.
    register(get_image_model(), bookkeeping=("file_hash", "file_size"))
    register(get_document_model())

    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{DISPATCH_PREFIX}.restriction_groups",
    )
    cache_reconnected.connect(
        _forget_generation_from_before_outage, dispatch_uid=f"{DISPATCH_PREFIX}.reconnected"
    )
