"""Who moderates: the comment rights of the Editors and Moderators groups.

The rights are written down once, in ``core.roles`` (``GROUPS``); this module
only names them for the comments app. Migrations grant them on a real
database (``core/migrations/0006_roles_and_grants``). ``seed_demo`` calls
``ensure_moderation_groups`` as well, because ``manage.py flush`` (tests, a
demo reset) empties the groups' permissions and leaves nobody who may open
the moderation queue.
"""

from core.roles import (
    EDITOR_COMMENT_RIGHTS,
    HANDLE_PERSONAL_DATA,
    MODERATOR_COMMENT_RIGHTS,
    MODERATORS_GROUP,
    ensure_groups,
)

__all__ = [
    "EDITOR_COMMENT_RIGHTS",
    "HANDLE_PERSONAL_DATA",
    "MODERATORS_GROUP",
    "MODERATOR_COMMENT_RIGHTS",
    "ensure_moderation_groups",
]


def ensure_moderation_groups() -> None:
    """Give every group of ``core.roles`` exactly its grants, moderators included.

    Editors and Moderators moderate comments; Moderators get no page, image
    or document rights; the personal-data tool belongs to "Data protection".
    """
    ensure_groups()
