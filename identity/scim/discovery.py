"""SCIM discovery (RFC 7644 §4): ``ServiceProviderConfig``, ``ResourceTypes``, ``Schemas``.

Okta's and Entra ID's validators read these before they provision. They say
what ``identity.scim.views`` really does: PATCH yes; filters only ``eq`` on
``userName``/``externalId`` (users) and ``displayName``/``externalId``
(groups); no bulk, sort, ETags or password changes; a bearer token. The
documents come from scim2-models' own descriptions of the resources we
accept, so they cannot drift from what validation lets through. The same
bearer token guards them.
"""

from django.http import HttpResponse

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Context,
    ETag,
    Filter,
    Group,
    ListResponse,
    Meta,
    NotFoundException,
    Patch,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
)

from .resources import ScimUser
from .views import MAX_RESULTS, _base, _respond, scim_view

_RESOURCES = (ScimUser, Group)


def _read_only(view):
    def only_get(request, *args, **kwargs):
        if request.method != "GET":
            return HttpResponse(status=405)
        return view(request, *args, **kwargs)

    only_get.__name__ = view.__name__
    only_get.__doc__ = view.__doc__
    return scim_view(only_get)


def _dump(resource) -> dict:
    return resource.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _meta(kind: str, path: str) -> Meta:
    return Meta(resource_type=kind, location=f"{_base()}/scim/v2/{path}")


def service_provider_config() -> ServiceProviderConfig:
    return ServiceProviderConfig(
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="OAuth Bearer Token",
                description="Authorization: Bearer <SCIM_BEARER_TOKEN>",
                primary=True,
            )
        ],
        meta=_meta("ServiceProviderConfig", "ServiceProviderConfig"),
    )


def resource_types() -> dict[str, ResourceType]:
    found = {}
    for model in _RESOURCES:
        resource_type = ResourceType.from_resource(model)
        resource_type.meta = _meta("ResourceType", f"ResourceTypes/{resource_type.id}")
        found[resource_type.id] = resource_type
    return found


def schemas() -> dict[str, Schema]:
    found = {}
    for model in (*_RESOURCES, *ScimUser.get_extension_models().values()):
        schema = model.to_schema()
        schema.meta = _meta("Schema", f"Schemas/{schema.id}")
        found[schema.id] = schema
    return found


def _listing(model, items: list) -> HttpResponse:
    listing = ListResponse[model](
        total_results=len(items), start_index=1, items_per_page=len(items), resources=items
    )
    return _respond(_dump(listing))


def _one(found: dict, key: str, noun: str) -> HttpResponse:
    if key not in found:
        raise NotFoundException(detail=f"No {noun} {key}.")
    return _respond(_dump(found[key]))


@_read_only
def provider_config(request):
    return _respond(_dump(service_provider_config()))


@_read_only
def resource_type_list(request):
    return _listing(ResourceType, list(resource_types().values()))


@_read_only
def resource_type(request, name):
    return _one(resource_types(), name, "resource type")


@_read_only
def schema_list(request):
    return _listing(Schema, list(schemas().values()))


@_read_only
def schema(request, urn):
    return _one(schemas(), urn, "schema")
