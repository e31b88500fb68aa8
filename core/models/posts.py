from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import PostBodyBlock


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

    # Relations a listing teaser needs; subclasses extend this.
    listing_prefetch: tuple[str, ...] = ()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("subtitle"), FieldPanel("teaser"), FieldPanel("date")], _("Summary")
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

    def author_people(self) -> list:
        """People credited as authors, in order.

        Convention: a concrete post type links its authors through a
        ``people.Authorship`` subclass with ``related_name="authors"``.
        Prefetch ``authors__person`` in listings to keep this query-free.
        """
        authors = getattr(self, "authors", None)
        if authors is None:
            return []
        return [authorship.person for authorship in authors.all()]
