"""The community guidelines: a page readers can read, and the rules moderators cite."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey


class CommunityGuidelinesPage(Page):
    """How we talk with each other under our posts; every comment form links here.

    Each rule is a ``CommunityGuideline`` with a stable anchor, so a rejection
    mail can point at exactly the rule that applied.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("rules", label=_("rules")),
    ]
    subpage_types: list[str] = []
    template = "stimme_comments/guidelines_page.html"

    class Meta:
        verbose_name = _("community guidelines")


class CommunityGuideline(Orderable):
    """One rule of the guidelines; moderators choose it as the reason for a rejection."""

    page = ParentalKey(CommunityGuidelinesPage, on_delete=models.CASCADE, related_name="rules")
    anchor = models.SlugField(
        _("anchor"), max_length=50, help_text=_("Part of the link to this rule, e.g. 'respect'.")
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"))

    panels = [FieldPanel("title"), FieldPanel("anchor"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")

    def __str__(self):
        return self.title

    def url(self) -> str:
        """The page, scrolled to this rule ('' if the page is not published)."""
        page_url = self.page.url if self.page_id and self.page.live else ""
        return f"{page_url}#{self.anchor}" if page_url else ""
