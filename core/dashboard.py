"""The author's corner of the admin dashboard: "New post" and "My drafts".

Post types are found, not imported (``core`` imports none of our apps): a
post is any page type with an ``authors`` inline whose rows point at a
``person`` with a ``user``. Both panels stay inside the visibility boundary
(``core.visibility.admin_visible``) and ask Wagtail's page permission policy,
so a moderator without page rights sees neither.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.ui.components import Component
from wagtail.models import Page, get_page_models
from wagtail.permissions import policy_registry

from .visibility import admin_visible

MAX_DRAFTS = 10


def post_page_models() -> list[type[Page]]:
    """Page types credited to people through an ``authors`` inline (blog and internal posts)."""
    models = []
    for model in get_page_models():
        relation = next(
            (r for r in model._meta.related_objects if r.get_accessor_name() == "authors"), None
        )
        if relation is None:
            continue
        fields = {field.name for field in relation.related_model._meta.get_fields()}
        if "person" in fields:
            models.append(model)
    return models


def new_post_links(user) -> list[dict]:
    """One "add" link per post type and section index the user may add pages under."""
    models = post_page_models()
    parent_models = {parent for model in models for parent in model.allowed_parent_page_models()}
    if not parent_models:
        return []
    policy = policy_registry.get_by_type(Page)
    parents = admin_visible(
        policy.instances_user_has_any_permission_for(user, ["add"]).type(*parent_models), user
    ).order_by("path")
    links = []
    for parent in parents.specific(defer=True):
        for model in models:
            if model.can_create_at(parent):
                links.append(
                    {
                        "label": model.get_verbose_name(),
                        "parent": parent.get_admin_display_title(),
                        "url": reverse(
                            "wagtailadmin_pages:add",
                            args=[model._meta.app_label, model._meta.model_name, parent.pk],
                        ),
                    }
                )
    return links


def own_drafts(user):
    """Posts the user owns or is credited on that are unpublished or have unpublished changes."""
    mine = Q(owner=user)
    for model in post_page_models():
        mine |= Q(pk__in=model.objects.filter(authors__person__user=user).values("pk"))
    drafts = Page.objects.filter(mine).filter(Q(live=False) | Q(has_unpublished_changes=True))
    return admin_visible(drafts, user).order_by("-latest_revision_created_at", "-pk")


class NewPostPanel(Component):
    """Buttons to start a post in each section the user may write in."""

    name = "new_post"
    order = 50
    template_name = "core/admin/new_post_panel.html"

    def __init__(self, links):
        self.links = links

    def get_context_data(self, parent_context):
        return {"links": self.links}


class MyDraftsPanel(Component):
    """The user's own unfinished posts, newest first, each linking to its editor."""

    name = "my_drafts"
    order = 60
    template_name = "core/admin/my_drafts_panel.html"

    def __init__(self, user):
        self.user = user

    @cached_property
    def drafts(self) -> list[Page]:
        return list(
            own_drafts(self.user)
            .select_related("content_type")
            .only(
                "id",
                "title",
                "draft_title",
                "live",
                "has_unpublished_changes",
                "latest_revision_created_at",
                "content_type",
            )[:MAX_DRAFTS]
        )

    def get_context_data(self, parent_context):
        return {"drafts": self.drafts}


def author_dashboard_panels(request, panels) -> None:
    """Add "New post" and "My drafts" for users who may write posts somewhere."""
    links = new_post_links(request.user)
    if not links:
        return
    panels.append(NewPostPanel(links))
    drafts = MyDraftsPanel(request.user)
    if drafts.drafts:
        panels.append(drafts)
