"""The admin side of the visibility boundary: no admin door opens on a page its user may not see.

``core.visibility.admin_visible`` decides; this module makes every Wagtail
admin surface ask it, in three layers:

* ``AdminPageBoundaryMiddleware``: any admin URL that names a page (edit,
  preview, view draft, revisions, history, usage, delete, copy, move,
  unpublish, lock, privacy, workflow actions, the explorer and chooser of
  its children, the admin API detail, bulk actions, our own per-page tools)
  answers 404 when the page is outside the user's boundary; Wagtail's page
  screens answer 404 to users holding no page right at all (bulk actions and
  the admin API's image and document endpoints likewise need a right on their
  model). Many of these views have no hook, so one check on the resolved URL
  covers them all, including views added later under the same keyword names.
* ``BoundaryPagePermissionPolicy``: Wagtail's page permission policy narrowed
  by ``admin_visible``. Wagtail asks it for the explorer listing, admin
  search, the admin API listing and the explorer menu, the locked-pages,
  aging-pages and workflow reports and the site history.
* Listings Wagtail builds without the policy: the page chooser and its search
  (``construct_page_chooser_queryset``), the dashboard panels, the "edit"
  links in usage listings (the page admin URL finder) and the page types
  usage report's "last edited" column; and the "submitted for review" mail
  (only reviewers who may see the page). ``core.wagtail_hooks`` registers them.

Images get the same treatment from ``core.image_access.admin_visible_images``
(the rule behind the image files): the middleware answers 404 for any image
URL (chooser steps, edit, delete, usage, preview, bulk actions, the admin
API detail) naming an image outside it, and the image chooser, the images
index and the admin images API list only images inside it. Collection rights
alone would show an Author a colleague's pending profile photo.

A 404 rather than a 403: a 403 would confirm that a confidential page exists.
"""

from django.apps import apps
from django.http import Http404
from django.urls import reverse

from wagtail.admin.admin_url_finder import register_admin_url_finder
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.models import Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.signals import task_submitted

from .admin_subpages import BoundaryCopyView, BoundaryUnpublishView
from .image_access import admin_visible_images
from .visibility import admin_visible, may_see_in_admin

# URL keyword arguments that hold a page id wherever they appear in the admin.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
# ``pk`` is a page id only in these URL namespaces (elsewhere: images, users, sites...);
# ``object_id`` is one where ``app_label``/``model_name`` name a page type.
PAGE_PK_NAMESPACES = frozenset({"wagtailadmin_pages", "wagtailadmin_api:pages"})
BULK_ACTION_URL = "wagtail_bulk_action"
# Wagtail's page management: only for users holding some page right.
PAGE_MANAGEMENT_NAMESPACES = frozenset({"wagtailadmin_pages", "wagtailadmin_api:pages"})
PAGE_MANAGEMENT_URLS = frozenset(
    {
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_choose_page_chosen_multiple",
    }
)
PAGE_RIGHTS = frozenset({"add", "change", "publish", "bulk_delete", "lock", "unlock"})
BULK_RIGHTS = frozenset({"add", "change", "delete", "publish", "choose"})


def visible_page_ids(user, ids) -> set[int]:
    """Of the page ids ``ids``, those ``user`` may see in the admin (one query)."""
    return set(
        admin_visible(Page.objects.filter(pk__in=list(ids)), user).values_list("pk", flat=True)
    )


def _as_id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _bulk_page_ids(request) -> set[int]:
    """The pages a page bulk action would touch: its ``id`` values, or a whole listing."""
    values = request.GET.getlist("id")
    if "all" not in values:
        return {pk for pk in map(_as_id, values) if pk is not None}
    # "Select all" acts on the children (searching: the descendants) of ``childOf``.
    parent = Page.objects.filter(pk=_as_id(request.GET.get("childOf"))).first()
    if parent is None:
        return set(Page.objects.exclude(depth=1).values_list("pk", flat=True))
    pages = parent.get_descendants() if request.GET.get("q") else parent.get_children()
    return {parent.pk, *pages.values_list("pk", flat=True)}


def _names_a_page_model(kwargs) -> bool:
    """Whether URL keywords ``app_label``/``model_name`` name a page type (editing sessions)."""
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (KeyError, LookupError, ValueError):
        return False
    return issubclass(model, Page)


def has_page_rights(user) -> bool:
    """Whether ``user`` holds any page permission anywhere (superusers do).

    Moderators and the data protection officer hold none: Wagtail's page
    screens, choosers and page API are not theirs, so drafts and unpublished
    revisions never reach them (Wagtail shows some of these screens to any
    admin user, e.g. a move confirmation).
    """
    return PagePermissionPolicy().user_has_any_permission(user, PAGE_RIGHTS)


def _is_page_bulk_action(match) -> bool:
    return (
        match.url_name == BULK_ACTION_URL
        and match.kwargs.get("app_label") == "wagtailcore"
        and match.kwargs.get("model_name") == "page"
    )


def is_page_management_url(match) -> bool:
    """Wagtail's own page screens: explorer, editing, choosers, the page API, bulk actions."""
    return (
        match.namespace in PAGE_MANAGEMENT_NAMESPACES
        or match.view_name in PAGE_MANAGEMENT_URLS
        or _is_page_bulk_action(match)
    )


def has_rights_on(user, model) -> bool:
    """Whether ``user`` holds any right on ``model`` (pages: any page right)."""
    if issubclass(model, Page):
        return has_page_rights(user)
    return policy_registry.get_by_type(model).user_has_any_permission(user, BULK_RIGHTS)


def may_use_bulk_actions_of(user, match) -> bool:
    """Bulk actions (whose confirmation lists every selected title) only for a model's users.

    Wagtail lists the titles of selected objects even when the user may not
    act on them; someone holding no right on the model at all (a moderator
    and the images) gets a 404 instead.
    """
    try:
        model = apps.get_model(match.kwargs["app_label"], match.kwargs["model_name"])
    except (KeyError, LookupError, ValueError):
        return True  # Wagtail answers 404 itself for an unknown model
    return has_rights_on(user, model)


def may_use_admin_api_of(user, match) -> bool:
    """The admin API's image and document endpoints only for users with a right on them.

    They list every title, whatever the collection permissions say.
    """
    model = {
        "wagtailadmin_api:images": get_image_model,
        "wagtailadmin_api:documents": get_document_model,
    }.get(match.namespace)
    return model is None or has_rights_on(user, model())


def page_ids_in_admin_url(request, match) -> set[int]:
    """The page ids an admin request names in its URL (path keywords, bulk action ids)."""
    ids = {_as_id(match.kwargs[name]) for name in PAGE_ID_KWARGS if name in match.kwargs}
    if "pk" in match.kwargs and match.namespace in PAGE_PK_NAMESPACES:
        ids.add(_as_id(match.kwargs["pk"]))
    if "object_id" in match.kwargs and _names_a_page_model(match.kwargs):
        ids.add(_as_id(match.kwargs["object_id"]))
    if _is_page_bulk_action(match):
        ids |= _bulk_page_ids(request)
    ids.discard(None)
    return ids


# Where an admin URL names an image: keyword arguments per URL namespace.
IMAGE_ID_KWARGS = {
    "wagtailimages": ("image_id",),
    "wagtailimages_chooser": ("image_id", "pk"),
    "wagtailadmin_api:images": ("pk",),
}
IMAGE_IDS_IN_QUERY = frozenset({"wagtailimages_chooser:chosen_multiple"})


def _is_image_bulk_action(match) -> bool:
    if match.url_name != BULK_ACTION_URL:
        return False
    try:
        model = apps.get_model(match.kwargs["app_label"], match.kwargs["model_name"])
    except (KeyError, LookupError, ValueError):
        return False
    return issubclass(model, get_image_model())


def image_ids_in_admin_url(request, match) -> set[int]:
    """The image ids an admin request names (path keywords, chooser and bulk ``id`` values)."""
    ids = {_as_id(match.kwargs.get(name)) for name in IMAGE_ID_KWARGS.get(match.namespace, ())}
    if match.view_name in IMAGE_IDS_IN_QUERY or _is_image_bulk_action(match):
        ids |= set(map(_as_id, request.GET.getlist("id")))
    ids.discard(None)
    return ids


def name_visible_images_for_select_all(request) -> None:
    """Turn an image bulk action on "all" into the ids of the images the user may see.

    Wagtail's "select all" acts on every image the user may change (in the
    ``childOf`` collection, matching ``q``), hidden ones included; the
    images index shows only the visible ones, so the action gets those.
    """
    if "all" not in request.GET.getlist("id"):
        return
    model = get_image_model()
    images = policy_registry.get_by_type(model).instances_user_has_permission_for(
        request.user, "change"
    )
    collection_id = _as_id(request.GET.get("childOf"))
    if collection_id is not None:
        images = images.filter(collection_id=collection_id)
    images = admin_visible_images(images, request.user)
    if "q" in request.GET:
        ids = [image.pk for image in images.search(request.GET.get("q", ""))]
    else:
        ids = list(images.values_list("pk", flat=True))
    query = request.GET.copy()
    query.setlist("id", [str(pk) for pk in ids])
    query._mutable = False
    request.GET = query


def visible_image_ids(user, ids) -> set[int]:
    """Of the image ids ``ids``, those ``user`` may see in the admin (one query)."""
    images = get_image_model().objects.filter(pk__in=list(ids))
    return set(admin_visible_images(images, user).values_list("pk", flat=True))


class AdminPageBoundaryMiddleware:
    """404 for any admin URL naming a page outside the signed-in user's boundary.

    Runs after authentication; anonymous requests pass through, so the admin
    still sends them to its login page. Only the URL is inspected: a page
    that does not exist is treated like a hidden one (the view would 404 too).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def _is_admin(self, request) -> bool:
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        return request.path_info.startswith(self._admin_prefix)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = request.resolver_match
        if match is None or not getattr(user, "is_authenticated", False):
            return None
        if not self._is_admin(request):
            return None
        if is_page_management_url(match) and not has_page_rights(user):
            raise Http404
        if match.url_name == BULK_ACTION_URL and not may_use_bulk_actions_of(user, match):
            raise Http404
        if not may_use_admin_api_of(user, match):
            raise Http404
        ids = page_ids_in_admin_url(request, match)
        if ids and visible_page_ids(user, ids) != ids:
            raise Http404
        if _is_image_bulk_action(match):
            name_visible_images_for_select_all(request)
        image_ids = image_ids_in_admin_url(request, match)
        if image_ids and visible_image_ids(user, image_ids) != image_ids:
            raise Http404
        if match.view_name in REPLACED_VIEWS:
            return REPLACED_VIEWS[match.view_name](request, *view_args, **view_kwargs)
        return None


class BoundaryPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, never reaching past ``core.visibility.admin_visible``.

    Page rights say what a user may do in a section; the boundary says which
    pages of it they may know of. An author with "change" on the internal
    blog still never meets a confidential post outside their audience.
    """

    def instances_user_has_any_permission_for(self, user, actions):
        return admin_visible(super().instances_user_has_any_permission_for(user, actions), user)

    def explorable_instances(self, user):
        return admin_visible(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and may_see_in_admin(user, instance)


class BoundaryPageAdminURLFinder:
    """Edit links to pages (usage listings, audit log) only for pages the user may see.

    Without an edit link, Wagtail's usage listings show "(Private page)"
    instead of the title.
    """

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, instance):
        if self.user is not None:
            if not may_see_in_admin(self.user, instance):
                return None
            if not instance.permissions_for_user(self.user).can_edit():
                return None
        return reverse("wagtailadmin_pages:edit", args=(instance.pk,))


def register_page_admin_url_finder() -> None:
    """Replace Wagtail's page admin URL finder (call after ``wagtail.admin`` registered its own)."""
    register_admin_url_finder(Page, BoundaryPageAdminURLFinder)


def chooser_pages(pages, request):
    """The page chooser (browse and search) lists only pages inside the boundary.

    Users without page rights get none (the middleware refuses them the chooser too).
    """
    if not has_page_rights(request.user):
        return pages.none()
    return admin_visible(pages, request.user)


def chooser_images(images, request):
    """The image chooser (browse and search) lists only images inside the boundary."""
    return admin_visible_images(images, request.user)


class BoundaryImageIndexView(ImageIndexView):
    """The images index (and its search) lists only images inside the boundary."""

    def get_base_queryset(self):
        return admin_visible_images(super().get_base_queryset(), self.request.user)


class BoundaryImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin images API: only images the user may choose or change, inside the boundary.

    Wagtail's endpoint lists every image whatever the collection rights say.
    """

    def get_queryset(self):
        user = self.request.user
        policy = policy_registry.get_by_type(get_image_model())
        usable = policy.instances_user_has_any_permission_for(user, ["choose", "change"])
        images = super().get_queryset().filter(pk__in=usable.values("pk"))
        return admin_visible_images(images, user)


def bound_admin_images_api(router) -> None:
    """Re-register the admin API's "images" endpoint (after Wagtail registered its own)."""
    router.register_endpoint("images", BoundaryImagesAdminAPIViewSet)


def _visible_objects(user, objects):
    """Of ``objects`` (pages and snippets), the snippets and the pages ``user`` may see."""
    page_ids = {obj.pk for obj in objects if isinstance(obj, Page)}
    visible = visible_page_ids(user, page_ids) if page_ids else set()
    return [obj for obj in objects if not isinstance(obj, Page) or obj.pk in visible]


class BoundaryWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    """ "Awaiting your review": reviewers outside a confidential audience do not see the post."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        keep = _visible_objects(user, [state["obj"] for state in context["states"]])
        context["states"] = [state for state in context["states"] if state["obj"] in keep]
        return context


class BoundaryUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    """ "Your pages in a workflow", within the boundary (an author removed from the audience)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        states = list(context["workflow_states"])
        keep = _visible_objects(user, [state.content_object for state in states])
        context["workflow_states"] = [s for s in states if s.content_object in keep]
        return context


class BoundaryRecentEditsPanel(RecentEditsPanel):
    """ "Your most recent edits", within the boundary."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        keep = _visible_objects(user, [page for _date, page in context["last_edits"]])
        context["last_edits"] = [(d, page) for d, page in context["last_edits"] if page in keep]
        return context


class BoundaryLockedPagesPanel(LockedPagesPanel):
    """ "Your locked pages", within the boundary."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["locked_pages"] = admin_visible(
            context["locked_pages"], parent_context["request"].user
        )
        return context


PANEL_REPLACEMENTS = {
    WorkflowObjectsToModeratePanel: BoundaryWorkflowObjectsToModeratePanel,
    UserObjectsInWorkflowModerationPanel: BoundaryUserObjectsInWorkflowModerationPanel,
    RecentEditsPanel: BoundaryRecentEditsPanel,
    LockedPagesPanel: BoundaryLockedPagesPanel,
}


def bound_dashboard_panels(request, panels) -> None:
    """Swap Wagtail's page panels on the dashboard for ones that respect the boundary."""
    for position, panel in enumerate(panels):
        replacement = PANEL_REPLACEMENTS.get(type(panel))
        if replacement is not None:
            panels[position] = replacement()


class BoundaryPageTypesUsageReportView(PageTypesUsageReportView):
    """The page types report without the titles of pages outside the boundary.

    Its "last edited page" column is a plain query over all pages; a
    confidential draft's title would show there.
    """

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        pages = [item.last_edited_page for item in page_types if item.last_edited_page]
        keep = _visible_objects(self.request.user, pages)
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page not in keep:
                item.last_edited_page = None
        return page_types


class BoundaryTaskSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """ "A page was submitted for review" mails only to reviewers who may see the page.

    Wagtail mails every member of the approval task's groups; an editor
    outside a confidential post's audience would read its title in the mail.
    """

    def get_recipient_users(self, task_state, **kwargs):
        recipients = super().get_recipient_users(task_state, **kwargs)
        content = task_state.workflow_state.content_object
        if not isinstance(content, Page):
            return recipients
        return {user for user in recipients if may_see_in_admin(user, content)}


def bound_workflow_mail() -> None:
    """Replace Wagtail's review-request notifier (connected in its AppConfig.ready) with ours."""
    task_submitted.disconnect(sender=TaskState, dispatch_uid=TASK_SUBMITTED_MAIL)
    # weak=False: nothing else holds the notifier, a weak reference would die at once.
    task_submitted.connect(
        BoundaryTaskSubmissionEmailNotifier(),
        sender=TaskState,
        dispatch_uid=TASK_SUBMITTED_MAIL,
        weak=False,
    )


# The dispatch_uid wagtail.admin.signal_handlers connects its notifier with.
TASK_SUBMITTED_MAIL = "group_approval_task_submitted_email_notification"

# Wagtail views the middleware answers with our narrower subclass instead.
REPLACED_VIEWS = {
    "wagtailadmin_pages:unpublish": BoundaryUnpublishView.as_view(),
    "wagtailadmin_pages:copy": BoundaryCopyView.as_view(),
    "wagtailadmin_reports:page_types_usage": BoundaryPageTypesUsageReportView.as_view(),
    "wagtailadmin_reports:page_types_usage_results": BoundaryPageTypesUsageReportView.as_view(
        results_only=True
    ),
    "wagtailimages:index": BoundaryImageIndexView.as_view(),
    "wagtailimages:index_results": BoundaryImageIndexView.as_view(results_only=True),
}
