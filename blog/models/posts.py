"""A public blog post: authors, categories, tags, reading time and its neighbours."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.admin_forms import AuthoredPageForm
from core.blocks import allow_video_frames, reading_minutes, word_count
from core.models.posts import PostPage, complete_teasers
from core.site_address import absolute
from people.models import Authorship

from ..seo import blogposting_jsonld, og_image, share_links
from .taxonomy import BlogPostTag

RELATED_POSTS = 3
# Sub-URLs the blog index answers itself (see BlogIndexPage); posts may not use them.
RESERVED_SLUGS = frozenset({"category", "tag", "author", "feed"})


class BlogPostAuthor(Authorship):
    """One author of a blog post, in the order the editor chose."""

    page = ParentalKey("blog.BlogPostPage", related_name="authors", on_delete=models.CASCADE)


class BlogPostPage(PostPage):
    """A post on the public corporate blog.

    Authors are ``people.Person`` profiles (via ``BlogPostAuthor``), so a post
    keeps its credit when someone leaves. Listings load teasers with
    ``prefetch_teasers``; visibility always goes through ``core.visibility``.
    """

    categories = ParentalManyToManyField(
        "blog.BlogCategory", verbose_name=_("categories"), blank=True, related_name="posts"
    )
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=BlogPostTag, blank=True)

    teaser_relations = ("categories", "tags")

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []
    template = "blog/blog_post_page.html"
    base_form_class = AuthoredPageForm

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
        InlinePanel("authors", label=_("Authors"), min_num=1),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            _("Topics"),
        ),
    ]
    search_fields = [
        *PostPage.search_fields,
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields(
            "authors", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
    ]

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the blog itself; choose another slug.")
                    % {"slug": self.slug}
                }
            )
        if self.path and self.get_view_restrictions().exists():
            return  # A post behind a view restriction is not public.
        hidden = [
            authorship.person.name
            for authorship in self.authors.all()
            if authorship.person_id and not authorship.person.is_public
        ]
        if hidden:
            raise ValidationError(
                _(
                    "A public post can only credit people with a published public profile. "
                    "Not public: %(names)s."
                )
                % {"names": ", ".join(hidden)}
            )

    def author_people(self) -> list:
        """Credited authors a public reader may meet.

        ``clean()`` keeps internal-only people off public posts; this guards
        posts whose author's profile became internal or unpublished later.
        """
        return [person for person in super().author_people() if person.is_public]

    # --- What readers see -------------------------------------------------------

    @cached_property
    def word_count(self) -> int:
        """Words in title, subtitle, teaser and body, from the stored text (no queries)."""
        return word_count(self.body, self.title, self.subtitle, self.teaser)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def reading_time_label(self) -> str:
        """ "4 Minuten Lesedauer" in the reader's language."""
        minutes = self.reading_minutes
        return ngettext(
            "%(minutes)d minute reading time", "%(minutes)d minutes reading time", minutes
        ) % {"minutes": minutes}

    @cached_property
    def blog_index(self):
        """The index this post lives in (routing has usually cached the parent)."""
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        """Everything the post page shows: ``PostPage``'s authors and neighbours, then the
        blog's own (related posts, sharing, JSON-LD, feeds)."""
        context = super().get_context(request, *args, **kwargs)
        index = self.blog_index
        image = og_image(self)
        image_url = absolute(image.url) if image else ""
        user = getattr(request, "user", None)
        related = self.related_posts(self.readable_siblings(user)) if self.path else []
        complete_teasers(related)
        context.update(
            blog_index=index,
            og_image=(
                {"url": image_url, "width": image.width, "height": image.height} if image else None
            ),
            related_posts=related,
            share_links=share_links(self, request),
            jsonld=blogposting_jsonld(self, request, index, context["authors"], image_url),
            feed_links=index.feed_links(request),
            canonical_url=self.get_full_url(request),
        )
        return context

    def serve(self, request, *args, **kwargs):
        # Readers who click "play" need the video player's origin in frame-src.
        return allow_video_frames(super().serve(request, *args, **kwargs), self.body)

    def related_posts(self, siblings) -> list:
        """Up to three readable posts sharing most categories and tags, newest first."""
        category_ids = [category.pk for category in self.categories.all()]
        tag_ids = [tag.pk for tag in self.tags.all()]
        if not category_ids and not tag_ids:
            return []
        candidates = siblings.filter(
            Q(categories__in=category_ids) | Q(tagged_items__tag_id__in=tag_ids)
        ).values("pk")
        shared = Count("categories", filter=Q(categories__in=category_ids), distinct=True) + Count(
            "tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True
        )
        ranked = siblings.filter(pk__in=candidates).annotate(shared=shared)
        return list(
            self.prefetch_teasers(ranked).order_by("-shared", "-date", "-pk")[:RELATED_POSTS]
        )
