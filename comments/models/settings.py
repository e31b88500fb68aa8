"""When comments are open and how they are moderated: per site, overridable per post."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class ModerationPolicy(models.TextChoices):
    """When a comment needs a moderator before readers see it."""

    POST = "post", _("Post-moderation: publish at once")
    FIRST_TIME = "first_time", _("Pre-moderate a public reader's first comment")
    ALL = "all", _("Pre-moderate every comment")


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Site-wide comment rules editors change without a deploy."""

    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        default=90,
        help_text=_("Days after a post's date; 0 keeps comments open for good."),
    )
    moderation_policy = models.CharField(
        _("moderation"),
        max_length=12,
        choices=ModerationPolicy.choices,
        default=ModerationPolicy.FIRST_TIME,
        help_text=_(
            "Default: a public reader's first comment waits; once one was approved, "
            "their later comments appear at once. Each post may override this."
        ),
    )
    internal_publish_directly = models.BooleanField(
        _("employees' internal comments appear at once"),
        default=True,
        help_text=_("Comments by employees on internal posts skip pre-moderation."),
    )
    hold_links_over = models.PositiveSmallIntegerField(
        _("hold for moderation above this many links"),
        default=2,
        help_text=_("Comments with more links wait for an editor before they appear."),
    )
    moderation_words = models.TextField(
        _("words that hold a comment"),
        blank=True,
        help_text=_(
            "One word or phrase per line; '*' matches any ending. Matched in name, email, "
            "website and text, ignoring case and umlauts (ä = ae)."
        ),
    )
    blocked_words = models.TextField(
        _("words that reject a comment"),
        blank=True,
        help_text=_("As above, but the comment is rejected at once."),
    )
    notify_every_minutes = models.PositiveSmallIntegerField(
        _("mail moderators at most every (minutes)"),
        default=30,
        help_text=_("0 turns the mails about waiting comments off."),
    )
    guidelines_page = models.ForeignKey(
        "stimme_comments.CommunityGuidelinesPage",
        verbose_name=_("community guidelines"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every comment form."),
    )

    panels = [
        FieldPanel("close_after_days"),
        MultiFieldPanel(
            [FieldPanel("moderation_policy"), FieldPanel("internal_publish_directly")],
            _("Moderation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("hold_links_over"),
                FieldPanel("moderation_words"),
                FieldPanel("blocked_words"),
            ],
            _("Automatic rules"),
        ),
        FieldPanel("notify_every_minutes"),
        FieldPanel("guidelines_page"),
    ]

    class Meta:
        verbose_name = _("comment settings")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(_rules_key(self.site_id))

    def rules(self) -> "CommentRules":
        page = self.guidelines_page if self.guidelines_page_id else None
        return CommentRules(
            close_after_days=self.close_after_days,
            hold_links_over=self.hold_links_over,
            moderation_policy=self.moderation_policy,
            internal_publish_directly=self.internal_publish_directly,
            moderation_words=tuple(_lines(self.moderation_words)),
            blocked_words=tuple(_lines(self.blocked_words)),
            notify_every_minutes=self.notify_every_minutes,
            guidelines_url=(page.url or "") if page is not None and page.live else "",
        )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class CommentRules:
    """The site's comment settings as plain values, cheap to cache for every post page."""

    close_after_days: int
    hold_links_over: int
    moderation_policy: str = ModerationPolicy.FIRST_TIME
    internal_publish_directly: bool = True
    moderation_words: tuple = ()
    blocked_words: tuple = ()
    notify_every_minutes: int = 30
    guidelines_url: str = ""

    def closes_at(self, post):
        """When comments on ``post`` close automatically, or None."""
        if not self.close_after_days or not getattr(post, "date", None):
            return None
        return post.date + timedelta(days=self.close_after_days)


def _rules_key(site_id) -> str:
    return f"stimme_comments:rules:v2:{site_id or 0}"


def comment_rules(site) -> CommentRules:
    """The comment rules of ``site`` from the cache (saved settings clear it)."""
    key = _rules_key(getattr(site, "pk", None))
    rules = cache.get(key)
    if rules is None:
        rules = CommentSettings.for_site(site).rules()
        cache.set(key, rules, 3600)
    return rules


class PostCommentOptions(models.Model):
    """An editor's decision for one post: open or closed, and how it is moderated.

    Without a row (or with empty fields) the site rules apply. Kept beside
    the post (not a field on ``PostPage``) so every post type gets it
    without a migration in their apps.
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
    mode = models.CharField(_("comments"), max_length=10, choices=Mode.choices, blank=True)
    moderation_policy = models.CharField(
        _("moderation"),
        max_length=12,
        choices=ModerationPolicy.choices,
        blank=True,
        help_text=_("Empty: the site's setting."),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("comment switch")
        verbose_name_plural = _("comment switches")

    def __str__(self):
        return f"{self.page_id}: {self.mode or '-'}/{self.moderation_policy or '-'}"
