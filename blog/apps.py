from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    """The public corporate blog: index, posts, categories, tags, archives, feeds."""

    name = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"
