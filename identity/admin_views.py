"""The admin's "Company accounts" screen: who is linked, and linking a local account once.

For people who may change users (superusers, or a group given
``auth.change_user``); anyone else gets a 403, also for a crafted POST.
The rule itself is :func:`identity.linking.link_account`, the same the
``link_company_account`` command applies.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .linking import LinkRefused, link_account, linked_accounts

PERMISSION = "auth.change_user"


def may_link_accounts(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class LinkForm(forms.Form):
    username = forms.CharField(label=_("Local account (username)"), max_length=150)
    subject = forms.CharField(
        label=_("Subject at the provider"),
        max_length=255,
        help_text=_("The value of the provider's subject claim (OIDC_SUBJECT_CLAIM) for them."),
    )


class CompanyAccountsView(WagtailAdminTemplateMixin, FormView):
    page_title = _("Company accounts")
    header_icon = "user"
    template_name = "identity/admin/company_accounts.html"
    form_class = LinkForm

    def dispatch(self, request, *args, **kwargs):
        if not may_link_accounts(request.user):
            # A real 403; Wagtail would turn PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(accounts=linked_accounts(), **kwargs)

    def form_valid(self, form):
        try:
            account = link_account(form.cleaned_data["username"], form.cleaned_data["subject"])
        except LinkRefused as refused:
            form.add_error(None, str(refused))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("“%(username)s” is now linked to “%(subject)s”.")
            % {"username": account.user.get_username(), "subject": account.subject},
        )
        return redirect(self.request.path)
