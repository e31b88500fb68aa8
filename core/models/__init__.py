"""Core models: the user, the image model, site-wide settings and the home page.

``OutboxMessage`` lives in ``operations`` but keeps core's app label, so it
is imported here too: core's migrations made its table.
"""

from operations.models import OutboxMessage

from .images import CustomImage, CustomRendition
from .pages import HomePage, StandardPage
from .settings import SiteSettings
from .users import User

__all__ = [
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "OutboxMessage",
    "SiteSettings",
    "StandardPage",
    "User",
]
