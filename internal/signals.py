"""Keep the internal section restricted, and notify readers when a post goes live."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from core.visibility import EMPLOYEES_GROUP

from .models import InternalIndexPage, InternalPostPage
from .notifications import is_muted
from .tasks import notify_post_published


def ensure_employees_only(page_id: int) -> None:
    """Make the page's view restriction exactly "the Employees group" (create it if missing).

    Called when an internal index is created and after anyone changes or
    removes its restriction: the internal section can never become public,
    login-only or password-protected by accident.
    """
    if not InternalIndexPage.objects.filter(pk=page_id).exists():
        return  # the page is being deleted, or is no internal index
    employees, _created = Group.objects.get_or_create(name=EMPLOYEES_GROUP)
    restrictions = list(PageViewRestriction.objects.filter(page_id=page_id))
    restriction = restrictions[0] if restrictions else None
    for extra in restrictions[1:]:
        extra.delete()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page_id=page_id, restriction_type=PageViewRestriction.GROUPS
        )
    elif restriction.restriction_type != PageViewRestriction.GROUPS or restriction.password:
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.password = ""  # clears the shared password, sets none  # nosec B105
        restriction.save(update_fields=["restriction_type", "password"])
    if set(restriction.groups.values_list("pk", flat=True)) != {employees.pk}:
        restriction.groups.set([employees])


def _index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_employees_only(instance.pk)


def _restriction_changed(sender, instance, **kwargs):
    # After commit: the admin's privacy dialog saves groups after the row, and
    # deleting the whole section also deletes its restriction first.
    page_id = instance.page_id
    if InternalIndexPage.objects.filter(pk=page_id).exists():
        transaction.on_commit(lambda: ensure_employees_only(page_id))


def _restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        _restriction_changed(sender, instance)


def _post_published(sender, instance, **kwargs):
    if is_muted():
        return
    post_id = instance.pk
    transaction.on_commit(lambda: notify_post_published.enqueue(post_id), robust=True)


def connect() -> None:
    """Wire the handlers (called from ``InternalConfig.ready``)."""
    post_save.connect(
        _index_created, sender=InternalIndexPage, dispatch_uid="internal-index-created"
    )
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="internal-restriction-saved"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="internal-restriction-gone"
    )
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="internal-restriction-groups",
    )
    page_published.connect(
        _post_published, sender=InternalPostPage, dispatch_uid="internal-post-published"
    )
