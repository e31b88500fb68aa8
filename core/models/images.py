from contextlib import contextmanager

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

from core.image_metadata import without_metadata


class MetadataFreeFilter(Filter):
    """Wagtail's rendition filter, drawing from pixels without EXIF, XMP or comments.

    Wagtail copies the original's EXIF (GPS included) into JPEG and WebP
    renditions; this filter hands it a metadata-free image instead (see
    ``core.image_metadata``). Same spec, same cache key, same output otherwise.
    """

    @contextmanager
    def get_willow_image(self, image, source=None):
        with super().get_willow_image(image, source) as willow_image:
            yield without_metadata(willow_image)


class CustomImage(AbstractImage):
    """A Wagtail image with a photo credit, which German law expects to be shown.

    Who may download its files is decided by ``core.image_access``; its
    renditions never carry the camera's metadata.
    """

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_(
            "Photographer or source, shown under the image after “Photo:”, "
            "e.g. “Anna Weber / Nordlicht”."
        ),
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    def generate_rendition_file(self, filter, *, source=None):
        """Every rendition is drawn by ``MetadataFreeFilter``: no file the site shows has EXIF."""
        return super().generate_rendition_file(MetadataFreeFilter(spec=filter.spec), source=source)

    def create_renditions(self, *filters):
        """Wagtail's, but a rendition another request stored first is the one returned.

        Wagtail stores several renditions with ``bulk_create(ignore_conflicts=True)``
        and returns what it built, stored or not: the loser of a race between two
        first readers got files no URL serves, and its page (page cache) and the
        rendition cache kept pointing at them.
        """
        created = super().create_renditions(*filters)
        # bulk_create with ignore_conflicts sets no primary keys: every new one looks unsaved.
        unsaved = {spec: rendition for spec, rendition in created.items() if rendition.pk is None}
        if not unsaved:
            return created
        stored = {
            (rendition.filter_spec, rendition.focal_point_key): rendition
            for rendition in self.renditions.filter(
                filter_spec__in=[rendition.filter_spec for rendition in unsaved.values()]
            )
        }
        for filter, rendition in unsaved.items():
            winner = stored.get((rendition.filter_spec, rendition.focal_point_key))
            if winner is None:
                continue
            if winner.file.name != rendition.file.name:
                rendition.file.delete(save=False)  # drawn for nothing: no row names it
            created[filter] = winner
        return created


class CustomRendition(AbstractRendition):
    """Resized versions of ``CustomImage``; generated once and reused."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
