"""Keep what is derived from people current: the cached team page URL and the search index.

The team page's URL is cached (``people.models.team_address``); a person's
search index entry includes their department's name (``Person.search_fields``).
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import Department, TeamPage, forget_team_url


def _forget(**kwargs) -> None:
    forget_team_url()


def _reindex_members(sender, instance, created=False, raw=False, **kwargs) -> None:
    """Re-index a department's members: their entries carry its (maybe new) name.

    Wagtail indexes a saved object only, not the objects whose entries
    include it; the same task Wagtail queues for each save does the work.
    """
    if created or raw:
        return
    for pk in instance.members.values_list("pk", flat=True):
        insert_or_update_object_task.enqueue("people", "person", str(pk))


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
    post_save.connect(_reindex_members, sender=Department, dispatch_uid="people-reindex-members")
