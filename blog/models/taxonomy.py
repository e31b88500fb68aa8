"""How blog posts are grouped: editor-managed categories and free tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class BlogCategory(index.Indexed, models.Model):
    """A small, stable set of topics editors curate (snippet); each has a URL."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")

    def __str__(self):
        return self.name


class BlogPostTag(TaggedItemBase):
    """Links a blog post to a taggit tag; tags are free-form and many."""

    content_object = ParentalKey(
        "blog.BlogPostPage", related_name="tagged_items", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("blog post tag")
        verbose_name_plural = _("blog post tags")
