"""Where profile photos live, who may see them, and how an upload is cleaned first.

Photos employees upload for their profile go into one collection,
"Porträts", re-saved without the camera's metadata (GPS position, device,
comments; ``core.image_metadata``) and under a neutral file name. Until an
editor approves the change the photo is only in a revision, so the rule
below shows it to no one but its uploader (``core.image_access``) and
editors; Wagtail's collection rights do not open this collection, so an
author who may choose images for posts does not see pending photos.
"""

from pathlib import PurePath

from django.db.models import Q
from django.utils.translation import gettext

from wagtail.models import Collection

from core.image_metadata import metadata_free_upload
from core.models import CustomImage
from core.visibility import is_editor, is_employee

from .models import Person

PORTRAIT_COLLECTION = "Porträts"


def portrait_collection() -> Collection:
    """The "Porträts" collection under the root (created on first use)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PORTRAIT_COLLECTION).first()
    return existing or root.add_child(name=PORTRAIT_COLLECTION)


def save_portrait(upload, person, credit: str, user=None) -> CustomImage:
    """Store a validated upload, metadata stripped, as a Wagtail image in the portrait collection.

    The uploaded file name ("IMG_2034.jpg", or something more telling) is
    not kept: the file is named after the profile.
    """
    extension = PurePath(upload.name).suffix.lower() or ".jpg"
    image = CustomImage(
        title=gettext("Portrait of %(name)s") % {"name": person.name},
        credit=credit,
        description=person.name,
        collection=portrait_collection(),
        uploaded_by_user=user,
    )
    image.file = metadata_free_upload(upload, f"portrait-{person.slug or 'person'}{extension}")
    image._set_image_file_metadata()
    image.save()
    return image


def visible_portraits(user):
    """Photos ``user`` may see because of a profile: the rule registered with core.image_access.

    Anonymous readers and other outsiders: photos of public, published
    profiles. Employees: photos of every published profile (the staff
    directory shows internal ones). Editors: every portrait, pending ones
    included, because they review profile changes.
    """
    people = Person.objects.published() if is_employee(user) else Person.objects.public()
    shown = Q(pk__in=people.exclude(photo=None).values("photo_id"))
    if is_editor(user):
        shown |= confined_portraits() | Q(pk__in=Person.objects.values("photo_id"))
    return shown


def confined_portraits():
    """The portrait collection: decided by ``visible_portraits`` alone, not by collection rights."""
    return Q(collection__name=PORTRAIT_COLLECTION, collection__depth=2)
