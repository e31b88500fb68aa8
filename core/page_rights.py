"""Wagtail's rights on one page, none on a page its user may not see in the admin.

Wagtail asks each page's own permission tester, not the permission policy,
when an action reaches subpages: "unpublish with its subpages", one page or
in bulk, unpublishes each live descendant whose tester says
``can_unpublish()``. Rights are granted per section, so without this an
editor outside a confidential post's audience would take that post down
with its section. Page types whose pages may be hidden from someone who
holds rights on their section return this tester from
``permissions_for_user``.
"""

from wagtail.models import PagePermissionTester

from .visibility import may_see_in_admin


class BoundaryPagePermissionTester(PagePermissionTester):
    """``PagePermissionTester`` holding no right on a page outside ``may_see_in_admin``."""

    def __init__(self, user, page):
        super().__init__(user, page)
        # Superusers have no ``permissions`` set (they see and may do everything);
        # users without rights here need no second query.
        if getattr(self, "permissions", None) and not may_see_in_admin(user, page):
            self.permissions = set()
