"""Builders of core rows (images, accounts), shared by the demo seeders and the test factories.

A builder takes plain values and saves rows, nothing more: the seeders look
existing rows up first (they must be idempotent), the factories add the
defaults and sequences. Runtime code only: ``make run`` installs no test
dependencies.
"""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile

from PIL import Image

from core.models import CustomImage


def flat_image(
    size: tuple[int, int] = (64, 36), colour: tuple[int, int, int] = (11, 79, 108), fmt="PNG"
) -> bytes:
    """A one-colour image (PNG unless ``fmt`` says otherwise): the cheapest real image."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def build_image(title: str, data: bytes, filename: str, *, credit: str, **fields) -> CustomImage:
    """Store ``data`` (image bytes) as a Wagtail image with its photo credit."""
    image = CustomImage(title=title, credit=credit, **fields)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def publish_page(parent, page):
    """Add ``page`` under ``parent`` and publish it, as an editor would leave it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_user(username: str, *, groups=(), password: str | None = None, **fields):
    """An account in the named groups; without a password it cannot log in."""
    fields.setdefault("email", f"{username}@nordlicht.example")
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user
