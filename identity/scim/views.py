"""SCIM 2.0 endpoints, the subset Entra ID and Okta send (RFC 7644).

``/scim/v2/Users`` and ``/scim/v2/Groups``: list with ``filter=userName eq
"…"`` (``displayName eq`` for groups), create, read, PATCH, PUT, DELETE.
A bearer token (``SCIM_BEARER_TOKEN``) guards all of it; without one set
the endpoints do not exist. Errors are SCIM error documents, never a 500.
"""

import hmac
import json
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from pydantic import ValidationError
from scim2_models import (
    Context,
    Group,
    InvalidFilterException,
    InvalidSyntaxException,
    InvalidValueException,
    ListResponse,
    NotFoundException,
    PatchOp,
    SCIMException,
    UniquenessException,
)

from core.site_address import base_url

from ..models import CompanyAccount, ScimGroup
from . import resources
from .resources import ScimUser

logger = logging.getLogger(__name__)
SCIM_JSON = "application/scim+json"
# The most resources one list answer holds (ServiceProviderConfig's filter.maxResults).
MAX_RESULTS = 100
# The only filters Entra and Okta send while provisioning.
_EQ_FILTER = re.compile(
    r'^\s*(userName|displayName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.I
)


class Unauthorized(SCIMException):
    status = 401
    _default_detail = "Missing or wrong bearer token."


def _respond(body: dict | None, status: int = 200) -> HttpResponse:
    if body is None:
        return HttpResponse(status=status)
    return JsonResponse(body, status=status, content_type=SCIM_JSON)


def _error(error: SCIMException) -> HttpResponse:
    return _respond(error.to_error().model_dump(), status=int(error.status))


def _authorised(request) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.SCIM_BEARER_TOKEN.encode()
    )


def _body(request) -> dict:
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidSyntaxException(detail=f"The body is not JSON: {error}") from error
    if not isinstance(payload, dict):
        raise InvalidSyntaxException(detail="The body must be a JSON object.")
    return resources.normalise_manager(payload)


def _validate(model, payload: dict, context: Context):
    try:
        return model.model_validate(payload, scim_ctx=context)
    except ValidationError as error:
        raise InvalidValueException(detail=str(error)) from error


def scim_view(view):
    """Token check, SCIM errors for everything that goes wrong, never cached."""

    @never_cache
    @csrf_exempt
    @login_not_required
    def wrapped(request, *args, **kwargs):
        if not settings.SCIM_BEARER_TOKEN:
            raise Http404
        if not _authorised(request):
            return _error(Unauthorized())
        try:
            return view(request, *args, **kwargs)
        except SCIMException as error:
            return _error(error)
        except resources.UnknownMember as error:
            return _error(InvalidValueException(detail=f"Unknown members: {error}"))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _filter_value(request, allowed: set[str]) -> tuple[str, str] | None:
    raw = request.GET.get("filter")
    if raw is None:
        return None
    match = _EQ_FILTER.match(raw)
    if not match or match.group(1).lower() not in {name.lower() for name in allowed}:
        raise InvalidFilterException(detail=f"Unsupported filter: {raw}")
    return match.group(1).lower(), match.group(2).replace('\\"', '"').replace("\\\\", "\\")


def _page(request, model, items: list) -> dict:
    try:
        start = max(int(request.GET.get("startIndex", 1)), 1)
        count = min(max(int(request.GET.get("count", MAX_RESULTS)), 0), MAX_RESULTS)
    except ValueError as error:
        raise InvalidValueException(detail="startIndex and count must be integers.") from error
    chosen = items[start - 1 : start - 1 + count]
    return ListResponse[model](
        total_results=len(items), start_index=start, items_per_page=len(chosen), resources=chosen
    ).model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _base() -> str:
    return base_url().rstrip("/")


def _uuid(scim_id: str, kind: str) -> uuid.UUID:
    try:
        return uuid.UUID(scim_id)
    except ValueError as error:
        raise NotFoundException(detail=f"No {kind} {scim_id}.") from error


@dataclass(frozen=True)
class _Kind:
    """What differs between ``/Users`` and ``/Groups``; the HTTP side of both is one."""

    noun: str
    schema: type
    objects: Callable[[], QuerySet]
    # The SCIM attributes a list may be filtered by, each narrowing ``objects()``.
    filters: dict[str, Callable[[QuerySet, str], QuerySet]]
    represent: Callable[[Any, str], Any]
    create: Callable[[Any], Any]
    save: Callable[[Any, Any], Any]
    delete: Callable[[Any], None]

    def get(self, scim_id: str):
        found = self.objects().filter(scim_id=_uuid(scim_id, self.noun)).first()
        if found is None:
            raise NotFoundException(detail=f"No {self.noun} {scim_id}.")
        return found

    def respond(self, found, status: int = 200) -> HttpResponse:
        resource = self.represent(found, _base())
        return _respond(resource.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE), status)


def _collection(kind: _Kind, request) -> HttpResponse:
    if request.method == "GET":
        found = kind.objects().order_by("pk")
        if match := _filter_value(request, set(kind.filters)):
            attribute, value = match
            narrow = next(f for name, f in kind.filters.items() if name.lower() == attribute)
            found = narrow(found, value)
        return _respond(_page(request, kind.schema, [kind.represent(o, _base()) for o in found]))
    if request.method == "POST":
        resource = _validate(kind.schema, _body(request), Context.RESOURCE_CREATION_REQUEST)
        return kind.respond(kind.create(resource), status=201)
    return HttpResponse(status=405)


def _member(kind: _Kind, request, scim_id: str) -> HttpResponse:
    found = kind.get(scim_id)
    if request.method == "GET":
        return kind.respond(found)
    if request.method == "DELETE":
        kind.delete(found)
        return _respond(None, 204)
    if request.method == "PUT":
        resource = _validate(kind.schema, _body(request), Context.RESOURCE_REPLACEMENT_REQUEST)
        return kind.respond(kind.save(resource, found))
    if request.method == "PATCH":
        current = kind.represent(found, _base())
        patch = _validate(PatchOp[kind.schema], _body(request), Context.RESOURCE_PATCH_REQUEST)
        patch.patch(current)
        return kind.respond(kind.save(current, found))
    return HttpResponse(status=405)


def _create_user(resource: ScimUser) -> CompanyAccount:
    existing = CompanyAccount.objects.filter(user__username__iexact=resource.user_name).first()
    if existing is not None and not existing.scim_deleted:
        raise UniquenessException(detail=f"userName {resource.user_name} exists.")
    if (
        existing is None
        and get_user_model().objects.filter(username__iexact=resource.user_name).exists()
    ):
        raise UniquenessException(
            detail=f"userName {resource.user_name} is a local account; an admin links it."
        )
    if existing is None:
        existing = resources.local_account_to_link(resource)
    return resources.save_user(resource, existing)


_USERS = _Kind(
    noun="user",
    schema=ScimUser,
    objects=lambda: CompanyAccount.objects.filter(scim_deleted=False).select_related("user"),
    filters={
        "userName": lambda found, value: found.filter(user__username__iexact=value),
        "externalId": lambda found, value: found.filter(external_id=value),
    },
    represent=resources.user_resource,
    create=_create_user,
    save=resources.save_user,
    delete=resources.delete_user,
)
_GROUPS = _Kind(
    noun="group",
    schema=Group,
    objects=ScimGroup.objects.all,
    filters={
        "displayName": lambda found, value: found.filter(display_name=value),
        "externalId": lambda found, value: found.filter(external_id=value),
    },
    represent=resources.group_resource,
    create=lambda resource: resources.save_group(resource, None),
    save=resources.save_group,
    delete=resources.delete_group,
)


def _views(kind: _Kind):
    """The two views of a resource type: its collection and one member."""

    @scim_view
    def collection(request):
        return _collection(kind, request)

    @scim_view
    def member(request, scim_id):
        return _member(kind, request, scim_id)

    return collection, member


users, user = _views(_USERS)
groups, group = _views(_GROUPS)
