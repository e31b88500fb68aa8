"""Every login form of the site honours the lockout, with the project's real settings.

The three forms are ours (``/login/``), Wagtail's admin (``/admin/login/``)
and Wagtail's frontend login for restricted pages (``/_util/login/``). Each
test drives the real form as a browser does: GET the page, read the CSRF
token out of the HTML, POST it back through a client that enforces CSRF.
Nothing here overrides ``AUTHENTICATION_BACKENDS``.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import pytest

from core.visibility import EDITORS_GROUP, EMPLOYEES_GROUP
from internal.models import LoginLockout

pytestmark = pytest.mark.django_db

PASSWORD = "Kennwort-für-Möwen-42"
ADDRESS = "203.0.113.77"
LOGIN_FORMS = ["/login/", "/admin/login/", "/_util/login/"]


@pytest.fixture
def chefredakteurin(db):
    """An editor with admin access, so every one of the three forms would let her in."""
    user = get_user_model().objects.create_user(
        username="jördis.weiß",
        password=PASSWORD,
        email="joerdis.weiss@nordlicht.example",
        first_name="Jördis",
        last_name="Weiß",
    )
    user.groups.add(Group.objects.get(name=EMPLOYEES_GROUP), Group.objects.get(name=EDITORS_GROUP))
    return user


def browser(address=ADDRESS) -> Client:
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def submit_login(client: Client, url: str, username: str, password: str):
    """GET the login form, then POST it with the token it rendered, as a browser does."""
    page = client.get(url)
    assert page.status_code == 200, url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(
        url, {"csrfmiddlewaretoken": token, "username": username, "password": password}
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_the_right_password_works_on_every_login_form(site_root, chefredakteurin, url):
    client = browser()
    response = submit_login(client, url, chefredakteurin.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("guessed_at", LOGIN_FORMS)
@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_wrong_guesses_on_any_form_lock_the_account_on_every_form(
    site_root, chefredakteurin, guessed_at, url
):
    guesser = browser()
    for _ in range(5):
        response = submit_login(guesser, guessed_at, chefredakteurin.username, "falsch")
        assert response.status_code == 200
        assert not signed_in(guesser)
    assert LoginLockout.objects.filter(username=chefredakteurin.username).exists()

    client = browser()
    response = submit_login(client, url, chefredakteurin.username, PASSWORD)
    assert response.status_code == 200, "a locked account got in with the right password"
    assert not signed_in(client)
    # The lock is per (account, address): from elsewhere she still signs in.
    elsewhere = browser("198.51.100.23")
    assert submit_login(elsewhere, url, chefredakteurin.username, PASSWORD).status_code == 302
    assert signed_in(elsewhere)
