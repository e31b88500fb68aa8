"""Who may see a poll, vote on it, and see its results.

Visibility itself is ``core.visibility``: an internal poll exists only for
employees (``is_employee``), wherever an editor embedded it.
"""

from django.utils import timezone

from core.visibility import is_editor, is_employee


def may_see_poll(user, poll) -> bool:
    """Whether ``user`` may see (and so answer) ``poll``; internal polls need an employee."""
    if poll is None:
        return False
    return not poll.internal or is_employee(user)


def results_visible(poll, *, has_voted: bool, now=None) -> bool:
    """Whether a reader sees the results on the site, following the editor's choice.

    "After voting": once they voted, or once the poll closed (nobody can vote
    then). "After closing": only once the poll closed. "Never": only editors,
    in the admin.
    """
    now = now or timezone.now()
    shown = poll.ResultsShown
    if poll.results_shown == shown.NEVER:
        return False
    if poll.results_shown == shown.AFTER_CLOSING:
        return poll.is_closed_at(now)
    return has_voted or poll.is_closed_at(now)


def may_see_admin_results(user, poll=None) -> bool:
    """Editors and holders of the poll permissions; internal polls only for employees."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    allowed = is_editor(user) or user.has_perm("polls.change_poll")
    if poll is not None and poll.internal:
        allowed = allowed and is_employee(user)
    return allowed
