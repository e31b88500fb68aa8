"""Image files without what the camera wrote: no EXIF (GPS!), XMP, IPTC or comments.

A phone photo carries where and when it was taken, the device, sometimes
the owner's name. None of that belongs on a web page. Two places drop it:

* uploads we take from employees (profile photos, ``people.portraits``) are
  re-saved without it before they are stored, so even the original file an
  editor downloads is clean;
* every rendition of every image (``core.models.CustomImage``) is drawn from
  pixels without it, so files the site shows never carry it, whoever
  uploaded the original and however (the admin keeps originals as they came).

The camera's rotation is applied to the pixels first: dropping the EXIF
orientation tag alone would show portrait photos lying on their side.
"""

import io

from django.core.files.base import ContentFile

from PIL import Image, ImageOps

# Image.info keys that describe how to draw the pixels, not who took them.
KEPT_INFO = ("icc_profile", "transparency")
# Re-encoding quality for uploads we rewrite: visually lossless, still small.
UPLOAD_QUALITY = 90
_SAVE_OPTIONS = {
    "JPEG": {"quality": UPLOAD_QUALITY, "optimize": True},
    "WEBP": {"quality": UPLOAD_QUALITY},
    "PNG": {"optimize": True},
}


def upright_without_metadata(image: Image.Image) -> Image.Image:
    """``image`` turned the way the camera meant, with no metadata left in ``info``.

    Pillow writes some ``info`` entries back when saving (a JPEG comment,
    XMP), so everything but colour profile and transparency goes.
    """
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: value for key, value in upright.info.items() if key in KEPT_INFO}
    return upright


def metadata_free_upload(upload, name: str) -> ContentFile:
    """An uploaded JPEG, PNG or WebP re-saved upright, without metadata, as ``name``.

    The format stays what it was (the caller has validated it); only the
    first frame of an animation is kept, which a portrait never needs.
    """
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        clean = upright_without_metadata(original)
        if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        buffer = io.BytesIO()
        clean.save(buffer, format=image_format, **_SAVE_OPTIONS.get(image_format, {}))
    return ContentFile(buffer.getvalue(), name=name)


def without_metadata(willow_image):
    """A Willow image, upright and metadata-free, for drawing renditions from.

    Wagtail's rendition filter orients the image first anyway, so doing it
    here costs nothing extra; Willow copies EXIF into JPEG and WebP
    renditions from the Pillow image's ``info``, which is emptied here.
    Vector images (SVG) have no such metadata and pass unchanged.
    """
    oriented = willow_image.auto_orient()
    pillow_image = getattr(oriented, "image", None)
    if not isinstance(pillow_image, Image.Image):
        return oriented
    pillow_image.info = {key: value for key, value in pillow_image.info.items() if key in KEPT_INFO}
    # Wagtail picks the rendition's format from the file's format, which only
    # the file-backed image knows; the Pillow image takes the name along.
    oriented.format_name = willow_image.format_name
    return oriented
