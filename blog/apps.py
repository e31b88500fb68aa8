from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """The public corporate blog: index, posts, categories, tags, archives, feeds."""

    name = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.cache_invalidation import register
        from core.roles import BLOG_SECTION, connect_section

        from .models import BlogCategory, BlogIndexPage

        # A new blog index gets the page permissions core.roles writes down.
        connect_section(BlogIndexPage, BLOG_SECTION)
        # Category names show on post pages and listings (core.pagecache).
        register(BlogCategory)
