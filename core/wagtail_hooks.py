"""The admin side of the visibility boundary (``core.admin_boundary``).

The page permission policy, the page chooser, the dashboard panels, page
edit links in usage listings and the review-request mail, the bulk unpublish
count, and the image chooser and admin images API. (The admin's window on background work, mail
and tasks, is ``operations.wagtail_hooks``.)
"""

from wagtail import hooks

# Imported first on purpose: it registers Wagtail's own page admin URL finder,
# which ours must replace (our app's hooks load before wagtail.admin's).
from wagtail.admin import wagtail_hooks as _wagtail_admin_hooks  # noqa: F401
from wagtail.models import AbstractPage
from wagtail.permissions import register_permission_policy

from .admin_boundary import (
    BoundaryPagePermissionPolicy,
    bound_admin_images_api,
    bound_dashboard_panels,
    bound_workflow_mail,
    chooser_images,
    chooser_pages,
    register_page_admin_url_finder,
)
from .admin_subpages import BoundaryUnpublishBulkAction
from .dashboard import author_dashboard_panels

# Every page list the admin builds from the permission policy stays inside the boundary.
register_permission_policy(AbstractPage, BoundaryPagePermissionPolicy())
register_page_admin_url_finder()
hooks.register("construct_page_chooser_queryset", chooser_pages)
hooks.register("construct_homepage_panels", bound_dashboard_panels)
hooks.register("construct_homepage_panels", author_dashboard_panels)
hooks.register("construct_image_chooser_queryset", chooser_images)
# order=1: after wagtail.images registered its endpoint, which ours replaces.
hooks.register("construct_admin_api", bound_admin_images_api, order=1)
# order=1: after Wagtail's bulk unpublish, which ours replaces (same action type).
hooks.register("register_bulk_action", BoundaryUnpublishBulkAction, order=1)
bound_workflow_mail()
