from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.visibility import visible_to

from .posts import PostPage, complete_teasers
from .sections import BilingualSection


def post_page_models() -> list[type[PostPage]]:
    """Concrete post types of every installed app (public and internal)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, PostPage) and not model._meta.abstract
    ]


def latest_posts(user, limit: int, public_only: bool = True) -> list[PostPage]:
    """The newest posts ``user`` may read, across all post types.

    One query per post type (bounded, not per post), with what its teasers
    show prefetched (``PostPage.prefetch_teasers``).
    """
    posts: list[PostPage] = []
    for model in post_page_models():
        queryset = model.prefetch_teasers(
            visible_to(model.objects.all(), None if public_only else user)
        )
        posts.extend(queryset.order_by("-date", "-pk")[:limit])
    posts.sort(key=lambda post: (post.date, post.pk), reverse=True)
    return posts[:limit]


class HomePage(BilingualSection, Page):
    """The front door: the latest public posts and the people behind them."""

    intro = models.TextField(_("introduction"), blank=True)
    latest_count = models.PositiveSmallIntegerField(_("number of latest posts"), default=6)
    # A plain page link: core imports no feature app, the chooser narrows it to public posts.
    featured_post = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("featured post"),
        help_text=_("Shown large above the latest posts. Empty: the newest post."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("featured_post", page_type="blog.BlogPostPage"),
        FieldPanel("latest_count"),
        *BilingualSection.english_panels,
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = latest_posts(request.user, self.latest_count + 1)
        featured = self.featured_for_readers() or (posts[0] if posts else None)
        others = [post for post in posts if featured is None or post.pk != featured.pk]
        context["featured_post"] = featured
        context["latest_posts"] = others[: self.latest_count]
        shown = ([featured] if featured else []) + context["latest_posts"]
        complete_teasers(shown)
        context["featured_people"] = self.people_behind(shown)
        return context

    def featured_for_readers(self) -> PostPage | None:
        """The editor's choice, if it is a post every reader may see (the home page is public)."""
        if self.featured_post_id is None:
            return None
        for model in post_page_models():
            chosen = model.prefetch_teasers(
                visible_to(model.objects.filter(pk=self.featured_post_id), None)
            )
            if post := chosen.first():
                return post
        return None

    @staticmethod
    def people_behind(posts) -> list:
        """Distinct public authors of ``posts``, in order of appearance."""
        seen: dict[int, object] = {}
        for post in posts:
            for person in post.author_people():
                if person.pk not in seen and person.is_public:
                    seen[person.pk] = person
        return list(seen.values())


class StandardPage(Page):
    """A plain text page: imprint, privacy notice, about us."""

    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
