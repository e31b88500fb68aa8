"""Start-up checks: a wrong role map must fail before anyone signs in."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .roles import role_map


@checks.register()
def role_map_names_known_groups(app_configs, **kwargs):
    try:
        role_map()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="identity.E001")]
    return []
