"""Internal blog models: pages, read confirmations, notifications, login throttling."""

from .accounts import FailedLogin, LoginLockout
from .acknowledgements import Acknowledgement
from .notifications import NotificationPreference, PostNotification
from .pages import (
    InternalIndexPage,
    InternalPostAttachment,
    InternalPostAuthor,
    InternalPostLocation,
    InternalPostPage,
)

__all__ = [
    "Acknowledgement",
    "FailedLogin",
    "InternalIndexPage",
    "InternalPostAttachment",
    "InternalPostAuthor",
    "InternalPostLocation",
    "InternalPostPage",
    "LoginLockout",
    "NotificationPreference",
    "PostNotification",
]
