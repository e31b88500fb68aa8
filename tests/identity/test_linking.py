"""Linking a local account to a company subject once: by command and on the admin screen.

Both doors apply one rule (``identity.linking.link_account``): a subject
nobody else holds, never a superuser, never moved once linked; only people
who may change users reach the admin screen, also with a crafted POST.
"""

from io import StringIO

from django.core.management import CommandError, call_command
from django.test import Client

import pytest

from identity.models import CompanyAccount
from internal.models import NotificationPreference

pytestmark = pytest.mark.django_db
ISSUER = "https://sso.nordlicht.example/realms/nordlicht"
SCREEN = "/admin/firmenkonten/"


@pytest.fixture
def provider_on(settings, site_root):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_CLIENT_ID = "stimme"


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def test_an_admin_links_a_local_account_by_command(provider_on, employee):
    token = NotificationPreference.for_user(employee).regenerate_feed_token()
    call_command("link_company_account", "jana.employee", "sub-42", stdout=StringIO())
    account = CompanyAccount.objects.get(user=employee)
    assert (account.issuer, account.subject) == (ISSUER, "sub-42")
    assert NotificationPreference.objects.get(user=employee).feed_token == token


def test_the_screen_lists_linked_accounts_and_links_one(provider_on, admin_client, employee):
    employee.first_name, employee.last_name = "Jürgen", "Schröder"
    employee.save()
    page = admin_client.get(SCREEN)
    assert page.status_code == 200
    assert 'id="link-account-form"' in page.content.decode()

    answer = admin_client.post(SCREEN, {"username": "jana.employee", "subject": "sub-jürgen"})

    assert answer.status_code == 302
    account = CompanyAccount.objects.get(user=employee)
    assert (account.issuer, account.subject) == (ISSUER, "sub-jürgen")
    listing = admin_client.get(SCREEN).content.decode()
    table = listing[listing.index('id="linked-accounts"') :]
    assert "jana.employee (Jürgen Schröder)" in table and "sub-jürgen" in table


def test_the_settings_menu_offers_the_screen_only_to_who_may_use_it(
    provider_on, admin_client, editor
):
    assert SCREEN in admin_client.get("/admin/").content.decode()
    client = Client()
    client.force_login(editor)
    home = client.get("/admin/")
    assert home.status_code == 200
    assert SCREEN not in home.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_editor_is_refused_also_with_a_crafted_post(provider_on, editor, employee, method):
    client = Client()
    client.force_login(editor)
    answer = getattr(client, method)(SCREEN, {"username": "jana.employee", "subject": "sub-x"})
    assert answer.status_code == 403
    assert not CompanyAccount.objects.exists()


def test_an_employee_without_admin_access_is_refused(provider_on, employee):
    client = Client()
    client.force_login(employee)
    answer = client.post(SCREEN, {"username": "jana.employee", "subject": "sub-x"})
    assert answer.status_code in (302, 403)
    assert not CompanyAccount.objects.exists()


def _refusals(username, subject):
    """The same request at both doors: the command's error and the screen's message."""
    with pytest.raises(CommandError) as by_command:
        call_command("link_company_account", username, subject, stdout=StringIO())
    return str(by_command.value)


@pytest.mark.parametrize(
    "case",
    ["subject taken", "already linked elsewhere", "superuser", "unknown account"],
)
def test_both_doors_refuse_the_same_cases_and_write_nothing(
    provider_on, admin_client, employee, other_employee, superuser, case
):
    CompanyAccount.objects.create(user=other_employee, issuer=ISSUER, subject="sub-tim")
    CompanyAccount.objects.create(user=employee, issuer=ISSUER, subject="sub-jana")
    username, subject = {
        "subject taken": ("jana.employee", "sub-tim"),
        "already linked elsewhere": ("jana.employee", "sub-neu"),
        "superuser": ("root.admin", "sub-root"),
        "unknown account": ("niemand", "sub-neu"),
    }[case]
    if case == "subject taken":
        CompanyAccount.objects.filter(user=employee).delete()
    before = sorted(CompanyAccount.objects.values_list("user__username", "subject"))

    message = _refusals(username, subject)
    page = admin_client.post(SCREEN, {"username": username, "subject": subject})

    assert page.status_code == 200
    assert message in page.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert sorted(CompanyAccount.objects.values_list("user__username", "subject")) == before


def test_linking_the_same_subject_again_changes_nothing(provider_on, employee):
    call_command("link_company_account", "jana.employee", "sub-42", stdout=StringIO())
    call_command("link_company_account", "jana.employee", "sub-42", stdout=StringIO())
    assert CompanyAccount.objects.get(user=employee).subject == "sub-42"
