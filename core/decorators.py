"""View decorators shared by the staff-only areas (directory, profile, internal settings)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from .middleware import mark_private
from .visibility import is_employee


def employees_only(view):
    """Anonymous readers go to the login page; signed-in non-employees get 403.

    The response is private either way: even the login redirect names a
    staff-only address, and no shared cache may keep it.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_private(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_employee(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapper)
