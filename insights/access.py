"""Who may open the listening dashboard: editors and moderators (the moderation permission)."""

from comments.policy import is_moderator


def may_open_dashboard(user) -> bool:
    """Holders of "Can moderate reader comments" (Editors, Moderators) and superusers."""
    return is_moderator(user)
