"""Builder of comments, shared by the demo seeders and the test factories.

Saved directly: no form, no policy, no mail. Callers decide the state
(``is_public``, ``moderation_status``) the comment is in.
"""

from django.conf import settings

from .models import StimmeComment


def staff_author(user) -> dict:
    """The fields of a comment a staff account writes: its name, address and profile."""
    person = getattr(user, "person", None)
    return {
        "user": user,
        "user_name": person.name if person else user.get_full_name(),
        "user_email": user.email,
        "person": person,
        "is_staff_comment": True,
    }


def build_comment(post, text: str, *, parent=None, **fields) -> StimmeComment:
    """A comment on ``post``; a reply when ``parent`` is given, else a new thread."""
    fields.setdefault("site_id", settings.SITE_ID)
    comment = StimmeComment(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        comment=text,
        # XtdComment reads parent_id 0 as "starts a thread".
        parent_id=parent.pk if parent is not None else 0,
        **fields,
    )
    comment.save()
    return comment
