from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _like_is_counted(like) -> bool:
    # A like waiting for its confirmation mail is shown nowhere; creating it
    # (any stranger can) must not empty the page cache for everyone.
    return like.user_id is not None or like.confirmed_at is not None


class CommentsConfig(AppConfig):
    """Reader and staff comments on django-comments-xtd: policy, moderation, mail.

    The label ``stimme_comments`` keeps clear of django-contrib-comments,
    which owns the ``comments`` template-tag library and template namespace.
    """

    name = "comments"
    label = "stimme_comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django_comments.signals import comment_was_posted, comment_will_be_posted
        from django_comments_xtd import views as xtd_views
        from django_comments_xtd.models import TmpXtdComment

        from core.cache_invalidation import register
        from core.models.posts import register_post_context, register_teaser_loader

        from .moderation import register_post_moderation
        from .section import CONTEXT_NAME, comment_section
        from .threads import with_comment_counts

        # xtd's stock flow mails the whole comment inside a signed URL and
        # checks no visibility; our views never send its signals, and should
        # anything else do so, nothing is created or mailed behind our back.
        comment_will_be_posted.disconnect(xtd_views.on_comment_will_be_posted, sender=TmpXtdComment)
        comment_was_posted.disconnect(xtd_views.on_comment_was_posted, sender=TmpXtdComment)
        register_post_moderation()
        # Post pages load their comment section in get_context; the tag only renders it.
        register_post_context(CONTEXT_NAME, comment_section)
        register_teaser_loader(with_comment_counts)
        # Comments, their likes and settings show on public pages (core.pagecache).
        register(self.get_model("StimmeComment"))
        register(self.get_model("CommentLike"), seen_when=_like_is_counted)
        for name in ("CommentSettings", "PostCommentOptions", "CommunityGuideline"):
            register(self.get_model(name))
