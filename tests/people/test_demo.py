"""The people part of seed_demo: the brief's departments and people, once."""

import io

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import WorkflowState

import pytest

from people.models import Department, Person, TeamPage

pytestmark = pytest.mark.django_db


def _seed() -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def test_seed_creates_departments_people_hierarchy_and_team_page(client):
    _seed()
    assert set(Department.objects.values_list("slug", flat=True)) == {
        "geschaeftsfuehrung",
        "entwicklung",
        "vertrieb",
        "personal",
    }
    assert Person.objects.count() == 11
    assert Person.objects.public().count() == 7
    assert Person.objects.filter(photo__isnull=True).count() == 2
    henrik = Person.objects.get(slug="henrik-wolff")
    assert henrik.visibility == Person.Visibility.INTERNAL
    assert henrik.reports_to.slug == "thomas-krueger"
    assert Person.objects.get(slug="aylin-demir").user.username == "aylin.demir"
    assert Person.objects.get(slug="katrin-albers").reports_to is None
    assert Department.objects.get(slug="vertrieb").head.slug == "sabine-jensen"
    assert set(Person.objects.values_list("location", flat=True)) == {"Husum", "Kiel", "Hamburg"}
    team_page = TeamPage.objects.get()
    assert team_page.url == "/menschen/" and team_page.show_in_menus and team_page.live
    # One self-service change waits for the editors in the demo.
    jonas = Person.objects.get(slug="jonas-berger")
    assert WorkflowState.objects.for_instance(jonas).filter(status="in_progress").exists()
    assert client.get("/menschen/").status_code == 200


def test_seeding_twice_changes_nothing():
    _seed()
    before = (Person.objects.count(), Department.objects.count(), TeamPage.objects.count())
    states = WorkflowState.objects.count()
    _seed()
    assert (Person.objects.count(), Department.objects.count(), TeamPage.objects.count()) == before
    assert WorkflowState.objects.count() == states
