"""The shared post page: what public and internal posts have in common, loaded once."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import PostBodyBlock
from core.visibility import visible_siblings

from .images import CustomImage

# What other apps add to every post page's context, by name: core cannot
# import them (they sit above it), so they register a loader in their
# AppConfig.ready(); comments registers its comment section this way.
_CONTEXT_LOADERS: dict = {}


def register_post_context(name: str, load) -> None:
    """Have every post page's ``get_context`` store ``load(request, post)`` under ``name``."""
    _CONTEXT_LOADERS[name] = load


# What other apps add to posts shown as teasers (comments: their counts), in
# one query per loader for a whole listing, not one per teaser.
_TEASER_LOADERS: list = []


def register_teaser_loader(load) -> None:
    """Have ``complete_teasers`` call ``load(posts)`` on every listing a page shows."""
    _TEASER_LOADERS.append(load)


def complete_teasers(*post_lists) -> None:
    """Give the posts of a page's listings what other apps show on teasers.

    A page's ``get_context`` calls it once with every list it shows, so the
    templates only render (``post.comment_count``).
    """
    posts = [post for posts in post_lists if posts for post in posts]
    if posts:
        for load in _TEASER_LOADERS:
            load(posts)


def _fill_renditions(width: int, height: int, widths) -> tuple[str, ...]:
    """The filter specs ``{% responsive_image %}`` asks for a ``fill-WxH`` at ``widths``."""
    return tuple(
        f"fill-{w}x{round(w * height / width)}|format-{kind}"
        for kind in ("webp", "jpeg")
        for w in widths
    )


# The hero renditions listings draw: teasers and cards ("fill-800x450" at the
# tag's default widths) and the home page's featured post ("fill-1200x675" at
# 600, 900, 1200). Only these are prefetched, not every rendition an image
# has; one drawn at another size would cost a query per image, which the
# listings' query budgets in the tests catch.
LISTING_HERO_RENDITIONS = tuple(
    dict.fromkeys(
        _fill_renditions(800, 450, (400, 800, 1200)) + _fill_renditions(1200, 675, (600, 900, 1200))
    )
)


def hero_prefetch(renditions=LISTING_HERO_RENDITIONS) -> Prefetch:
    """The hero image with just these renditions (Wagtail's ``prefetch_renditions``)."""
    return Prefetch("hero_image", queryset=CustomImage.objects.prefetch_renditions(*renditions))


class PostPage(Page):
    """What every post shares, public or internal: teaser, hero, date, body.

    Concrete types (``blog.BlogPostPage``, ``internal.InternalPostPage``) add
    their authors, taxonomy and audience; the home page and listings find
    them through ``core.models.pages.post_page_models``.
    """

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    teaser = models.TextField(
        _("teaser"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search engines."),
    )
    hero_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown on the post and used for ordering and archives."),
    )
    body = StreamField(PostBodyBlock(), verbose_name=_("body"), blank=True)
    language = models.CharField(
        _("language of the post"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Screen readers and search engines read the text in this language."),
    )

    # Relations a teaser shows besides authors and hero image ("categories", ...).
    teaser_relations: tuple[str, ...] = ()
    # Relations only the post page itself shows (attachments, ...).
    page_relations: tuple[str, ...] = ()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("subtitle"),
                FieldPanel("teaser"),
                FieldPanel("date"),
                FieldPanel("language"),
            ],
            _("Summary"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        abstract = True

    # --- Loading, once for every post type ----------------------------------

    @classmethod
    def author_prefetch(cls) -> Prefetch:
        """The credited authors in the editor's order, person and photo in the same query.

        Convention: a concrete post type links its authors through a
        ``people.Authorship`` subclass with ``related_name="authors"``.
        """
        authorship = cls._meta.get_field("authors").related_model
        return Prefetch(
            "authors",
            queryset=authorship.objects.select_related("person__photo").order_by("sort_order"),
        )

    @classmethod
    def teaser_prefetches(cls, renditions=LISTING_HERO_RENDITIONS) -> tuple:
        """What a teaser reads: authors, the type's teaser relations, the hero's ``renditions``."""
        hero = (hero_prefetch(renditions),) if renditions else ()
        return (cls.author_prefetch(), *cls.teaser_relations, *hero)

    @classmethod
    def prefetch_teasers(cls, queryset, renditions=LISTING_HERO_RENDITIONS):
        """``queryset`` with everything a teaser shows, in a fixed number of queries.

        ``renditions``: the hero image's renditions to load with it. Empty
        (a feed draws its own size): the image is joined in and its
        renditions come from Wagtail's rendition cache. Not both: a joined
        image skips the prefetch of its renditions.
        """
        if not renditions:
            queryset = queryset.select_related("hero_image")
        return queryset.prefetch_related(*cls.teaser_prefetches(renditions))

    @classproperty
    def listing_prefetch(cls) -> tuple:
        """``teaser_prefetches`` for callers that join the hero image in themselves.

        Prefer ``prefetch_teasers``, which also loads the hero's renditions.
        """
        return cls.teaser_prefetches(renditions=())

    def load_page_relations(self) -> None:
        """Load what the post page shows of its relations, one query each.

        Not in preview: there the relations live unsaved on this instance.
        """
        relations = [self.author_prefetch(), *self.teaser_relations, *self.page_relations]
        if self.hero_image_id:
            # Its renditions come from Wagtail's rendition cache: a prefetch
            # would ask the database every time for what the cache holds.
            relations.append("hero_image")
        prefetch_related_objects([self], *relations)

    def readable_siblings(self, user):
        """The other posts of this type under the same parent that ``user`` may read."""
        return visible_siblings(type(self).objects.sibling_of(self, inclusive=False), self, user)

    def neighbours(self, siblings) -> tuple["PostPage | None", "PostPage | None"]:
        """The posts of ``siblings`` published just before and just after this one."""
        older = (
            siblings.filter(Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk))
            .order_by("-date", "-pk")
            .defer_streamfields()
            .first()
        )
        newer = (
            siblings.filter(Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk))
            .order_by("date", "pk")
            .defer_streamfields()
            .first()
        )
        return older, newer

    def get_context(self, request, *args, **kwargs):
        """What every post page shows besides its fields: authors, previous and next post,
        and what other apps registered (``register_post_context``): the comment section.

        Subclasses call this first and add their own; templates and their
        tags only render what the two load.
        """
        context = super().get_context(request, *args, **kwargs)
        saved = bool(self.pk and self.path)
        if saved and not getattr(request, "is_preview", False):
            self.load_page_relations()
        older, newer = (
            self.neighbours(self.readable_siblings(getattr(request, "user", None)))
            if saved
            else (None, None)
        )
        context.update(authors=self.author_people(), previous_post=older, next_post=newer)
        for name, load in _CONTEXT_LOADERS.items():
            context[name] = load(request, self)
        return context

    def author_people(self) -> list:
        """People credited as authors, in order.

        Query-free after ``load_page_relations`` or ``prefetch_teasers``.
        """
        authors = getattr(self, "authors", None)
        if authors is None:
            return []
        return [authorship.person for authorship in authors.all()]
