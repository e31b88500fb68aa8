"""Keep the cached team page URL honest (see ``people.models.team.public_team_url``)."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import TeamPage, forget_team_url


def _forget(**kwargs) -> None:
    forget_team_url()


def connect() -> None:
    """Clear the cache whenever the team page could have moved, appeared or gone private.

    Any page counts, not only ``TeamPage``: a renamed or moved ancestor
    changes the URL too, and clearing a cache key is cheap.
    """
    for signal in (page_published, page_unpublished):
        signal.connect(_forget, dispatch_uid=f"people-team-url-{id(signal)}")
    post_page_move.connect(_forget, dispatch_uid="people-team-url-move")
    for model in (Page, TeamPage, PageViewRestriction, Site):
        post_save.connect(_forget, sender=model, dispatch_uid=f"people-team-url-save-{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"people-team-url-del-{model}")
