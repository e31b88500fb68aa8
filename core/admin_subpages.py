"""Admin screens that count or copy a page's subpages count and copy only visible ones.

The unpublish screens ("this page has N subpages, unpublish these too?", one
page or in bulk) and the copy form ("this will copy N subpages") count every
descendant. For an editor outside a confidential post's audience that count
would give the post away. The unpublish itself already skips hidden posts
(``core.page_rights``); a copy with subpages cannot skip them (Wagtail copies
the whole subtree), so where a page has subpages the user may not see, its
copy form offers no "copy subpages" and says why.

``core.admin_boundary`` answers the two screens with these views, and
``core.wagtail_hooks`` registers the bulk action in place of Wagtail's.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.pages.unpublish import UnpublishView

from .visibility import admin_visible


def visible_live_subpages(page, user) -> int:
    return admin_visible(page.get_descendants().live(), user).count()


def has_hidden_subpages(page, user) -> bool:
    subpages = page.get_descendants()
    return admin_visible(subpages, user).count() != subpages.count()


class BoundaryUnpublishView(UnpublishView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["live_descendant_count"] = visible_live_subpages(self.object, self.request.user)
        return context


class BoundaryUnpublishBulkAction(UnpublishBulkAction):
    def object_context(self, page):
        return {
            **super().object_context(page),
            "live_descendant_count": visible_live_subpages(page, self.request.user),
        }


class BoundaryCopyForm(CopyForm):
    """Wagtail's copy form; no "copy subpages" where some are hidden from the user."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "copy_subpages" not in self.fields or not has_hidden_subpages(self.page, self.user):
            return
        field = self.fields["copy_subpages"]
        field.disabled = True
        field.initial = False
        field.help_text = _(
            "Not available: some subpages are confidential and outside what you may see. "
            "The page is copied without its subpages."
        )
        if "publish_copies" in self.fields and not self.page.live:
            del self.fields["publish_copies"]  # offered only because of hidden live subpages
        elif "publish_copies" in self.fields:
            self.fields["publish_copies"].label = _("Publish copied page")
            self.fields["publish_copies"].help_text = _(
                "This page is live. Would you like to publish its copy as well?"
            )


class BoundaryCopyView(CopyView):
    def get_form_class(self):
        # No page type of ours has a copy form of its own (``copy_form_class``).
        return BoundaryCopyForm
