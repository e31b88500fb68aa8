"""Core models: the user, the image model, site-wide settings and the home page."""

from .images import CustomImage, CustomRendition
from .outbox import OutboxMessage
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
