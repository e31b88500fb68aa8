"""Departments the provider names: mapped onto ours by OIDC_DEPARTMENT_MAP, else created.

The same map applies to sign-in claims and to SCIM, so Keycloak's mapper and
Entra's provisioning agree on where a person belongs.
"""

import pytest

from people.models import Department, Person

from .conftest import sign_in
from .scim_requests import ENTERPRISE, create, patch

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(settings):
    settings.OIDC_DEPARTMENT_MAP = {
        "F&E": "Forschung & Entwicklung",
        "Vertrieb/Service": "Vertrieb & Service",
    }
    return {
        name: Department.objects.create(name=name, slug=slug)
        for name, slug in (
            ("Forschung & Entwicklung", "forschung-entwicklung"),
            ("Vertrieb & Service", "vertrieb-service"),
        )
    }


def test_a_mapped_claim_lands_in_our_department(sso, ours):
    sso.set_claims("oezlem.guendogan", department="F&E")

    sign_in(sso, "oezlem.guendogan")

    person = Person.objects.get(user__company_account__subject="oezlem.guendogan")
    assert person.department == ours["Forschung & Entwicklung"]
    assert not Department.objects.filter(name="F&E").exists()


def test_scim_uses_the_same_map_and_any_case(scim, ours):
    body = create(scim, **{ENTERPRISE: {"department": "f&e"}})
    person = Person.objects.get(user__company_account__scim_id=body["id"])
    assert person.department == ours["Forschung & Entwicklung"]

    patch(
        scim,
        f"/scim/v2/Users/{body['id']}",
        {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": " Vertrieb/Service "},
    )

    person.refresh_from_db()
    assert person.department == ours["Vertrieb & Service"]
    assert Department.objects.count() == 2


def test_an_unmapped_department_is_created_under_the_providers_name(scim, ours):
    body = create(scim, **{ENTERPRISE: {"department": "Qualitätssicherung"}})
    person = Person.objects.get(user__company_account__scim_id=body["id"])
    assert person.department.name == "Qualitätssicherung"
    assert person.department.slug == "qualitatssicherung"


def test_scim_reads_back_our_department(scim, ours):
    body = create(scim, **{ENTERPRISE: {"department": "F&E"}})
    shown = scim.get(f"/scim/v2/Users/{body['id']}").json()
    assert shown[ENTERPRISE]["department"] == "Forschung & Entwicklung"
