"""Where profile photos live: one collection for portraits, uploads validated first."""

from django.utils.translation import gettext

from wagtail.models import Collection

from core.models import CustomImage

PORTRAIT_COLLECTION = "Porträts"


def portrait_collection() -> Collection:
    """The "Porträts" collection under the root (created on first use)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PORTRAIT_COLLECTION).first()
    return existing or root.add_child(name=PORTRAIT_COLLECTION)


def save_portrait(upload, person, credit: str, user=None) -> CustomImage:
    """Store a validated upload as a Wagtail image in the portrait collection."""
    image = CustomImage(
        title=gettext("Portrait of %(name)s") % {"name": person.name},
        credit=credit,
        description=person.name,
        collection=portrait_collection(),
        uploaded_by_user=user,
    )
    image.file = upload
    image._set_image_file_metadata()
    image.save()
    return image
