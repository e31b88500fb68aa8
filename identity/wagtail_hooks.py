from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import CompanyAccountsView, may_link_accounts
from .models import CompanyAccount
from .profile import PROVIDER_FIELDS


@hooks.register("person_provider_fields")
def provider_fields(person):
    """A profile linked to a company account: the provider owns these fields."""
    if person.user_id and CompanyAccount.objects.filter(user_id=person.user_id).exists():
        return PROVIDER_FIELDS
    return ()


@hooks.register("register_admin_urls")
def company_account_urls():
    return [path("firmenkonten/", CompanyAccountsView.as_view(), name="identity_company_accounts")]


class CompanyAccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_link_accounts(request.user)


@hooks.register("register_settings_menu_item")
def company_accounts_menu_item():
    return CompanyAccountsMenuItem(
        _("Company accounts"),
        reverse("identity_company_accounts"),
        name="company-accounts",
        icon_name="user",
        order=610,
    )
