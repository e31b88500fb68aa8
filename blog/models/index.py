"""The blog's front page and every filtered view of it (category, tag, author, month)."""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from taggit.models import Tag

from core.models.posts import complete_teasers
from core.models.sections import BilingualSection
from core.pagination import paginate
from core.visibility import visible_children
from people.models import Person

from ..feeds import blog_feed_response
from .posts import BlogPostAuthor, BlogPostPage
from .taxonomy import BlogCategory, BlogPostTag

POSTS_PER_PAGE = 10


@dataclass
class BlogListing:
    """One view of the blog: which posts, under which heading, at which URL."""

    posts: models.QuerySet
    heading: str
    kind: str = "all"
    description: str = ""
    route: tuple[str, tuple] = ("index", ())
    subject: object = None


class BlogIndexPage(BilingualSection, RoutablePageMixin, Page):
    """The public blog: newest posts first, with clean filter and feed URLs.

    Filters: ``category/<slug>/``, ``tag/<slug>/``, ``author/<slug>/`` and
    ``<yyyy>/<mm>/``; each has RSS (``feed/``) and Atom (``feed/atom/``).
    Every listing and feed asks ``core.visibility`` which posts to show.
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *BilingualSection.english_panels]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["blog.BlogPostPage"]
    template = "blog/blog_index_page.html"

    class Meta:
        verbose_name = _("blog index")

    # --- Which posts ---------------------------------------------------------

    def posts(self, user):
        """Posts of this blog that ``user`` may read (anonymous: public and live)."""
        return visible_children(BlogPostPage.objects.child_of(self), self.path, user)

    @staticmethod
    def for_listing(posts, **teasers):
        """``posts`` newest first, with everything a teaser shows (see ``prefetch_teasers``)."""
        return BlogPostPage.prefetch_teasers(posts, **teasers).order_by("-date", "-pk")

    def listing(self, user, kind: str = "all", **kwargs) -> BlogListing:
        """Resolve a filter to its posts, or raise 404 for unknown or empty subjects.

        Tags, authors and months only exist as pages while readable posts carry
        them, so a draft's tag or an internal colleague never gets a public page.
        """
        posts = self.posts(user)
        if kind == "category":
            category = get_object_or_404(BlogCategory, slug=kwargs["slug"])
            return BlogListing(
                posts=posts.filter(categories=category),
                heading=category.name,
                kind=kind,
                description=category.description,
                route=("category", (category.slug,)),
                subject=category,
            )
        if kind == "tag":
            tag = get_object_or_404(Tag, slug=kwargs["slug"])
            tagged = BlogPostTag.objects.filter(tag=tag).values("content_object_id")
            posts = posts.filter(pk__in=tagged)
            self._require(posts)
            return BlogListing(
                posts=posts,
                heading=gettext("Posts tagged “%(tag)s”") % {"tag": tag.name},
                kind=kind,
                route=("tag", (tag.slug,)),
                subject=tag,
            )
        if kind == "author":
            person = get_object_or_404(
                Person.objects.public().select_related("photo"), slug=kwargs["slug"]
            )
            written = BlogPostAuthor.objects.filter(person=person).values("page_id")
            posts = posts.filter(pk__in=written)
            self._require(posts)
            return BlogListing(
                posts=posts,
                heading=gettext("Posts by %(name)s") % {"name": person.name},
                kind=kind,
                route=("author", (person.slug,)),
                subject=person,
            )
        if kind == "month":
            year, month = int(kwargs["year"]), int(kwargs["month"])
            if not 1 <= month <= 12 or year < 1900:
                raise Http404("no such month")
            posts = posts.filter(date__year=year, date__month=month)
            self._require(posts)
            return BlogListing(
                posts=posts,
                heading=gettext("Posts from %(month)s %(year)d")
                % {"month": MONTHS[month], "year": year},
                kind=kind,
                route=("month", (f"{year:04d}", f"{month:02d}")),
                subject=date(year, month, 1),
            )
        return BlogListing(posts=posts, heading=self.shown_title, description=self.shown_intro)

    @staticmethod
    def _require(posts) -> None:
        if not posts.exists():
            raise Http404("nothing to show")

    # --- URLs ------------------------------------------------------------------

    def route_url(self, name: str, args=(), request=None, absolute=False) -> str:
        """URL of one of this index's sub-pages (relative unless ``absolute``)."""
        base = self.get_full_url(request) if absolute else self.get_url(request)
        return base + self.reverse_subpage(name, args=list(args)).lstrip("/")

    def feed_links(self, request, listing: BlogListing | None = None) -> list[dict]:
        """Feed discovery ``<link>``s: this filter's feeds first, then the whole blog's."""
        links = []
        if listing is not None and listing.kind != "all" and listing.kind != "month":
            name, args = listing.route
            links += [
                {
                    "type": "application/rss+xml",
                    "title": f"{listing.heading} (RSS)",
                    "url": self.route_url(f"{name}_feed", args, request),
                },
                {
                    "type": "application/atom+xml",
                    "title": f"{listing.heading} (Atom)",
                    "url": self.route_url(f"{name}_feed_atom", args, request),
                },
            ]
        links += [
            {
                "type": "application/rss+xml",
                "title": f"{self.title} (RSS)",
                "url": self.route_url("feed", (), request),
            },
            {
                "type": "application/atom+xml",
                "title": f"{self.title} (Atom)",
                "url": self.route_url("feed_atom", (), request),
            },
        ]
        return links

    # --- Views ---------------------------------------------------------------

    def render_listing(self, request, listing: BlogListing):
        """The HTML page of a listing, paginated with the shared helper."""
        user = getattr(request, "user", None)
        page_obj = paginate(request, self.for_listing(listing.posts), POSTS_PER_PAGE)
        name, args = listing.route
        canonical = self.route_url(name, args, request, absolute=True)
        if page_obj.number > 1:
            canonical += f"?page={page_obj.number}"
        context = self.get_context(request)
        complete_teasers(page_obj.object_list)
        visible = self.posts(user)
        context.update(
            listing=listing,
            page_obj=page_obj,
            posts=page_obj.object_list,
            canonical_url=canonical,
            feed_links=self.feed_links(request, listing),
            categories=BlogCategory.objects.filter(posts__in=visible.values("pk")).distinct(),
            months=visible.datetimes("date", "month", order="DESC"),
        )
        return TemplateResponse(request, self.get_template(request), context)

    @path("", name="index")
    def index_view(self, request):
        return self.render_listing(request, self.listing(request.user))

    @re_path(r"^category/(?P<slug>[-\w]+)/$", name="category")
    def category_view(self, request, slug):
        return self.render_listing(request, self.listing(request.user, "category", slug=slug))

    @re_path(r"^tag/(?P<slug>[-\w]+)/$", name="tag")
    def tag_view(self, request, slug):
        return self.render_listing(request, self.listing(request.user, "tag", slug=slug))

    @re_path(r"^author/(?P<slug>[-\w]+)/$", name="author")
    def author_view(self, request, slug):
        return self.render_listing(request, self.listing(request.user, "author", slug=slug))

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$", name="month")
    def month_view(self, request, year, month):
        listing = self.listing(request.user, "month", year=year, month=month)
        return self.render_listing(request, listing)

    # Feeds are public documents: always built for an anonymous reader.
    @path("feed/", name="feed")
    @path("feed/atom/", name="feed_atom")
    def feed_view(self, request):
        return self._feed(request, self.listing(None), request.path_info.endswith("/atom/"))

    @re_path(r"^category/(?P<slug>[-\w]+)/feed/$", name="category_feed")
    @re_path(r"^category/(?P<slug>[-\w]+)/feed/atom/$", name="category_feed_atom")
    def category_feed_view(self, request, slug):
        listing = self.listing(None, "category", slug=slug)
        return self._feed(request, listing, request.path_info.endswith("/atom/"))

    @re_path(r"^tag/(?P<slug>[-\w]+)/feed/$", name="tag_feed")
    @re_path(r"^tag/(?P<slug>[-\w]+)/feed/atom/$", name="tag_feed_atom")
    def tag_feed_view(self, request, slug):
        listing = self.listing(None, "tag", slug=slug)
        return self._feed(request, listing, request.path_info.endswith("/atom/"))

    @re_path(r"^author/(?P<slug>[-\w]+)/feed/$", name="author_feed")
    @re_path(r"^author/(?P<slug>[-\w]+)/feed/atom/$", name="author_feed_atom")
    def author_feed_view(self, request, slug):
        listing = self.listing(None, "author", slug=slug)
        return self._feed(request, listing, request.path_info.endswith("/atom/"))

    def _feed(self, request, listing: BlogListing, atom: bool):
        return blog_feed_response(self, request, listing, atom=atom)

    def get_sitemap_urls(self, request=None):
        """The index, plus one entry per category that has public posts."""
        urls = super().get_sitemap_urls(request)
        public = self.posts(None)
        for category in BlogCategory.objects.filter(posts__in=public.values("pk")).distinct():
            urls.append({"location": self.route_url("category", (category.slug,), request, True)})
        return urls
