"""Who may read and write comments where: the one place that decides.

Every comments surface (thread under a post, posting, replies, likes,
reports, the JSON API, feeds, counts, notification mails) asks
``CommentPolicy``; visibility itself is ``core.visibility`` (what
``can_view`` answers, read together with the post's comment switch).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

from core.models.posts import PostPage
from core.visibility import is_employee, is_public, visible_to

from .models import CommentRules, PostCommentOptions, comment_rules

REFUSED_NOT_VISIBLE = _(
    "This post is not public, or not published. Only people who may read it can comment."
)
REFUSED_CLOSED = _("Comments on this post are closed.")


def resolve_post(content_type_id, object_pk):
    """The specific post behind a (content type, object id) pair, or None.

    Only concrete ``PostPage`` types count; anything else (users, images,
    other pages) is never a comment target.
    """
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
        model = content_type.model_class()
        if model is None or not issubclass(model, PostPage):
            return None
        return model._default_manager.get(pk=int(object_pk))
    except (ValueError, TypeError, ObjectDoesNotExist, OverflowError):
        return None


def resolve_post_label(label, object_pk):
    """The specific post for a form's ``"app_label.model"`` and id, or None."""
    try:
        app_label, model_name = str(label).split(".", 1)
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except (ValueError, ObjectDoesNotExist):
        return None
    return resolve_post(content_type.pk, object_pk)


def post_for_comment(comment):
    """The post a comment belongs to (specific), or None if it is gone."""
    return resolve_post(comment.content_type_id, comment.object_pk)


MODERATE_PERMISSION = "moderate_comments"


def is_moderator(user) -> bool:
    """Whoever holds "Can moderate reader comments" (Editors, Moderators) and superusers.

    The permission decides, not page rights: the Moderators group (migration
    0004) moderates without editing pages. One query, cached on the user
    object because every comment of a thread asks.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_stimme_is_comment_moderator", None)
    if cached is None:
        cached = (
            Permission.objects.filter(
                content_type__app_label="stimme_comments", codename=MODERATE_PERMISSION
            )
            .filter(Q(group__user=user) | Q(user=user))
            .exists()
        )
        user._stimme_is_comment_moderator = cached
    return cached


@dataclass
class CommentPolicy:
    """The rules for one reader and one post.

    ``can_read``: the reader may see the post, hence its comments.
    ``can_post``: they may also write (comments open; anonymous readers only
    on public posts, where they confirm by mail; signed-in readers post as
    themselves without confirmation).
    """

    user: object
    post: PostPage
    request: object = None

    @cached_property
    def _visible_with_switch(self):
        """One query: may the reader see the post, and the editor's comment switch.

        ``visible_to`` is exactly what ``core.visibility.can_view`` asks
        (live, view restrictions, registered page rules); reading the switch
        in the same query keeps every post page one query lighter.
        """
        if self.post is None or not self.post.live:
            return None
        rows = list(
            visible_to(Page.objects.filter(pk=self.post.pk), self.user).values_list(
                "comment_options__mode", "comment_options__moderation_policy"
            )[:1]
        )
        return rows[0] if rows else None

    @cached_property
    def can_read(self) -> bool:
        return self._visible_with_switch is not None

    @property
    def switch_mode(self):
        """The editor's choice for this post ("open"/"closed"), or None: the site rule."""
        return (self._visible_with_switch[0] or None) if self._visible_with_switch else None

    @property
    def moderation_policy(self) -> str:
        """The post's moderation override, else the site's (``ModerationPolicy`` value)."""
        override = self._visible_with_switch[1] if self._visible_with_switch else None
        return override or self.settings.moderation_policy

    @cached_property
    def is_public_post(self) -> bool:
        if self.post is None:
            return False
        if not self.is_authenticated:
            # What an anonymous reader may read is public by definition.
            return self.can_read
        return is_public(self.post)

    @cached_property
    def settings(self) -> CommentRules:
        site = Site.find_for_request(self.request) if self.request is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
        return comment_rules(site)

    @cached_property
    def is_open(self) -> bool:
        """Open unless an editor closed it, or it is older than the site's limit."""
        if self.switch_mode is not None:
            return self.switch_mode == PostCommentOptions.Mode.OPEN
        closes_at = self.settings.closes_at(self.post)
        return closes_at is None or timezone.now() < closes_at

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def needs_confirmation(self) -> bool:
        """Readers without an account prove their email address first."""
        return not self.is_authenticated

    @cached_property
    def is_staff_author(self) -> bool:
        return is_employee(self.user)

    def refusal(self):
        """Why this reader may not comment here, or None if they may."""
        if not self.can_read:
            return REFUSED_NOT_VISIBLE
        if not self.is_authenticated and not self.is_public_post:
            # Defence in depth: can_view already says no for anonymous readers.
            return REFUSED_NOT_VISIBLE
        if not self.is_open:
            return REFUSED_CLOSED
        return None

    @property
    def can_post(self) -> bool:
        return self.refusal() is None

    def can_moderate(self) -> bool:
        return is_moderator(self.user)
