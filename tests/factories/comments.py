"""Factories of reader comments, saved directly (no form, no mail)."""

import factory

from comments.builders import build_comment
from comments.models import ModerationStatus, StimmeComment


class CommentFactory(factory.django.DjangoModelFactory):
    """A published reader's comment on ``post``; ``approved=False`` holds it for moderation."""

    class Meta:
        model = StimmeComment

    comment = "Wie laut ist die Außeneinheit nachts?"
    user_name = "Petra Leserin"
    user_email = "petra@example.org"
    is_public = True
    moderation_status = ModerationStatus.APPROVED

    class Params:
        waiting = factory.Trait(is_public=False, moderation_status=ModerationStatus.WAITING)

    @classmethod
    def _create(cls, model_class, *, post, comment, **fields):
        return build_comment(post, comment, **fields)
