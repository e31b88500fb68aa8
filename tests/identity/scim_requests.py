"""SCIM requests shaped like Entra ID's provisioning service, for the identity tests."""

import json

TOKEN = "scim-test-token-0123456789"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def send(client, method, path, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body) if body is not None else "")
    return getattr(client, method)(path, data=data, content_type="application/scim+json")


def patch(client, path, *operations):
    """A SCIM PatchOp of ``operations`` (``{"op": …, "path": …, "value": …}``) to ``path``."""
    return send(client, "patch", path, {"schemas": [PATCH], "Operations": list(operations)})


def entra_user(**overrides):
    """What Entra ID's provisioning service POSTs for a new user."""
    user = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": "5f2b1c8e-0b1d-4a52-9c1e-0f0d2d5b7a11",
        "userName": "oezlem.guendogan@nordlicht.example",
        "active": True,
        "displayName": "Özlem Gündoğan",
        "title": "Ingenieurin Wärmepumpen",
        "emails": [
            {"primary": True, "type": "work", "value": "oezlem.guendogan@nordlicht.example"}
        ],
        "name": {"formatted": "Özlem Gündoğan", "familyName": "Gündoğan", "givenName": "Özlem"},
        "addresses": [{"type": "work", "locality": "Flensburg"}],
        ENTERPRISE: {"department": "Forschung & Entwicklung"},
    }
    user.update(overrides)
    return user


def create(client, **overrides):
    response = send(client, "post", "/scim/v2/Users", entra_user(**overrides))
    assert response.status_code == 201, response.content
    return response.json()
