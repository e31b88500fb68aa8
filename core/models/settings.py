from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Per-site facts editors change without a deploy: who we are, legal pages."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=255, default="Nordlicht Systemtechnik GmbH"
    )
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feeds_full_content = models.BooleanField(
        _("full content in feeds"),
        default=True,
        help_text=_("Off: feeds carry only the teaser and a link."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline")], _("Identity")),
        MultiFieldPanel([FieldPanel("imprint_page"), FieldPanel("privacy_page")], _("Legal")),
        FieldPanel("feeds_full_content"),
    ]

    class Meta:
        verbose_name = _("site settings")
