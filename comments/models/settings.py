"""When comments are open: per site (auto-close) and per post (editor's switch)."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Site-wide comment rules editors change without a deploy."""

    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=90,
        help_text=_("Days after a post's date; 0 keeps comments open for good."),
    )
    hold_links_over = models.PositiveSmallIntegerField(
        _("hold for moderation above this many links"),
        default=2,
        help_text=_("Comments with more links wait for an editor before they appear."),
    )

    panels = [FieldPanel("close_after_days"), FieldPanel("hold_links_over")]

    class Meta:
        verbose_name = _("comment settings")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(_rules_key(self.site_id))

    def rules(self) -> "CommentRules":
        return CommentRules(self.close_after_days, self.hold_links_over)


@dataclass(frozen=True)
class CommentRules:
    """The site's comment settings as plain values, cheap to cache for every post page."""

    close_after_days: int
    hold_links_over: int

    def closes_at(self, post):
        """When comments on ``post`` close automatically, or None."""
        if not self.close_after_days or not getattr(post, "date", None):
            return None
        return post.date + timedelta(days=self.close_after_days)


def _rules_key(site_id) -> str:
    return f"stimme_comments:rules:{site_id or 0}"


def comment_rules(site) -> CommentRules:
    """The comment rules of ``site`` from the cache (saved settings clear it)."""
    key = _rules_key(getattr(site, "pk", None))
    rules = cache.get(key)
    if rules is None:
        rules = CommentSettings.for_site(site).rules()
        cache.set(key, rules, 3600)
    return rules


class PostCommentOptions(models.Model):
    """An editor's decision for one post: always open, or closed.

    Without a row the site rule applies (open until ``close_after_days``).
    Kept beside the post (not a field on ``PostPage``) so every post type
    gets it without a migration in their apps.
    """

    class Mode(models.TextChoices):
        OPEN = "open", _("Open (ignore auto-close)")
        CLOSED = "closed", _("Closed")

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="comment_options",
    )
    mode = models.CharField(_("comments"), max_length=10, choices=Mode.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("comment switch")
        verbose_name_plural = _("comment switches")

    def __str__(self):
        return f"{self.page_id}: {self.mode}"
