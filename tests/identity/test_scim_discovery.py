"""SCIM discovery (RFC 7644 §4): what Okta's and Entra's validators read before provisioning."""

from django.test import Client

import pytest

from .scim_requests import ENTERPRISE, send

pytestmark = pytest.mark.django_db
CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


def test_service_provider_config_says_what_we_support(scim):
    response = scim.get("/scim/v2/ServiceProviderConfig")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/scim+json")
    config = response.json()
    assert config["schemas"] == ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]
    assert config["patch"] == {"supported": True}
    assert config["filter"]["supported"] is True and config["filter"]["maxResults"] >= 1
    assert config["bulk"]["supported"] is False
    assert config["sort"] == {"supported": False}
    assert config["etag"] == {"supported": False}
    assert config["changePassword"] == {"supported": False}
    [scheme] = config["authenticationSchemes"]
    assert scheme["type"] == "oauthbearertoken"
    assert config["meta"]["location"].endswith("/scim/v2/ServiceProviderConfig")


def test_resource_types_name_users_with_the_enterprise_extension_and_groups(scim):
    response = scim.get("/scim/v2/ResourceTypes")

    assert response.status_code == 200
    body = response.json()
    assert body["schemas"] == [LIST]
    types = {item["id"]: item for item in body["Resources"]}
    assert set(types) == {"User", "Group"}
    assert body["totalResults"] == 2
    assert types["User"]["endpoint"] == "/Users"
    assert types["User"]["schema"] == CORE_USER
    assert types["User"]["schemaExtensions"] == [{"schema": ENTERPRISE, "required": False}]
    assert types["Group"]["endpoint"] == "/Groups"
    one = scim.get("/scim/v2/ResourceTypes/User")
    assert one.status_code == 200 and one.json()["schema"] == CORE_USER


def test_schemas_describe_the_attributes_we_read(scim):
    response = scim.get("/scim/v2/Schemas")

    assert response.status_code == 200
    schemas = {item["id"]: item for item in response.json()["Resources"]}
    assert set(schemas) == {CORE_USER, CORE_GROUP, ENTERPRISE}
    user_attributes = {a["name"] for a in schemas[CORE_USER]["attributes"]}
    assert {"userName", "displayName", "title", "active", "emails", "addresses"} <= user_attributes
    enterprise = {a["name"] for a in schemas[ENTERPRISE]["attributes"]}
    assert {"department", "manager"} <= enterprise
    one = scim.get(f"/scim/v2/Schemas/{ENTERPRISE}")
    assert one.status_code == 200 and one.json()["id"] == ENTERPRISE


@pytest.mark.parametrize(
    "path", ["ServiceProviderConfig", "ResourceTypes", "Schemas", "Schemas/" + CORE_USER]
)
def test_discovery_wants_the_bearer_token_too(scim, path):
    for client in (Client(), Client(HTTP_AUTHORIZATION="Bearer falsch")):
        response = client.get(f"/scim/v2/{path}")
        assert response.status_code == 401
        assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


def test_unknown_discovery_entries_are_scim_404s(scim):
    for path in ("/scim/v2/ResourceTypes/Printer", "/scim/v2/Schemas/urn:kaputt"):
        response = scim.get(path)
        assert response.status_code == 404
        assert response.json()["status"] == "404"


def test_discovery_is_read_only(scim):
    response = send(scim, "post", "/scim/v2/ServiceProviderConfig", {"patch": {"supported": 0}})
    assert response.status_code == 405


def test_without_a_token_configured_there_is_no_discovery(scim, settings):
    settings.SCIM_BEARER_TOKEN = ""
    assert scim.get("/scim/v2/ServiceProviderConfig").status_code == 404
