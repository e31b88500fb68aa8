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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
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
        count = max(int(request.GET.get("count", 100)), 0)
    except ValueError as error:
        raise InvalidValueException(detail="startIndex and count must be integers.") from error
    chosen = items[start - 1 : start - 1 + count]
    return ListResponse[model](
        total_results=len(items), start_index=start, items_per_page=len(chosen), resources=chosen
    ).model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)


def _base() -> str:
    return base_url().rstrip("/")


def _accounts():
    return CompanyAccount.objects.filter(scim_deleted=False).select_related("user")


def _uuid(scim_id: str, kind: str) -> uuid.UUID:
    try:
        return uuid.UUID(scim_id)
    except ValueError as error:
        raise NotFoundException(detail=f"No {kind} {scim_id}.") from error


def _account(scim_id: str) -> CompanyAccount:
    account = _accounts().filter(scim_id=_uuid(scim_id, "user")).first()
    if account is None:
        raise NotFoundException(detail=f"No user {scim_id}.")
    return account


def _user_response(account, status=200) -> HttpResponse:
    resource = resources.user_resource(account, _base())
    return _respond(resource.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE), status)


@scim_view
def users(request):
    if request.method == "GET":
        accounts = _accounts().order_by("pk")
        if found := _filter_value(request, {"userName", "externalId"}):
            attribute, value = found
            accounts = (
                accounts.filter(user__username__iexact=value)
                if attribute == "username"
                else accounts.filter(external_id=value)
            )
        return _respond(
            _page(request, ScimUser, [resources.user_resource(a, _base()) for a in accounts])
        )
    if request.method == "POST":
        resource = _validate(ScimUser, _body(request), Context.RESOURCE_CREATION_REQUEST)
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
        return _user_response(resources.save_user(resource, existing), status=201)
    return HttpResponse(status=405)


@scim_view
def user(request, scim_id):
    account = _account(scim_id)
    if request.method == "GET":
        return _user_response(account)
    if request.method == "DELETE":
        resources.delete_user(account)
        return _respond(None, 204)
    if request.method == "PUT":
        resource = _validate(ScimUser, _body(request), Context.RESOURCE_REPLACEMENT_REQUEST)
        return _user_response(resources.save_user(resource, account))
    if request.method == "PATCH":
        current = resources.user_resource(account, _base())
        patch = _validate(PatchOp[ScimUser], _body(request), Context.RESOURCE_PATCH_REQUEST)
        patch.patch(current)
        return _user_response(resources.save_user(current, account))
    return HttpResponse(status=405)


def _group(scim_id: str) -> ScimGroup:
    group = ScimGroup.objects.filter(scim_id=_uuid(scim_id, "group")).first()
    if group is None:
        raise NotFoundException(detail=f"No group {scim_id}.")
    return group


def _group_response(group, status=200) -> HttpResponse:
    resource = resources.group_resource(group, _base())
    return _respond(resource.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE), status)


@scim_view
def groups(request):
    if request.method == "GET":
        found = ScimGroup.objects.order_by("pk")
        if match := _filter_value(request, {"displayName", "externalId"}):
            attribute, value = match
            found = (
                found.filter(display_name=value)
                if attribute == "displayname"
                else found.filter(external_id=value)
            )
        return _respond(
            _page(request, Group, [resources.group_resource(g, _base()) for g in found])
        )
    if request.method == "POST":
        resource = _validate(Group, _body(request), Context.RESOURCE_CREATION_REQUEST)
        return _group_response(resources.save_group(resource, None), status=201)
    return HttpResponse(status=405)


@scim_view
def group(request, scim_id):
    found = _group(scim_id)
    if request.method == "GET":
        return _group_response(found)
    if request.method == "DELETE":
        resources.delete_group(found)
        return _respond(None, 204)
    if request.method == "PUT":
        resource = _validate(Group, _body(request), Context.RESOURCE_REPLACEMENT_REQUEST)
        return _group_response(resources.save_group(resource, found))
    if request.method == "PATCH":
        current = resources.group_resource(found, _base())
        patch = _validate(PatchOp[Group], _body(request), Context.RESOURCE_PATCH_REQUEST)
        patch.patch(current)
        return _group_response(resources.save_group(current, found))
    return HttpResponse(status=405)
