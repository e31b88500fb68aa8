"""seed_demo builds the demo company once; running it again changes nothing."""

import io

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db(transaction=False)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        # Log entries and task results record that something ran, not content.
        if model._meta.app_label not in {"wagtailcore", "django_tasks_db", "sessions"}
        or model._meta.model_name in {"page", "revision", "site", "pageviewrestriction"}
    }


def _seed(debug: bool = True) -> str:
    out = io.StringIO()
    with override_settings(DEBUG=debug):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_is_idempotent():
    _seed()
    first = _counts()
    _seed()
    assert _counts() == first
    assert first["core.HomePage"] == 1
    assert first["core.User"] >= 5


def test_seed_demo_prints_demo_logins_only_in_debug():
    output = _seed(debug=True)
    assert "katrin.albers" in output and "demo-2026!" in output
    assert get_user_model().objects.get(username="miriam.hoffmann").check_password("demo-2026!")


def test_seed_demo_without_debug_prints_no_password():
    output = _seed(debug=False)
    assert "demo-2026!" not in output
    assert not get_user_model().objects.get(username="admin").check_password("demo-2026!")


def test_seeded_home_page_serves(client):
    _seed()
    response = client.get("/")
    assert response.status_code == 200
    assert "Nordlicht" in response.content.decode()
