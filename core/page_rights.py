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

from wagtail.models import Page, PagePermissionTester

from .visibility import admin_visible


def hidden_page_ids(user) -> frozenset[int]:
    """Pages ``user`` may not see in the admin, read once per user object (i.e. per request).

    The explorer builds a tester for every row; one query per row would make
    a listing of fifty posts fifty queries longer.
    """
    hidden = getattr(user, "_admin_hidden_page_ids", None)
    if hidden is None:
        visible = admin_visible(Page.objects.all(), user).values("pk")
        hidden = frozenset(Page.objects.exclude(pk__in=visible).values_list("pk", flat=True))
        user._admin_hidden_page_ids = hidden
    return hidden


class BoundaryPagePermissionTester(PagePermissionTester):
    """``PagePermissionTester`` holding no right on a page outside ``admin_visible``."""

    def __init__(self, user, page):
        super().__init__(user, page)
        # Superusers have no ``permissions`` set (they see and may do everything);
        # users without rights here need no second query.
        if getattr(self, "permissions", None) and page.pk in hidden_page_ids(user):
            self.permissions = set()
