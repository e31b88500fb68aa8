"""Fixed section pages (home, blog, people, internal) in the reader's interface language.

Posts keep the language they were written in (``BlogPostPage.language``); the
pages that frame them are the site's own voice and switch with the interface.
Editors write the English title and introduction beside the German ones; an
empty English field falls back to the German text rather than to nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def reading_english() -> bool:
    return (get_language() or "").split("-")[0] == "en"


class BilingualSection(models.Model):
    """Mixin for a section page's title and introduction in English."""

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True, max_length=600)

    english_panels = [
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("intro_en")],
            _("English version"),
            help_text=_("Shown to readers who chose English. Empty: the German text."),
        )
    ]

    class Meta:
        abstract = True

    @property
    def shown_title(self) -> str:
        return self.title_en if reading_english() and self.title_en else self.title

    @property
    def shown_intro(self) -> str:
        return self.intro_en if reading_english() and self.intro_en else self.intro

    @property
    def shown_tab_title(self) -> str:
        """The browser tab's title: the English title, else the SEO title or the title."""
        if reading_english() and self.title_en:
            return self.title_en
        return self.seo_title or self.title

    @property
    def content_language(self) -> str:
        """The language of what ``shown_title``/``shown_intro`` return, for ``lang``."""
        return "en" if reading_english() and self.title_en else settings.LANGUAGE_CODE
