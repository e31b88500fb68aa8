from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Reader and staff comments on django-comments-xtd: policy, moderation, mail.

    The label ``stimme_comments`` keeps clear of django-contrib-comments,
    which owns the ``comments`` template-tag library and template namespace.
    """

    name = "comments"
    label = "stimme_comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"
